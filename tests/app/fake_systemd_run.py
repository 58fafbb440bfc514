#!/usr/bin/python3
"""A stand-in for `systemd-run --pipe --wait` where systemd is not PID 1 (the
test sandbox). It builds the execution context a transient service gets from
the --property settings adwatch --as-service passes, as systemd 252 does:

- DynamicUser=yes: a user id from the dynamic range (61184-65519) with no
  passwd entry, no supplementary groups; the same id for the same User= name.
- StateDirectory=NAME: /var/lib/NAME, created and owned by that user, with
  StateDirectoryMode (default 0755).
- LoadCredential=ID:PATH: PATH read as root and copied to a fresh credentials
  directory (mode 0500, files 0400, owned by the user), named by
  $CREDENTIALS_DIRECTORY; removed when the command ends. A missing file
  fails the unit.
- WorkingDirectory, UMask, Environment; a clean environment otherwise (PATH,
  CREDENTIALS_DIRECTORY, STATE_DIRECTORY, HOME=/).

Every invocation is appended as a JSON line to $FAKE_SYSTEMD_RUN_LOG (argv and
the uid the command ran as); credentials directories go under
$FAKE_SYSTEMD_RUN_CREDENTIALS. Exits with the command's exit status (--wait).
Must run as root."""
import json
import os
import shutil
import sys
import tempfile

DYNAMIC_UID = 61234


def main():
    argv = sys.argv[1:]
    props, i = [], 0
    while i < len(argv) and argv[i].startswith("--"):
        a = argv[i]
        if a.startswith("--property="):
            props.append(a[len("--property="):])
        elif a not in ("--pipe", "--wait", "--quiet", "--collect", "--service-type=exec"):
            print(f"fake-systemd-run: unsupported option {a}", file=sys.stderr)
            return 1
        i += 1
    command = argv[i:]
    if not command or not command[0].startswith("/"):
        print("fake-systemd-run: the command must be an absolute path", file=sys.stderr)
        return 1
    settings = {}
    for p in props:
        key, _, value = p.partition("=")
        settings.setdefault(key, []).append(value)
    last = lambda k, d=None: settings.get(k, [d])[-1]  # noqa: E731

    uid = gid = 0
    if last("DynamicUser", "no") in ("yes", "true", "1"):
        uid = gid = DYNAMIC_UID
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/"}
    for e in settings.get("Environment", []):
        for assignment in e.split():
            k, _, v = assignment.partition("=")
            env[k] = v
    state = []
    for names in settings.get("StateDirectory", []):
        for name in names.split():
            path = os.path.join("/var/lib", name)
            os.makedirs(path, exist_ok=True)
            for root, dirs, files in os.walk(path):
                for n in [root] + [os.path.join(root, f) for f in dirs + files]:
                    os.lchown(n, uid, gid)
            os.chmod(path, int(last("StateDirectoryMode", "0755"), 8))
            state.append(path)
    if state:
        env["STATE_DIRECTORY"] = ":".join(state)
    creds = None
    if "LoadCredential" in settings:
        creds = tempfile.mkdtemp(prefix="credentials-", dir=os.environ.get("FAKE_SYSTEMD_RUN_CREDENTIALS"))
        for spec in settings["LoadCredential"]:
            cid, _, path = spec.partition(":")
            if not os.path.exists(path):
                print(f"fake-systemd-run: LoadCredential {cid}: {path} does not exist (the unit fails)", file=sys.stderr)
                shutil.rmtree(creds, ignore_errors=True)
                return 1
            dest = os.path.join(creds, cid)
            shutil.copyfile(path, dest)
            os.chown(dest, uid, gid)
            os.chmod(dest, 0o400)
        os.chown(creds, uid, gid)
        os.chmod(creds, 0o500)
        env["CREDENTIALS_DIRECTORY"] = creds
    log = os.environ.get("FAKE_SYSTEMD_RUN_LOG")
    if log:
        with open(log, "a") as f:
            f.write(json.dumps({"argv": sys.argv, "uid": uid, "command": command}) + "\n")
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            os.umask(int(last("UMask", "0022"), 8))
            os.chdir(last("WorkingDirectory", "/"))
            os.execve(command[0], command, env)
        except OSError as e:
            print(f"fake-systemd-run: {e}", file=sys.stderr)
        os._exit(127)
    _, status = os.waitpid(pid, 0)
    if creds:
        shutil.rmtree(creds, ignore_errors=True)
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1


if __name__ == "__main__":
    sys.exit(main())
