"""Starts the demo ad network and renders the demo configuration for tests."""
import os
import subprocess
import time


def start_demo_sites(build, out_dir, seed=42, extra=()):
    """Starts adwatch-demo-sites on free loopback ports; returns (proc, {site: base_url}, control_url)."""
    binary = os.path.join(build, "tests/demo_sites/adwatch-demo-sites")
    proc = subprocess.Popen([binary, "--listen", "127.0.0.1:0", "--seed", str(seed), "--ground-truth",
                             os.path.join(out_dir, "ground-truth.json"), *extra],
                            stdout=subprocess.PIPE, stderr=open(os.path.join(out_dir, "demo-sites.log"), "w"),
                            text=True)
    control, sites = None, {}
    deadline = time.time() + 30
    while len(sites) < 3 and time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("adwatch-demo-sites exited before listening")
        parts = line.split()
        if line.startswith("listening on "):
            control = parts[2]
        elif parts and parts[0] == "site":
            sites[parts[1]] = parts[2]
    if len(sites) < 3:
        proc.kill()
        raise RuntimeError("adwatch-demo-sites did not report its sites")
    return proc, sites, control


def render_config(source, out_dir, sites):
    script = os.path.join(source, "deploy/demo/render-config.sh")
    subprocess.run([script, out_dir, sites["demo-html"], sites["demo-api"], sites["demo-next"]], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(out_dir, "adwatch.toml")
