#!/usr/bin/python3
"""Runs `adwatch rules evaluate` on a corpus split and fails under the detection floors.

usage: gate.py ADWATCH_BINARY SPLIT_DIR
The floors are the issue's acceptance figures, not tuned values: review recall 0.95,
false-review rate 0.03, stated-age F1 0.98, phone F1 0.99, municipality accuracy 0.98,
template pair recall 0.90 at precision 0.95. Prints the whole report first, so a failure in
CI shows what was missed.
"""
import json
import subprocess
import sys

FLOORS = [  # (label, value from the JSON report, floor, higher is better)
    ("review recall", lambda r: r["review"]["recall"], 0.95, True),
    ("false-review rate", lambda r: r["review"]["false_review_rate"], 0.03, False),
    ("stated-age F1", lambda r: r["ages"]["f1"], 0.98, True),
    ("phone F1", lambda r: r["phones"]["f1"], 0.99, True),
    ("municipality accuracy", lambda r: r["municipality_accuracy"], 0.98, True),
    ("template pair recall", lambda r: r["template_pairs"]["recall"], 0.90, True),
    ("template pair precision", lambda r: r["template_pairs"]["precision"], 0.95, True),
]


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary, split = argv[1], argv[2]
    text = subprocess.run([binary, "rules", "evaluate", "--corpus", split, "--misses"],
                          capture_output=True, text=True)
    print(text.stdout)
    if text.returncode != 0:
        print(text.stderr, file=sys.stderr)
        return 1
    out = subprocess.run([binary, "rules", "evaluate", "--corpus", split, "--json"],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    failed = 0
    for label, get, floor, higher in FLOORS:
        value = get(report)
        ok = value >= floor if higher else value <= floor
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {label:24} {value:.3f} ({'>=' if higher else '<='} {floor})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
