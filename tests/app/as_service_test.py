"""`adwatch alerts list` the documented way on a host set up as the README says:
`sudo adwatch --as-service alerts list`, the shipped unit (DynamicUser,
StateDirectory=adwatch mode 0700, LoadCredential), `pseudonym_key =
"credential:pseudonym-key"` and the store in /var/lib/adwatch, owned by the
service's dynamic user only.

systemd is not PID 1 in the test sandbox: tests/app/fake_systemd_run.py stands
in for systemd-run and builds the service's context from the --property
arguments adwatch passes (a dynamic uid, the state directory, a credentials
directory with $CREDENTIALS_DIRECTORY). /etc and /var/lib are overlays in a
private mount namespace, so the host's own stay untouched. Needs root (and
mount namespaces): skipped (exit 77) otherwise.

usage: as_service_test.py BUILD_DIR SOURCE_DIR"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from demo_network import render_config, start_demo_sites  # noqa: E402

SKIP = 77
SERVICE_UID = 61234  # fake_systemd_run.py's dynamic user


def overlay(target, scratch, name):
    up, work = os.path.join(scratch, name + "-up"), os.path.join(scratch, name + "-work")
    os.makedirs(up)
    os.makedirs(work)
    subprocess.run(["mount", "-t", "overlay", "overlay", "-o", f"lowerdir={target},upperdir={up},workdir={work}",
                    target], check=True)


def run(argv, **kw):
    r = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kw)
    return r.returncode, r.stdout, r.stderr


def inner(build, source, scratch):
    adwatch = os.path.join(build, "app/adwatch")
    failures = []
    overlay("/etc", scratch, "etc")
    overlay("/var/lib", scratch, "varlib")
    proc, sites, _ = start_demo_sites(build, scratch, extra=("--ads", "250"))
    try:
        demo = os.path.join(scratch, "demo")
        os.makedirs(demo)
        render_config(source, demo, sites)
        # The installed layout (README, "Install on a host"): /etc/adwatch with the
        # configuration, its sites and rules; the secrets as credentials.
        etc = "/etc/adwatch"
        os.makedirs(etc)
        shutil.copytree(os.path.join(demo, "sites"), os.path.join(etc, "sites"))
        shutil.copytree(os.path.join(demo, "rules"), os.path.join(etc, "rules"))
        shutil.copy(os.path.join(source, "deploy/gazetteer.tsv"), os.path.join(etc, "gazetteer.tsv"))
        cfg = open(os.path.join(demo, "adwatch.toml")).read()
        cfg = cfg.replace('path = "adwatch.db"', 'path = "/var/lib/adwatch/adwatch.db"')
        cfg = cfg.replace('"file:pseudonym.key"', '"credential:pseudonym-key"')
        cfg = cfg.replace('out_dir = "mail"', 'out_dir = "/var/lib/adwatch/mail"')
        cfg = re.sub(r'gazetteer = "[^"]*"', 'gazetteer = "/etc/adwatch/gazetteer.tsv"', cfg)
        assert "credential:pseudonym-key" in cfg and "/var/lib/adwatch/adwatch.db" in cfg
        open(os.path.join(etc, "adwatch.toml"), "w").write(cfg)
        creds = os.path.join(etc, "credentials")
        os.makedirs(creds, mode=0o700)
        subprocess.run(["sh", "-c", "umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n' > "
                        + creds + "/pseudonym-key"], check=True)
        with open(os.path.join(creds, "smtp-password"), "w") as f:  # README step 2
            f.write("unused-with-the-file-transport")
        os.chmod(os.path.join(creds, "smtp-password"), 0o600)

        env = dict(os.environ)
        env.pop("CREDENTIALS_DIRECTORY", None)
        env["ADWATCH_UNIT"] = os.path.join(source, "deploy/adwatch.service")
        env["ADWATCH_SYSTEMD_RUN"] = os.path.join(source, "tests/app/fake_systemd_run.py")
        env["FAKE_SYSTEMD_RUN_LOG"] = os.path.join(scratch, "systemd-run.log")
        env["FAKE_SYSTEMD_RUN_CREDENTIALS"] = scratch

        # The service's pass fills the store, as the daemon would.
        code, out, err = run([adwatch, "--as-service", "run", "--once"], env=env)
        if code != 0:
            print(err[-4000:])
            failures.append(f"--as-service run --once: exit {code}")

        # The state directory and the store belong to the service user alone.
        st = os.stat("/var/lib/adwatch")
        if st.st_uid != SERVICE_UID or stat.S_IMODE(st.st_mode) != 0o700:
            failures.append(f"/var/lib/adwatch: uid {st.st_uid} mode {oct(stat.S_IMODE(st.st_mode))}")
        db = os.stat("/var/lib/adwatch/adwatch.db")
        if db.st_uid != SERVICE_UID or stat.S_IMODE(db.st_mode) & 0o077:
            failures.append(f"adwatch.db: uid {db.st_uid} mode {oct(stat.S_IMODE(db.st_mode))} (UMask=0077)")

        # The administrator's shell without the service's context: no credential.
        code, out, err = run([adwatch, "alerts", "list"], env=env)
        print("plain alerts list as root:", code, err.strip()[-300:])
        if code == 0 or "CREDENTIALS_DIRECTORY" not in err:
            failures.append(f"plain alerts list as root: exit {code}, expected a failure naming "
                            f"$CREDENTIALS_DIRECTORY: {err.strip()[:300]}")
        # Another unprivileged user, even with the key: the store is not theirs to read.
        other = os.path.join(scratch, "other-creds")
        os.makedirs(other)
        shutil.copy(os.path.join(creds, "pseudonym-key"), other)
        os.chmod(other, 0o755)
        os.chmod(os.path.join(other, "pseudonym-key"), 0o644)
        code, out, err = run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", adwatch, "alerts", "list"],
                             env=dict(env, CREDENTIALS_DIRECTORY=other))
        print("alerts list as nobody:", code, err.strip()[-300:])
        if code == 0 or "adwatch.db" not in err:
            failures.append(f"alerts list as nobody: exit {code}, expected a failure to open the store")

        # The documented way.
        open(env["FAKE_SYSTEMD_RUN_LOG"], "w").close()
        code, out, err = run([adwatch, "--as-service", "alerts", "list"], env=env)
        print(out[-2000:], err[-2000:])
        if code != 0:
            failures.append(f"adwatch --as-service alerts list: exit {code}: {err.strip()[:500]}")
        if not re.search(r"^\s*#?\d+\s", out, re.M):
            failures.append("adwatch --as-service alerts list printed no alert")
        if re.search(r"\+31\d{9}|\b06\d{8}\b", out):
            failures.append("alerts list shows a phone number in clear")
        calls = [json.loads(line) for line in open(env["FAKE_SYSTEMD_RUN_LOG"])]
        if len(calls) != 1:
            failures.append(f"{len(calls)} systemd-run calls, expected 1")
        else:
            argv, command = calls[0]["argv"][1:], calls[0]["command"]
            for want in ("--pipe", "--wait", "--property=User=adwatch", "--property=DynamicUser=yes",
                         "--property=StateDirectory=adwatch", "--property=StateDirectoryMode=0700",
                         "--property=WorkingDirectory=/var/lib/adwatch",
                         "--property=LoadCredential=pseudonym-key:/etc/adwatch/credentials/pseudonym-key",
                         "--property=LoadCredential=smtp-password:/etc/adwatch/credentials/smtp-password",
                         "--property=UMask=0077"):
                if want not in argv:
                    failures.append(f"systemd-run argument {want} missing: {argv}")
            for unwanted in ("--property=Type=notify", "--property=Restart=on-failure"):
                if unwanted in argv:
                    failures.append(f"systemd-run got the daemon's {unwanted}")
            if command != [os.path.realpath(adwatch), "--config", "/etc/adwatch/adwatch.toml", "alerts", "list"]:
                failures.append(f"the command run in the service: {command}")
            if calls[0]["uid"] != SERVICE_UID:
                failures.append(f"ran as uid {calls[0]['uid']}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--inner":
        sys.exit(inner(sys.argv[2], sys.argv[3], sys.argv[4]))
    build, source = sys.argv[1], sys.argv[2]
    if os.geteuid() != 0:
        print("skipped: needs root (a dynamic user, a state directory of another uid)")
        sys.exit(SKIP)
    if subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode != 0:
        print("skipped: no mount namespaces here")
        sys.exit(SKIP)
    scratch = tempfile.mkdtemp(prefix="adwatch-as-service-")
    os.chmod(scratch, 0o755)  # the dynamic user reaches the demo sites' files and its credentials folder
    try:
        r = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, os.path.abspath(__file__),
                            "--inner", build, source, scratch])
        sys.exit(SKIP if r.returncode == SKIP else r.returncode)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
