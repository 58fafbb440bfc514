#!/usr/bin/python3
"""A real SMTP server for tests (python3-aiosmtpd), on 127.0.0.1 only.

Usage: smtp_sink.py --dir DIR [--port N] [--lifetime SECONDS] [--fail-first N] [--auth USER:PW] [--tls CERT,KEY]
Prints "PORT <n>" once listening. Each accepted message is stored as
DIR/<seq>.eml (the bytes as received) and DIR/<seq>.rcpt (envelope recipients,
one a line). --fail-first answers the first N DATA commands with 451 (a
temporary failure). Exits after --lifetime seconds so a crashed test never
leaves it running."""
import argparse
import asyncio
import logging
import warnings
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, directory, fail_first):
        self.directory = directory
        self.fail_left = fail_first
        self.seq = len([f for f in os.listdir(directory) if f.endswith(".eml")])

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 temporary failure (test)"
        self.seq += 1
        base = os.path.join(self.directory, "%04d" % self.seq)
        with open(base + ".rcpt.tmp", "w") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".rcpt.tmp", base + ".rcpt")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 OK stored"


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=120)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--auth", default="", help="USER:PASSWORD required (AUTH PLAIN/LOGIN)")
    ap.add_argument("--tls", default="", help="CERT.pem,KEY.pem: offer and require STARTTLS")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    handler = Handler(args.dir, args.fail_first)
    loop = asyncio.get_running_loop()
    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    if args.tls:
        cert, key = args.tls.split(",", 1)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        kwargs.update(tls_context=ctx, require_starttls=True)
    server = await loop.create_server(
        lambda: SMTP(handler, decode_data=False, enable_SMTPUTF8=True, hostname="sink.test", **kwargs),
        "127.0.0.1", args.port, reuse_address=True)
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    await asyncio.sleep(args.lifetime)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
