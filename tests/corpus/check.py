#!/usr/bin/python3
"""Validates corpus files (JSON lines, schema of LABELLING.md) and prints their counts.

usage: check.py FILE_OR_DIR...   exit 0 when every line is valid, 1 otherwise.
Errors name the file and line. Phone labels are checked with python3-phonenumbers (Debian),
places and municipalities against deploy/gazetteer.tsv, so that a label can never name
something adwatch could not know. A number labelled in two batches (id prefixes such as "tnl"
and "ren") is an error too: writers invent the same cliché numbers, and such a number would link
unrelated ads of different writers into one shared-phone group.
"""
import collections
import json
import os
import sys

import phonenumbers

HERE = os.path.dirname(os.path.abspath(__file__))
GAZETTEER = os.path.join(HERE, "..", "..", "deploy", "gazetteer.tsv")
LANGS = {"nl", "en", "de", "fr"}
REGIONS = {"NL", "BE", "DE", "FR", "LU"}
CATEGORIES = {"age", "services", "price", "availability", "location", "control",
              "third_person", "language", "movement", "contact", "payment", "trust"}
FIELDS = {"id": str, "lang": str, "region": str, "title": str, "text": str, "name": str,
          "age": str, "city": str, "phones": list, "price": str, "label": dict}
LABELS = {"phones": list, "ages": list, "place": (str, type(None)),
          "municipality": (str, type(None)), "categories": list, "review": bool,
          "hard_negative": bool, "family": (str, type(None)), "reason": str}


def load_gazetteer():
    places = {}
    with open(GAZETTEER, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            places[cols[0]] = cols[1]
    return places


def check_ad(ad, places, errors, where):
    def err(msg):
        errors.append(f"{where}: {msg}")

    for key, kind in FIELDS.items():
        if key not in ad:
            err(f"missing field '{key}'")
        elif not isinstance(ad[key], kind):
            err(f"field '{key}' should be {kind.__name__}")
    for key in ad:
        if key not in FIELDS:
            err(f"unknown field '{key}'")
    label = ad.get("label")
    if not isinstance(label, dict):
        return
    for key, kind in LABELS.items():
        if key not in label:
            err(f"missing label '{key}'")
        elif not isinstance(label[key], kind):
            err(f"label '{key}' has the wrong type")
    for key in label:
        if key not in LABELS:
            err(f"unknown label '{key}'")
    if ad.get("lang") not in LANGS:
        err(f"lang '{ad.get('lang')}' not one of {sorted(LANGS)}")
    if ad.get("region") not in REGIONS:
        err(f"region '{ad.get('region')}' not one of {sorted(REGIONS)}")
    for number in label.get("phones") or []:
        try:
            parsed = phonenumbers.parse(number, None)
            if not number.startswith("+") or not phonenumbers.is_valid_number(parsed):
                err(f"phone label {number} is not a valid E.164 number")
            elif phonenumbers.format_number(
                    parsed, phonenumbers.PhoneNumberFormat.E164) != number:
                err(f"phone label {number} is not in E.164 form")
        except phonenumbers.NumberParseException:
            err(f"phone label {number} does not parse")
    for age in label.get("ages") or []:
        if not isinstance(age, int) or not 10 <= age <= 99:
            err(f"age label {age!r} is not a whole number 10-99")
    place, municipality = label.get("place"), label.get("municipality")
    if place is not None:
        if place not in places:
            err(f"place '{place}' is not a gazetteer name (column 1)")
        elif places[place] != municipality:
            err(f"place '{place}' lies in '{places[place]}', not '{municipality}'")
    elif municipality is not None:
        err("municipality given without a place")
    for category in label.get("categories") or []:
        if category not in CATEGORIES:
            err(f"category '{category}' not one of {sorted(CATEGORIES)}")
    if label.get("hard_negative") and label.get("review"):
        err("a hard negative cannot be reviewed")
    if not (label.get("reason") or "").strip():
        err("empty reason")


def files_of(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".jsonl"):
                    yield os.path.join(path, name)
        else:
            yield path


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    places = load_gazetteer()
    errors, ids = [], {}
    count = collections.Counter()
    per_lang_cat = collections.Counter()
    families = collections.defaultdict(set)
    batches_of_phone = collections.defaultdict(dict)  # number -> {batch prefix: first place}
    for path in files_of(argv[1:]):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                where = f"{path}:{n}"
                if not line.strip():
                    continue
                try:
                    ad = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append(f"{where}: not JSON: {e}")
                    continue
                if not isinstance(ad, dict):
                    errors.append(f"{where}: not a JSON object")
                    continue
                check_ad(ad, places, errors, where)
                ad_id = ad.get("id")
                if ad_id in ids:
                    errors.append(f"{where}: id {ad_id} also at {ids[ad_id]}")
                ids[ad_id] = where
                label = ad.get("label") if isinstance(ad.get("label"), dict) else {}
                lang = ad.get("lang")
                count["ads"] += 1
                count[f"lang {lang}"] += 1
                count["review"] += bool(label.get("review"))
                count["hard_negative"] += bool(label.get("hard_negative"))
                for c in label.get("categories") or []:
                    per_lang_cat[(lang, c)] += 1
                if label.get("family"):
                    families[label["family"]].update(label.get("phones") or ["-"])
                batch = str(ad_id).rsplit("-", 1)[0]
                for number in label.get("phones") or []:
                    batches_of_phone[number].setdefault(batch, where)
    for number, batches in sorted(batches_of_phone.items()):
        if len(batches) > 1:
            places_ = sorted(batches.values())
            errors.append(f"{places_[-1]}: phone label {number} is also used by another batch at "
                          f"{', '.join(places_[:-1])}; change one (writers' clichés link unrelated ads)")
    for key in sorted(count):
        print(f"{key:16} {count[key]}")
    langs = sorted({lang for lang, _ in per_lang_cat})
    print("category        " + " ".join(f"{lang:>4}" for lang in langs))
    for c in sorted(CATEGORIES):
        print(f"{c:16}" + " ".join(f"{per_lang_cat[(lang, c)]:4}" for lang in langs))
    multi = sum(1 for phones in families.values() if len(phones) >= 3)
    print(f"families         {len(families)} ({multi} with 3+ phones)")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{len(errors)} error(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
