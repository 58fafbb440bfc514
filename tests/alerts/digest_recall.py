#!/usr/bin/python3
"""Scores digests against the demo network's ground truth.

usage: digest_recall.py MAIL_DIR GROUND_TRUTH.json [--min-recall R] [--max-false-rate F] [--json]

Reads every .eml in MAIL_DIR with Python's email package, collects the ad URLs the
digests show (full detail mode lists each alert's ads by URL), and checks the
ground truth's planted patterns: a pattern with expect_alert=true is found if
any of its ads is in a digest; a pattern that must not alert is a false alert
if any of its ads is. Prints recall and the false-alert rate (last line is a
one-line summary); exits 1 if --min-recall or --max-false-rate is not met,
2 on bad input."""
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


def main(argv):
    ap = argparse.ArgumentParser(description="score digests against demo ground truth")
    ap.add_argument("mail_dir")
    ap.add_argument("ground_truth")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--max-false-rate", type=float, default=1.0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv[1:])
    args = [a.mail_dir, a.ground_truth]
    opts = {"--min-recall": a.min_recall, "--max-false-rate": a.max_false_rate, "--json": a.json}
    mail_dir, gt_path = args
    try:
        truth = json.load(open(gt_path))
        urls, messages = digest_urls(mail_dir)
    except (OSError, ValueError) as e:
        print("digest_recall: %s" % e, file=sys.stderr)
        return 2
    expected = [p for p in truth.get("patterns", []) if p.get("expect_alert")]
    forbidden = [p for p in truth.get("patterns", []) if not p.get("expect_alert")]
    found = [p for p in expected if any(u in urls for u in p.get("ads", []))]
    false = [p for p in forbidden if any(u in urls for u in p.get("ads", []))]
    recall = len(found) / len(expected) if expected else 1.0
    false_rate = len(false) / len(forbidden) if forbidden else 0.0
    by_kind = {}
    for p in expected + forbidden:
        k = by_kind.setdefault(p["kind"], {"patterns": 0, "in_digest": 0, "expect_alert": p.get("expect_alert")})
        k["patterns"] += 1
        k["in_digest"] += 1 if any(u in urls for u in p.get("ads", [])) else 0
    result = {"messages": messages, "urls": len(urls), "expected": len(expected), "found": len(found),
              "recall": recall, "must_not_alert": len(forbidden), "false_alerts": len(false),
              "false_alert_rate": false_rate, "by_kind": by_kind,
              "missed": [p.get("note", p["kind"]) for p in expected if p not in found]}
    if opts.get("--json"):
        print(json.dumps(result, indent=2))
    else:
        for kind, k in sorted(by_kind.items()):
            print("%-24s %s %3d of %3d patterns in a digest" % (
                kind, "must alert    " if k["expect_alert"] else "must not alert", k["in_digest"], k["patterns"]))
    print("digest recall %.3f (%d/%d), false-alert rate %.3f (%d/%d), %d messages" % (
        recall, len(found), len(expected), false_rate, len(false), len(forbidden), messages))
    ok = recall >= opts.get("--min-recall", 0.0) and false_rate <= opts.get("--max-false-rate", 1.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
