#!/usr/bin/python3
"""Scores digests against the demo network's ground truth.

usage: digest_recall.py MAIL_DIR GROUND_TRUTH.json [--min-recall R] [--max-false-rate F] [--json]

Reads every .eml in MAIL_DIR with Python's email package, collects the ad URLs the
digests show (full detail mode lists each alert's ads by URL), and checks the
ground truth's planted patterns: a pattern with expect_alert=true is found if
any of its ads is in a digest; a pattern that must not alert is a false alert
if any of its ads is. Also counts the unplanted (ordinary, benign) ads that
are in a digest, and recall per language of the patterns' ads. Prints recall
and the false-alert rate (last line is a one-line summary); exits 1 if
--min-recall or --max-false-rate is not met, 2 on bad input.

Other scripts import score(mail_dir, truth) -> dict."""
import argparse
import email
import email.policy
import json
import os
import re
import sys

URL = re.compile(r"https?://[^\s<>\"')]+")


def digest_urls(mail_dir):
    urls, messages = set(), 0
    for name in sorted(os.listdir(mail_dir)):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(mail_dir, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        messages += 1
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                urls.update(u.rstrip(".,;") for u in URL.findall(part.get_content()))
    return urls, messages


def score(mail_dir, truth):
    """Scores the digests in mail_dir against the parsed ground truth."""
    urls, messages = digest_urls(mail_dir)
    patterns = truth.get("patterns", [])
    expected = [p for p in patterns if p.get("expect_alert")]
    forbidden = [p for p in patterns if not p.get("expect_alert")]

    def shown(p):
        return any(u in urls for u in p.get("ads", []))

    found = [p for p in expected if shown(p)]
    false = [p for p in forbidden if shown(p)]
    by_kind, by_lang = {}, {}
    for p in patterns:
        k = by_kind.setdefault(p["kind"], {"patterns": 0, "in_digest": 0, "expect_alert": p.get("expect_alert")})
        k["patterns"] += 1
        k["in_digest"] += 1 if shown(p) else 0
        for lang in p.get("langs", []) if p.get("expect_alert") else []:
            entry = by_lang.setdefault(lang, {"patterns": 0, "found": 0})
            entry["patterns"] += 1
            entry["found"] += 1 if shown(p) else 0
    planted = {u for p in patterns for u in p.get("ads", [])}
    # Unplanted ads live at epoch 0, the one a single demo pass sees.
    ordinary = [a["url"] for a in truth.get("ads", []) if a["url"] not in planted and 0 in a.get("epochs", [0])]
    ordinary_shown = sum(1 for u in ordinary if u in urls)
    return {"seed": truth.get("seed"), "messages": messages, "urls": len(urls),
            "expected": len(expected), "found": len(found),
            "recall": len(found) / len(expected) if expected else 1.0,
            "must_not_alert": len(forbidden), "false_alerts": len(false),
            "false_alert_rate": len(false) / len(forbidden) if forbidden else 0.0,
            "ordinary_ads": len(ordinary), "ordinary_in_digest": ordinary_shown,
            "ordinary_alert_rate": ordinary_shown / len(ordinary) if ordinary else 0.0,
            "by_kind": by_kind, "by_lang": by_lang,
            "missed": [describe(p) for p in expected if not shown(p)],
            "false": [describe(p) for p in false]}


def describe(p):
    """Kind, note, first ad and planted wording of a pattern (for --json and diagnosis)."""
    return {"kind": p["kind"], "note": p.get("note", ""), "ad": (p.get("ads") or [""])[0],
            "wording": p.get("wording", [])}


def print_report(r, out=sys.stdout):
    for kind, k in sorted(r["by_kind"].items()):
        print("%-24s %s %3d of %3d patterns in a digest" % (
            kind, "must alert    " if k["expect_alert"] else "must not alert", k["in_digest"], k["patterns"]), file=out)
    langs = ", ".join("%s %d/%d" % (lang, v["found"], v["patterns"]) for lang, v in sorted(r["by_lang"].items()))
    if langs:
        print("must-alert patterns found by language: " + langs, file=out)
    print("ordinary (unplanted) ads in a digest: %d of %d" % (r["ordinary_in_digest"], r["ordinary_ads"]), file=out)
    print(summary_line(r), file=out)


def summary_line(r):
    return "digest recall %.3f (%d/%d), false-alert rate %.3f (%d/%d), %d messages" % (
        r["recall"], r["found"], r["expected"], r["false_alert_rate"], r["false_alerts"], r["must_not_alert"],
        r["messages"])


def main(argv):
    ap = argparse.ArgumentParser(description="score digests against demo ground truth")
    ap.add_argument("mail_dir")
    ap.add_argument("ground_truth")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--max-false-rate", type=float, default=1.0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv[1:])
    try:
        with open(a.ground_truth) as f:
            truth = json.load(f)
        r = score(a.mail_dir, truth)
    except (OSError, ValueError, KeyError) as e:
        print("digest_recall: %s" % e, file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(r, indent=2))
        print(summary_line(r))
    else:
        print_report(r)
    ok = r["recall"] >= a.min_recall and r["false_alert_rate"] <= a.max_false_rate
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
