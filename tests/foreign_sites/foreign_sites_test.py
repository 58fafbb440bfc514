#!/usr/bin/python3
"""End to end on three ad sites adwatch was not written for (tests/foreign_sites/site_*.py):
a server-rendered HTML site with a <dl> of facts and tel:-only phones, a JSON API with
cursor pagination, and a cards listing without detail pages (relative links, data-*
attributes, a 503 once, robots.txt with Crawl-delay and a disallowed path). Their profiles
(profiles/*.toml) were written from the README alone. One `adwatch run --once`, then per
site: every planted ad is stored, with non-empty text, its phone found in E.164 (looked
up with `adwatch export --phone`), its place and its stated age; nothing under the
disallowed path is stored.

usage: foreign_sites_test.py BUILD_DIR SOURCE_DIR [--keep DIR]"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = {"foreign-html": "site_html_pages.py", "foreign-api": "site_json_cursor.py",
         "foreign-cards": "site_cards.py"}

MAIN = """include = ["sites/*.toml"]

[store]
backend = "sqlite"
path = "adwatch.db"
pseudonym_key = "file:pseudonym.key"

[crawler]
user_agent = "adwatch-foreign-sites-test/1"
min_delay = "0s"
connect_timeout = "2s"
timeout = "5s"

[alerts]
transport = "file"
out_dir = "mail"
from = "adwatch@localhost"
fallback_recipients = ["signalen@zuid-limburg.example"]

[scope]
enabled = false

[register]
controller = "Gemeente"
dpo = "fg@gemeente.example"
processors = ["geen"]

[daemon]
metrics_listen = "127.0.0.1:0"
"""


def start_site(script, log):
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, script), "0"], stdout=subprocess.PIPE,
                            stderr=log, text=True)
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "listening":
        proc.kill()
        raise RuntimeError(f"{script} did not start")
    return proc, int(line[1])


def truth(script):
    out = subprocess.run([sys.executable, os.path.join(HERE, script), "0", "--truth"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def check_ad(adwatch, config, site, want, failures):
    where = f"{site} ad {want['id']}"
    for phone in want["phones"]:
        ex = subprocess.run([adwatch, "--config", config, "export", "--phone", phone],
                            capture_output=True, text=True)
        if ex.returncode != 0:
            failures.append(f"{where}: phone {phone} not found ({ex.stderr.strip()})")
            continue
        ads = [a for a in json.loads(ex.stdout)["ads"] if a["site"] == site and a["id"] == want["id"]]
        if not ads:
            failures.append(f"{where}: phone {phone} found, but not on this ad")
            continue
        ad = ads[0]
        latest = ad["versions"][-1]["ad"]
        text = " ".join(latest["text"].split())
        if not text:
            failures.append(f"{where}: empty text")
        for para in want["paragraphs"]:
            if para not in text:
                failures.append(f"{where}: text lacks the planted paragraph {para!r}")
        places = {p["name"] for p in ad["places"]}
        if want["city"] not in places:
            failures.append(f"{where}: place {want['city']} not among {sorted(places)}")
        if latest["stated_age"] != str(want["age"]):
            failures.append(f"{where}: stated age {latest['stated_age']!r}, planted {want['age']}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("source")
    ap.add_argument("--keep", help="work in this folder and leave it")
    args = ap.parse_args()
    adwatch = os.path.join(args.build, "app", "adwatch")
    out = args.keep or tempfile.mkdtemp(prefix="adwatch-foreign-")
    os.makedirs(os.path.join(out, "sites"), exist_ok=True)
    procs = []
    try:
        log = open(os.path.join(out, "sites.log"), "w")
        for site, script in SITES.items():
            proc, port = start_site(script, log)
            procs.append(proc)
            profile = open(os.path.join(HERE, "profiles", site + ".toml")).read()
            open(os.path.join(out, "sites", site + ".toml"), "w").write(profile.replace("{{PORT}}", str(port)))
        open(os.path.join(out, "adwatch.toml"), "w").write(MAIN)
        open(os.path.join(out, "pseudonym.key"), "w").write("ab" * 32)
        config = os.path.join(out, "adwatch.toml")
        subprocess.run([adwatch, "--config", config, "check-config"], check=True)
        started = time.time()
        run = subprocess.run([adwatch, "--config", config, "run", "--once"], capture_output=True, text=True,
                             timeout=120)
        open(os.path.join(out, "run.log"), "w").write(run.stdout + run.stderr)
        print(f"run --once: exit {run.returncode} in {time.time() - started:.1f} s")
        failures = []
        if run.returncode != 0:
            failures.append(f"run --once exited {run.returncode}: " + run.stderr[-2000:])
        status = json.loads(subprocess.run([adwatch, "--config", config, "status", "--json"], check=True,
                                           capture_output=True, text=True).stdout)
        for site, script in SITES.items():
            planted = truth(script)
            known = status["sites"].get(site, {}).get("ads_known", 0)
            print(f"  {site}: {known} ads stored, {len(planted)} planted")
            if known != len(planted):
                failures.append(f"{site}: {known} ads stored, {len(planted)} planted")
            wrong = []
            with concurrent.futures.ThreadPoolExecutor(4) as pool:  # one export per number
                list(pool.map(lambda want: check_ad(adwatch, config, site, want, wrong), planted))
            print(f"    {len(wrong)} wrong")
            failures += sorted(wrong)
        log.flush()
        requests = [line.split()[2] for line in open(os.path.join(out, "sites.log")) if line.startswith("cards ")]
        if any(r.startswith("/prive/") for r in requests):
            failures.append("foreign-cards: fetched /prive/, which robots.txt disallows")
        if requests.count("/limburg/pagina-2/") != 2:
            failures.append(f"foreign-cards: page 2 (503 once, then 200) fetched {requests.count('/limburg/pagina-2/')} times, not 2")
        for f in failures:
            print("FAIL", f)
        if failures:
            print(f"kept for inspection: {out}")
            return 1
        if not args.keep:
            shutil.rmtree(out)
        return 0
    finally:
        for p in procs:
            p.kill()
            p.wait()


if __name__ == "__main__":
    sys.exit(main())
