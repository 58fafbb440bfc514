#!/usr/bin/python3
"""The documented single sign-on (deploy/console/nginx-oauth2-proxy.conf), run for real:
nginx with that server block (its TLS listener swapped for a loopback port), a stand-in for
oauth2-proxy that answers /oauth2/auth as oauth2-proxy does (202 with
X-Auth-Request-Preferred-Username for a signed-in browser, 401 otherwise), and `adwatch console`
trusting the header from 127.0.0.1 only, as the example's comment configures it.

Checks: a browser that is not signed in gets the identity provider's sign-in page, never the
console; a signed-in browser reaches the console as the account oauth2-proxy names, also when it
sends an X-Forwarded-User of its own; a person the identity provider knows but adwatch has no
account for does not get in.

usage: sso_nginx_test.py BUILD_DIR SOURCE_DIR"""
import http.client
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "app"))
from demo_network import render_config  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeOauth2Proxy(http.server.BaseHTTPRequestHandler):
    """oauth2-proxy's two answers nginx asks for: /oauth2/auth and /oauth2/sign_in. A browser is
    "signed in" at the identity provider when it carries the cookie _oauth2_proxy=<user>."""

    def do_GET(self):
        cookie = self.headers.get("Cookie", "")
        m = re.search(r"_oauth2_proxy=([\w.-]+)", cookie)
        if self.path.startswith("/oauth2/auth"):
            if m:
                self.send_response(202)
                self.send_header("X-Auth-Request-Preferred-Username", m.group(1))
            else:
                self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"identity provider: sign in"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def nginx_conf(source, out, port, proxy_port, console_port):
    """The example's server block as shipped, with its listener and upstreams on loopback ports."""
    example = open(os.path.join(source, "deploy/console/nginx-oauth2-proxy.conf")).read()
    server = example[example.index("server {"):]
    server = server.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    server = re.sub(r"\n\s*ssl_certificate(_key)? [^\n]*;", "", server)
    assert "ssl" not in server, "the example has TLS settings this test does not know how to swap"
    server = server.replace("127.0.0.1:4180", f"127.0.0.1:{proxy_port}").replace("127.0.0.1:8470",
                                                                             f"127.0.0.1:{console_port}")
    temp = os.path.join(out, "nginx-temp")
    os.makedirs(temp)
    conf = os.path.join(out, "nginx.conf")
    open(conf, "w").write(f"""daemon off;
pid {out}/nginx.pid;
error_log {out}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
{server}
}}
""")
    return conf


def get(port, path, headers):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    c.request("GET", path, headers=headers)
    r = c.getresponse()
    body = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, dict(r.getheaders()), body


def wait_for_port(port, proc):
    """Until the server accepts connections (or its process ends)."""
    while proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            # connect() to a port nobody listens on fails at once; the next try follows.
            continue
    return False


def main(build, source):
    adwatch = os.path.join(build, "app/adwatch")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="adwatch-sso-") as out:
        port, proxy_port, console_port = free_port(), free_port(), free_port()
        config = render_config(source, out, {s: "http://127.0.0.1:9" for s in ("demo-html", "demo-api", "demo-next")})
        text = open(config).read()
        text = re.sub(r'(?m)^listen = "127\.0\.0\.1:0"$', f'listen = "127.0.0.1:{console_port}"', text)
        text = re.sub(r'(?m)^public_base_url = ".*"$',
                      f'public_base_url = "http://127.0.0.1:{port}"\ntrusted_proxies = ["127.0.0.1"]\n'
                      'sso_header = "X-Forwarded-User"', text)
        open(config, "w").write(text)
        for user in ("j.jansen", "admin"):
            r = subprocess.run([adwatch, "--config", config, "users", "add", user, "--role", "coordinator",
                                "--municipalities", "Heerlen", "--sso"], capture_output=True, text=True)
            check(r.returncode == 0, f"users add {user} --sso: {r.stderr.strip()}")

        oauth2_proxy = http.server.ThreadingHTTPServer(("127.0.0.1", proxy_port), FakeOauth2Proxy)
        threading.Thread(target=oauth2_proxy.serve_forever, daemon=True).start()
        console = subprocess.Popen([adwatch, "--config", config, "console"], stdout=subprocess.PIPE,
                                   stderr=open(os.path.join(out, "console.log"), "w"), text=True)
        web = None
        try:
            line = console.stdout.readline()
            check(line.startswith("console: "), "adwatch console started: " + line.strip())
            conf = nginx_conf(source, out, port, proxy_port, console_port)
            web = subprocess.Popen([nginx, "-p", out, "-c", conf], stderr=open(os.path.join(out, "nginx.log"), "w"))
            check(wait_for_port(port, web), "nginx runs the example's server block: " +
                  open(os.path.join(out, "nginx.log")).read()[-300:])

            status, _, body = get(port, "/", {})
            check(status == 200 and "identity provider" in body and "adwatch" not in body,
                  f"not signed in: the identity provider's sign-in page, not the console ({status})")
            status, _, body = get(port, "/", {"X-Forwarded-User": "admin"})
            check("identity provider" in body and "admin" not in body,
                  "not signed in, with a forged X-Forwarded-User: still the sign-in page")

            status, headers, body = get(port, "/", {"Cookie": "_oauth2_proxy=j.jansen",
                                                    "X-Forwarded-User": "admin"})
            session = re.search(r"adwatch_session=([^;]+)", headers.get("Set-Cookie", ""))
            check(session is not None, f"signed in at the identity provider: a console session ({status})")
            if session:
                cookie = f"_oauth2_proxy=j.jansen; adwatch_session={session.group(1)}"
                status, _, body = get(port, "/account", {"Cookie": cookie, "X-Forwarded-User": "admin"})
                check(status == 200 and "j.jansen" in body, f"the console knows the user oauth2-proxy named ({status})")
                check(">admin<" not in body, "the browser's own X-Forwarded-User was not believed")

            status, headers, body = get(port, "/", {"Cookie": "_oauth2_proxy=someone.else"})
            check("adwatch_session=" not in headers.get("Set-Cookie", "") and status in (303, 401, 403),
                  f"a person adwatch has no account for does not get in ({status})")
        finally:
            if web:
                web.terminate()
                web.wait(timeout=10)
            console.terminate()
            console.wait(timeout=10)
            oauth2_proxy.shutdown()
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
