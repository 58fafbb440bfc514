#!/usr/bin/env python3
"""HTTPS server for the crawler's TLS tests: python3's ssl module with the
certificate and key given, on 127.0.0.1 and a free port, which it prints on
its first line. Serves a one-ad JSON site: /list, /ad/1; robots.txt is 404."""
import http.server
import ssl
import sys

PAGES = {
    "/list": b'{"items":[{"u":"/ad/1"}]}',
    "/ad/1": b'{"id":"tls-1","title":"an ad over https"}',
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGES.get(self.path)
        self.send_response(200 if body is not None else 404)
        body = body or b""
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    cert, key = sys.argv[1], sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
