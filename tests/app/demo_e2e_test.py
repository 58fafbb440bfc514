#!/usr/bin/python3
"""End to end, as deploy/demo.sh runs it: the demo network, one `adwatch run
--once` pass, and the digest files scored against the ground truth: every
planted pattern that must alert is in a digest, and (almost) none that must not.

usage: demo_e2e_test.py BUILD_DIR SOURCE_DIR"""
import json
import re
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from demo_network import render_config, start_demo_sites  # noqa: E402


def main(build, source):
    adwatch = os.path.join(build, "app/adwatch")
    with tempfile.TemporaryDirectory(prefix="adwatch-e2e-") as out:
        proc, sites, _ = start_demo_sites(build, out)
        try:
            config = render_config(source, out, sites)
            subprocess.run([adwatch, "--config", config, "check-config"], check=True)
            start = time.time()
            with open(os.path.join(out, "adwatch.log"), "w") as log:
                run = subprocess.run([adwatch, "--config", config, "run", "--once"], stderr=log, timeout=280)
            took = time.time() - start
            print(f"run --once: exit {run.returncode} in {took:.1f} s")
            if run.returncode != 0:
                print(open(os.path.join(out, "adwatch.log")).read()[-4000:])
                return 1
            mails = [f for f in os.listdir(os.path.join(out, "mail")) if f.endswith(".eml")]
            print(f"digest files: {len(mails)}")
            status = subprocess.run([adwatch, "--config", config, "status", "--json"], check=True,
                                    capture_output=True, text=True)
            st = json.loads(status.stdout)
            for name, s in st["sites"].items():
                print(f"site {name}: {s['ads_live']} live of {s['ads_known']}, {s['pages_fetched']} pages, "
                      f"{s['errors']} errors")
                if s["ads_known"] == 0:
                    print(f"FAIL: nothing crawled from {name}")
                    return 1
                last = s.get("last_cycle", {})
                if last.get("pages", 0) <= 0 or last.get("bytes", 0) <= 0 or last.get("new", 0) != s["ads_known"]:
                    print(f"FAIL: status has no last-cycle counters for {name}: {last}")
                    return 1
            # Backtest: a candidate rule file without the youth-language weight
            # must show the alerts that would disappear, and why.
            rules = open(os.path.join(out, "rules", "default.toml")).read()
            candidate = re.sub(r'(id = "age\.teen"(?:.|\n)*?\nweight = )\d+', r"\g<1>0", rules, count=1)
            assert candidate != rules, "age.teen weight not found"
            cand_path = os.path.join(out, "candidate.toml")
            open(cand_path, "w").write(candidate)
            bt = subprocess.run([adwatch, "--config", config, "rules", "backtest", "--rules", cand_path, "--since",
                                 "30d"], capture_output=True, text=True)
            print(bt.stdout[-1500:])
            if bt.returncode != 0 or "age.teen" not in bt.stdout:
                print("FAIL: the backtest does not show the alert that age.teen carried", bt.stderr)
                return 1
            score = subprocess.run(["/usr/bin/python3", os.path.join(source, "tests/alerts/digest_recall.py"),
                                    os.path.join(out, "mail"), os.path.join(out, "ground-truth.json"),
                                    "--min-recall", "1.0", "--max-false-rate", "0.05"])
            return score.returncode
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
