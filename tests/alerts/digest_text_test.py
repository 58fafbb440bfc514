#!/usr/bin/python3
"""What a coordinator reads, over every message of a demo run.

Two demo passes on the same seed (`adwatch run --once`, as deploy/demo.sh):
1. detail "full" (the demo configuration): every digest and immediate mail,
   decoded with Python's email package (subject, plain text and HTML), has
   no rule id, no byte offset, no identifier such as "shared_phone", no
   English word (outside the quoted ad content „…” and the links), every
   count agrees with its noun ("1 signaal", "2 signalen"), and "hoog" or
   "kritiek" never stands beside a score below its threshold;
2. no `detail` key and a [console] public_base_url (so detail is "minimal"):
   every message links its signals to the console and has no phone number
   (in any spelling of its digits), no advertiser name, no ad title, no
   wording of the ads and no ad URL.
Writes the decoded texts of the first pass to ARTIFACT_DIR (if given) to read.

usage: digest_text_test.py BUILD_DIR SOURCE_DIR [ARTIFACT_DIR]"""
import email
import email.policy
import glob
import json
import html
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "app"))
from demo_network import render_config, start_demo_sites  # noqa: E402

SEED, ADS = 1, 500
CONSOLE = "https://adwatch.gemeente.example"

# English words that would betray an untranslated format ("4 ads with 4
# phones/names share", "3 towns within 14d", "not scored") or label.
ENGLISH = set("""ads ad with share shares phone phones names within towns town not scored movement links risk the
and signal signals severity escalated new sent text title age control services availability location
language payment price trust touring template shared evidence what next record assessment alerts decide outcome
generated summary municipality municipalities indicators seen first critical high medium low none
region whole digest this message contains personal forward proof review state under only from by days""".split())

NOUNS = [("signaal", "signalen"), ("advertentie", "advertenties"), ("naam", "namen"), ("dag", "dagen"),
         ("plaats", "plaatsen"), ("punt", "punten"), ("categorie", "categorieën"), ("open signaal", "open signalen")]


def html_text(h, ours_only):
    """The text of an HTML body; with ours_only, without quoted ad content (<q>) and linked titles (<a>)."""
    if ours_only:
        h = re.sub(r"<li>[^<:]*: (?=<a )|<q>.*?</q>|<a [^>]*>.*?</a>|<title>.*?</title>", " ", h, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", h))


def messages(mail_dir):
    """(file, subject, text, html) of every message, the HTML as raw markup."""
    out = []
    for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml"))):
        with open(path, "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        text = m.get_body(("plain",)).get_content()
        h = m.get_body(("html",))
        out.append((os.path.basename(path), str(m["subject"]), text, h.get_content() if h else ""))
    return out


def ours(s):
    """The text adwatch wrote itself: without quoted ad content, the examples the rules'
    descriptions quote ('barely legal'), site names and links."""
    s = re.sub(r"„[^”]*”", " ", s)
    # A phone's pseudonym is random hex ("[tel 73ad57bc]"): no words of ours, though
    # a split at its digits finds some ("ad").
    s = re.sub(r"\[tel [0-9a-f]+\]", " ", s)
    s = re.sub(r"(?<!\w)'(?!s-)[^'\n]+'(?!\w)", " ", s)
    s = re.sub(r"https?://\S+", " ", s)
    return re.sub(r"^\s*- demo-[a-z]+:", " ", s, flags=re.M)


def rule_ids(source):
    ids = set()
    for path in glob.glob(os.path.join(source, "deploy/rules/*.toml")):
        ids.update(re.findall(r'^id\s*=\s*"([^"]+)"', open(path, encoding="utf-8").read(), flags=re.M))
    return ids


def check_full(msgs, ids):
    problems = []
    for name, subject, text, h in msgs:
        for part, body, body_ours in (("subject", subject, ours(subject)), ("text", text, ours(text)),
                                      ("html", html_text(h, False), ours(html_text(h, True)))):
            for rid in ids:
                if rid in body:
                    problems.append(f"{name} {part}: rule id {rid}")
            if re.search(r"\[\d+,\s*\d+\]", body):
                problems.append(f"{name} {part}: a byte offset")
            for ident in re.findall(r"\b[a-z]+_[a-z_]+\b", body_ours):
                problems.append(f"{name} {part}: identifier {ident}")
            words = {w.lower() for w in re.findall(r"[^\W\d_]+", body_ours)}
            for w in sorted(words & ENGLISH):
                # The word was found by a Unicode-aware split; a plain \b may not see it
                # (next to a digit or an underscore), so fall back to the bare word.
                at = re.search(r"(?i)\b" + w + r"\b", body_ours) or re.search(r"(?i)" + re.escape(w), body_ours)
                where = body_ours[max(0, at.start() - 60):at.end() + 60] if at else body_ours[:120]
                problems.append(f"{name} {part}: English word '{w}' in {where!r}")
            for one, many in NOUNS:
                for m in re.finditer(r"(?<![\d.,])(\d+) (" + re.escape(one) + "|" + re.escape(many) + r")\b", body_ours):
                    n, noun = int(m.group(1)), m.group(2)
                    if (n == 1) != (noun == one):
                        problems.append(f"{name} {part}: '{m.group(0)}'")
            for m in re.finditer(r"hoog, omdat de score (\d+) de meldingsdrempel \((\d+)\)", body):
                if int(m.group(1)) < int(m.group(2)):
                    problems.append(f"{name} {part}: hoog with score {m.group(1)} below {m.group(2)}")
            for m in re.finditer(r"kritiek, omdat de score (\d+) de grens voor kritiek \((\d+)\)", body):
                if int(m.group(1)) < int(m.group(2)):
                    problems.append(f"{name} {part}: kritiek with score {m.group(1)} below {m.group(2)}")
        if "Signaal #" in text and "Ernst: " not in text:
            problems.append(f"{name}: a signal without its severity line")
    return problems


def digit_forms(e164):
    """The digits of a phone number as they could be written: national and international."""
    d = re.sub(r"\D", "", e164)
    return {d, d[-9:], "0" + d[-9:]}


def check_minimal(msgs, truth):
    problems = []
    urls, phones, names, titles, wording = set(), set(), set(), set(), set()
    for ad in truth["ads"]:
        urls.add(ad["url"])
        for p in ad.get("phones", []):
            phones |= digit_forms(p)
        if len(ad.get("name", "")) >= 3:
            names.add(ad["name"])
        for v in ad.get("versions", []):
            titles.add(v.get("title", ""))
    for p in truth["patterns"]:
        wording.update(w for w in p.get("wording", []) if len(w) >= 8)
    for name, subject, text, h in msgs:
        for part, body in (("subject", subject), ("text", text), ("html", h), ("html text", html_text(h, False))):
            digits = re.sub(r"\D", "", body)
            for ph in phones:
                if len(ph) >= 9 and ph in digits:
                    problems.append(f"{name} {part}: a phone number")
            if "[tel" in body or "„" in body:
                problems.append(f"{name} {part}: a masked number or quoted ad content")
            for u in urls:
                if u in body:
                    problems.append(f"{name} {part}: ad URL {u}")
            for n in names:
                if re.search(r"\b" + re.escape(n) + r"\b", body):
                    problems.append(f"{name} {part}: advertiser name {n}")
            for t in titles:
                if t and t in body:
                    problems.append(f"{name} {part}: ad title {t}")
            for w in wording:
                if w in body:
                    problems.append(f"{name} {part}: ad wording {w}")
        for sid in re.findall(r"Signaal #(\d+)", text):
            if f"{CONSOLE}/signals/{sid}" not in text:
                problems.append(f"{name}: signal #{sid} without its console link")
    return problems


def demo_pass(build, source, out, minimal):
    os.makedirs(out, exist_ok=True)
    proc, sites, _ = start_demo_sites(build, out, seed=SEED, extra=("--ads", str(ADS)))
    try:
        config = render_config(source, out, sites)
        if minimal:
            text = open(config, encoding="utf-8").read()
            text = re.sub(r'^detail = "full".*\n', "", text, flags=re.M)
            # The demo configuration may already have a [console] table: set its base URL.
            if re.search(r"^\[console\]", text, flags=re.M):
                text = re.sub(r'^public_base_url = .*\n', "", text, flags=re.M)
                text = re.sub(r"^\[console\]\n", f'[console]\npublic_base_url = "{CONSOLE}"\n', text, flags=re.M)
            else:
                text += f'\n[console]\npublic_base_url = "{CONSOLE}"\n'
            open(config, "w", encoding="utf-8").write(text)
        with open(os.path.join(out, "adwatch.log"), "w") as log:
            subprocess.run([os.path.join(build, "app/adwatch"), "--config", config, "run", "--once"], stderr=log,
                           timeout=280, check=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    with open(os.path.join(out, "ground-truth.json")) as f:
        truth = json.load(f)
    return messages(os.path.join(out, "mail")), truth


def main(argv):
    build, source = argv[1], argv[2]
    artifacts = argv[3] if len(argv) > 3 else None
    problems = []
    with tempfile.TemporaryDirectory(prefix="adwatch-digest-text-") as tmp:
        full, _ = demo_pass(build, source, os.path.join(tmp, "full"), minimal=False)
        minimal, truth = demo_pass(build, source, os.path.join(tmp, "minimal"), minimal=True)
    if not full or not any("Signaal #" in t for _, _, t, _ in full):
        problems.append("the full pass wrote no digest with a signal")
    if not minimal or not any("Signaal #" in t for _, _, t, _ in minimal):
        problems.append("the minimal pass wrote no digest with a signal")
    problems += check_full(full, rule_ids(source))
    problems += check_minimal(minimal, truth)
    if artifacts:
        os.makedirs(artifacts, exist_ok=True)
        for label, msgs in (("full", full), ("minimal", minimal)):
            with open(os.path.join(artifacts, f"digests-{label}.txt"), "w", encoding="utf-8") as f:
                for name, subject, text, _ in msgs:
                    f.write(f"### {name}\nSubject: {subject}\n\n{text}\n")
    print(f"{len(full)} messages with full detail, {len(minimal)} minimal")
    for p in problems[:60]:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
