#!/usr/bin/python3
"""`adwatch run` as systemd runs it, against the demo network with short
intervals: READY=1 and WATCHDOG=1 on a notify socket, digests (immediate
messages for critical alerts) appear within a bounded time, the metrics
endpoint serves valid Prometheus text, SIGHUP with a broken config keeps the
daemon on the old one, SIGHUP with a changed rule takes effect, and SIGTERM
exits 0 within 10 s.

Nothing here sleeps: each wait is for the daemon's next notify datagram (READY,
STATUS after each cycle, WATCHDOG at least every second), after which the
condition is checked again.

usage: daemon_e2e_test.py BUILD_DIR SOURCE_DIR"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from demo_network import render_config, start_demo_sites  # noqa: E402

PROM_LINE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? '
                       r'-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$')


class Failure(Exception):
    pass


# Notified by the listener thread at every datagram from the daemon.
NOTIFIED = threading.Condition()


def wait_for(what, predicate, timeout):
    deadline = time.monotonic() + timeout
    with NOTIFIED:
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure(f"timed out after {timeout} s waiting for {what}")
            NOTIFIED.wait(left)


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        raise Failure(what)


def main(build, source):
    adwatch = os.path.join(build, "app/adwatch")
    with tempfile.TemporaryDirectory(prefix="adwatch-daemon-") as out:
        sites_proc, sites, _ = start_demo_sites(build, out)
        notify_path = os.path.join(out, "notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(notify_path)
        sock.settimeout(0.2)
        notes = []
        stop = threading.Event()

        def listen():
            while not stop.is_set():
                try:
                    note = sock.recv(4096).decode()
                except socket.timeout:
                    continue  # only to look at `stop` again
                with NOTIFIED:
                    notes.append(note)
                    NOTIFIED.notify_all()
        listener = threading.Thread(target=listen)
        listener.start()
        daemon = None
        try:
            config = render_config(source, out, sites)
            for name in os.listdir(os.path.join(out, "sites")):
                path = os.path.join(out, "sites", name)
                text = re.sub(r'recrawl_interval = "[^"]*"', 'recrawl_interval = "5s"', open(path).read())
                open(path, "w").write(text)
            good = open(config).read()
            env = dict(os.environ, NOTIFY_SOCKET=notify_path, WATCHDOG_USEC="2000000")
            log_path = os.path.join(out, "adwatch.log")
            daemon = subprocess.Popen([adwatch, "--config", config, "run"], stderr=open(log_path, "w"), env=env)
            log = lambda: open(log_path).read()  # noqa: E731

            wait_for("READY=1", lambda: any("READY=1" in n for n in notes), 60)
            check(True, "READY=1 received")
            wait_for("WATCHDOG=1", lambda: any("WATCHDOG=1" in n for n in notes), 10)
            check(True, "WATCHDOG=1 received")

            mail = os.path.join(out, "mail")
            wait_for("a message in mail/", lambda: any(f.endswith(".eml") for f in os.listdir(mail)), 150)
            check(True, "an immediate message for a critical alert was written")
            # The daemon sets its own umask: what it writes is for its user only,
            # whatever the shell or unit that started it allows.
            emls = [os.path.join(mail, f) for f in os.listdir(mail) if f.endswith(".eml")]
            loose = [p for p in emls if os.stat(p).st_mode & 0o077]
            check(emls and not loose, f"messages are private to the daemon's user (open: {loose})")

            m = re.search(r"metrics on (http://127\.0\.0\.1:\d+/metrics)", log())
            check(m is not None, "the metrics endpoint is announced in the log")
            body = subprocess.run(["curl", "-sf", m.group(1)], capture_output=True, text=True, timeout=10).stdout
            lines = [l for l in body.splitlines() if l and not l.startswith("#")]
            bad = [l for l in lines if not PROM_LINE.match(l)]
            check(len(lines) > 10 and not bad, f"metrics are valid Prometheus text ({len(lines)} samples, bad: {bad[:3]})")
            check("adwatch_crawl_pages_total{site=\"demo-html\"}" in body, "per-site crawl counters exported")

            open(config, "w").write(good + "\n[crawler]\nwieght = 1\n")
            daemon.send_signal(signal.SIGHUP)
            wait_for("the broken reload to be rejected", lambda: "reload rejected" in log(), 20)
            seen = len(notes)
            wait_for("a watchdog ping after the rejected reload",
                     lambda: any("WATCHDOG=1" in n for n in notes[seen:]), 10)
            check(daemon.poll() is None, "a broken config on SIGHUP keeps the daemon running on the old one")

            open(config, "w").write(good)
            rules = os.path.join(out, "rules", "default.toml")
            text = open(rules).read()
            text2, n = re.subn(r"^weight = (\d+)", lambda w: f"weight = {int(w.group(1)) - 1}", text, count=1,
                               flags=re.M)
            check(n == 1, "a rule weight to change was found")
            open(rules, "w").write(text2)
            daemon.send_signal(signal.SIGHUP)
            wait_for("the changed rule to take effect", lambda: "configuration reloaded" in log(), 60)
            versions = re.findall(r"rules (?:version )?([0-9a-f]{12})", log())
            check(len(set(versions)) >= 2, f"the rules version changed on reload ({sorted(set(versions))})")

            start = time.time()
            daemon.send_signal(signal.SIGTERM)
            code = daemon.wait(timeout=15)
            took = time.time() - start
            check(code == 0 and took < 10, f"SIGTERM: exit {code} after {took:.1f} s")
            check(any("STOPPING=1" in n for n in notes), "STOPPING=1 received")
            return 0
        except Failure:
            if os.path.exists(os.path.join(out, "adwatch.log")):
                print(open(os.path.join(out, "adwatch.log")).read()[-3000:])
            return 1
        finally:
            if daemon and daemon.poll() is None:
                daemon.kill()
            stop.set()
            listener.join()
            sites_proc.terminate()
            sites_proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
