#!/usr/bin/python3
"""Runs `adwatch rules evaluate` on a corpus split and fails when detection regresses.

usage: gate.py ADWATCH_BINARY SPLIT_DIR
Two sets of figures: the target (the detection issue's acceptance floors: review recall 0.95,
false-review rate 0.03, stated-age F1 0.98, phone F1 0.99, municipality accuracy 0.98, template
pair recall 0.90 at precision 0.95), reported with every run, and the floor below which the suite
fails: the figures the shipped rules reached on the test split when it was last measured, less a
small margin, so that no change can make detection worse unnoticed. Where the floor is below the
target the target is not met yet (README, "Measuring detection"); raise a floor when the rules
improve, never lower it to let a change through. Neither is a tuned value.
Prints the aggregate report only, never the ads it got wrong: nobody may tune the rules on the
test split's misses (run `rules evaluate --misses` on dev/ for that).
"""

import json
import subprocess
import sys

# Measured on test/ (see README); a margin below, for the floor.
REVIEW_RECALL_FLOOR = 0.95  # 0.958 measured 2026-12-02: the target itself, as the issue asks of CI
PHONE_F1_FLOOR = 0.99

FLOORS = [  # (label, value from the JSON report, target, floor, higher is better)
    ("review recall", lambda r: r["review"]["recall"], 0.95, REVIEW_RECALL_FLOOR, True),
    ("false-review rate", lambda r: r["review"]["false_review_rate"], 0.03, 0.03, False),
    ("stated-age F1", lambda r: r["ages"]["f1"], 0.98, 0.98, True),
    ("phone F1", lambda r: r["phones"]["f1"], 0.99, PHONE_F1_FLOOR, True),
    ("municipality accuracy", lambda r: r["municipality_accuracy"], 0.98, 0.98, True),
    ("template pair recall", lambda r: r["template_pairs"]["recall"], 0.90, 0.90, True),
    ("template pair precision", lambda r: r["template_pairs"]["precision"], 0.95, 0.95, True),
]


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary, split = argv[1], argv[2]
    text = subprocess.run([binary, "rules", "evaluate", "--corpus", split],
                          capture_output=True, text=True)
    print(text.stdout)
    if text.returncode != 0:
        print(text.stderr, file=sys.stderr)
        return 1
    out = subprocess.run([binary, "rules", "evaluate", "--corpus", split, "--json"],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    failed = 0
    for label, get, target, floor, higher in FLOORS:
        value = get(report)
        ok = value >= floor if higher else value <= floor
        met = value >= target if higher else value <= target
        failed += not ok
        op = ">=" if higher else "<="
        print(f"{'ok  ' if ok else 'FAIL'} {label:24} {value:.3f} (floor {op} {floor}; target {op} {target}: "
              f"{'met' if met else 'NOT MET'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
