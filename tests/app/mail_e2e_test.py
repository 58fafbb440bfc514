#!/usr/bin/python3
"""`adwatch run` against mail servers that misbehave, on the demo network:

1. a server without STARTTLS: `run --once` sends nothing in clear text, exits 1
   saying mail was not delivered, and `status` shows the queued mail and why;
2. a server that accepts the connection and never answers: while the daemon
   waits for it, /metrics and /healthz keep answering, crawl cycles go on
   finishing (delivery is off the event loop), and SIGTERM still ends the
   daemon (exit 0) within the grace period.

Against a binary built with AddressSanitizer + UndefinedBehaviorSanitizer
(tests/run.sh does this with the asan preset) any report of theirs fails it.

usage: mail_e2e_test.py BUILD_DIR SOURCE_DIR"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from demo_network import render_config, start_demo_sites  # noqa: E402


class Failure(Exception):
    pass


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        raise Failure(what)


SANITIZER_REPORTS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def check_no_sanitizer_report(text, what):
    found = [r for r in SANITIZER_REPORTS if r in text]
    if found:
        print(text[-6000:])
    check(not found, f"no sanitizer report from {what}")


def cycles_done(log_path):
    return len(re.findall(r"crawl cycle \d+ of \S+ done", open(log_path).read()))


def use_smtp(config, url, extra=""):
    text = open(config).read()
    text = text.replace('transport = "file"', 'transport = "smtp"')
    text = text.replace("[[alerts.municipality]]", f'[alerts.smtp]\nurl = "{url}"\n{extra}\n[[alerts.municipality]]', 1)
    open(config, "w").write(text)


def start_sink(source, directory):
    """The aiosmtpd test sink (no TLS offered); returns (proc, port)."""
    proc = subprocess.Popen(["/usr/bin/python3", os.path.join(source, "tests/support/smtp_sink.py"), "--dir",
                             directory, "--lifetime", "300"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("PORT "):
        proc.kill()
        raise Failure("the SMTP sink did not start")
    return proc, int(line.split()[1])


def no_starttls(build, source, out, sites):
    adwatch = os.path.join(build, "app/adwatch")
    config = render_config(source, out, sites)
    received = os.path.join(out, "received")
    sink, port = start_sink(source, received)
    try:
        use_smtp(config, f"smtp://127.0.0.1:{port}")
        run = subprocess.run([adwatch, "--config", config, "run", "--once"], capture_output=True, text=True,
                             timeout=300)
        check_no_sanitizer_report(run.stderr, "run --once")
        check(run.returncode == 1, f"run --once exits 1 when mail could not be delivered (got {run.returncode})")
        check("mail not delivered" in run.stderr, "run --once says mail was not delivered")
        check("STARTTLS" in run.stderr, "the log names the missing STARTTLS")
        check(not [f for f in os.listdir(received) if f.endswith(".eml")], "nothing was sent in clear text")
        status = subprocess.run([adwatch, "--config", config, "status"], capture_output=True, text=True, timeout=60)
        m = re.search(r"mail queued \(due or retrying later\): (\d+)", status.stdout)
        check(m is not None and int(m.group(1)) > 0, "status shows the queued mail")
        check("NOT DELIVERED" in status.stdout and "STARTTLS" in status.stdout, "status shows why: no STARTTLS")
    finally:
        sink.terminate()
        sink.wait(timeout=10)


def silent_server(build, source, out, sites):
    adwatch = os.path.join(build, "app/adwatch")
    config = render_config(source, out, sites)
    for name in os.listdir(os.path.join(out, "sites")):
        path = os.path.join(out, "sites", name)
        text = re.sub(r'recrawl_interval = "[^"]*"', 'recrawl_interval = "5s"', open(path).read())
        open(path, "w").write(text)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    # curl counts the server's greeting as part of connecting: both phases wait long.
    use_smtp(config, f"smtp://127.0.0.1:{silent.getsockname()[1]}",
             'connect_timeout = "120s"\nreply_timeout = "120s"\ntotal_timeout = "300s"')
    log_path = os.path.join(out, "silent.log")
    daemon = subprocess.Popen([adwatch, "--config", config, "run"], stderr=open(log_path, "w"))
    conn = None
    try:
        silent.settimeout(200)
        conn, _ = silent.accept()  # the daemon is now waiting for a greeting that never comes
        check(True, "the daemon connected to the silent mail server")
        m = re.search(r"metrics on (http://127\.0\.0\.1:\d+)/metrics", open(log_path).read())
        check(m is not None, "the metrics endpoint is announced")
        start = time.time()
        body = urllib.request.urlopen(m.group(1) + "/metrics", timeout=5).read().decode()
        check("adwatch_mail_attempts_total" in body and time.time() - start < 5,
              f"/metrics answers while mail hangs ({time.time() - start:.1f} s)")
        try:
            health = urllib.request.urlopen(m.group(1) + "/healthz", timeout=5).read().decode()
        except urllib.error.HTTPError as e:
            health = e.read().decode()
        check(health.split(":")[0].strip() in ("ok", "degraded", "failing"), f"/healthz answers: {health.strip()}")
        # The mail server still hangs (for 120 s): cycles go on (recrawl_interval 5 s).
        before = cycles_done(log_path)
        deadline = time.time() + 90
        while cycles_done(log_path) <= before and time.time() < deadline and daemon.poll() is None:
            time.sleep(0.5)
        check(cycles_done(log_path) > before, "a crawl cycle finishes while the mail server hangs")
        body = urllib.request.urlopen(m.group(1) + "/metrics", timeout=5).read().decode()
        check("adwatch_crawl_cycles_total" in body, "/metrics still answers")
        start = time.time()
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(timeout=30)
        took = time.time() - start
        check_no_sanitizer_report(open(log_path).read(), "the daemon")
        check(code == 0 and took < 10, f"SIGTERM while mail hangs: exit {code} after {took:.1f} s")
    finally:
        if daemon.poll() is None:
            daemon.kill()
        if conn:
            conn.close()
        silent.close()


def main(build, source):
    with tempfile.TemporaryDirectory(prefix="adwatch-mail-") as out:
        sites_proc, sites, _ = start_demo_sites(build, out)
        try:
            no_starttls(build, source, os.path.join(out, "a"), sites)
            silent_server(build, source, os.path.join(out, "b"), sites)
            return 0
        except (Failure, subprocess.TimeoutExpired, socket.timeout, OSError) as e:
            print(f"FAIL {e}")
            for log in ("b/silent.log",):
                if os.path.exists(os.path.join(out, log)):
                    print(open(os.path.join(out, log)).read()[-3000:])
            return 1
        finally:
            sites_proc.terminate()
            sites_proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
