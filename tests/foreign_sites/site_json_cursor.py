#!/usr/bin/env python3
"""Foreign site (b): a JSON API with cursor pagination.

GET /api/v3/listings?limit=8[&cursor=C] -> {"data": {"items": [{"id", "headline", ...}]},
"paging": {"next_cursor": C | null}}: the next page is a cursor token in the body, not a URL.
GET /api/v3/listings/{id} -> one ad: nested objects, the phone under contact.phone, the place
under location.city (country under location.country), timestamps, an image list.
Usage: site_json_cursor.py PORT [--truth] (PORT 0: any free port, printed as "listening PORT")
"""
import base64
import json
import sys
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit, parse_qs

sys.path.insert(0, __import__("os").path.dirname(__file__))
import adgen  # noqa: E402

ADS = adgen.make_ads(seed=23, n=45, id_base=80000)
BY_ID = {"lst_%x" % a["id"]: (i, a) for i, a in enumerate(ADS)}


def ad_id(a):
    return "lst_%x" % a["id"]


def cursor(offset):
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def uncursor(c):
    c += "=" * (-len(c) % 4)
    return json.loads(base64.urlsafe_b64decode(c))["o"]


def summary(a):
    return {"id": ad_id(a), "headline": a["title"], "city": a["city"],
            "thumb": {"url": a["photos"][0], "w": 160, "h": 120}}


def country(a):
    phone = a["e164"]
    return "BE" if phone.startswith("+32") else "DE" if phone.startswith("+49") else "NL"


def contact_phone(a, i):
    # As the advertiser typed it; Belgian numbers in national form (country in location).
    if a["e164"].startswith("+32") and i % 2:
        return "0470/" + a["e164"][6:8] + "." + a["e164"][8:10] + "." + a["e164"][10:]
    return a["phone"]


def full(i, a):
    iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(a["posted"]))
    return {"listing": {
        "id": ad_id(a),
        "headline": a["title"],
        "body": "\n\n".join(a["paragraphs"]),
        "language": a["lang"],
        "profile": {"display_name": a["name"], "age": a["age"], "gender": "f"},
        "contact": {"phone": contact_phone(a, i), "whatsapp": i % 3 == 0,
                    "email": None},
        "location": {"city": a["city"], "country": country(a),
                     "geo": {"lat": 50.85, "lon": 5.69}},
        "rates": [{"label": "1 uur", "amount": {"value": a["price"], "currency": "EUR"}}],
        "created_at": iso,
        "updated_at": a["posted"] + 600,
        "images": [{"url": p, "width": 800, "height": 600} for p in a["photos"]],
        "links": {"self": "/api/v3/listings/" + ad_id(a),
                  "web": "https://www.example-ads.test/l/" + ad_id(a)},
    }}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, obj):
        data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urlsplit(self.path)
        q = parse_qs(u.query)
        if u.path == "/robots.txt":
            data = b"User-agent: *\nDisallow:\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return self.wfile.write(data)
        if u.path == "/api/v3/listings":
            limit = int(q.get("limit", ["8"])[0])
            try:
                off = uncursor(q["cursor"][0]) if "cursor" in q else 0
            except Exception:
                return self.send(400, {"error": "bad cursor"})
            items = [summary(a) for a in ADS[off:off + limit]]
            nxt = cursor(off + limit) if off + limit < len(ADS) else None
            return self.send(200, {"data": {"items": items, "count": len(items)},
                                   "paging": {"next_cursor": nxt, "limit": limit}})
        if u.path.startswith("/api/v3/listings/"):
            key = u.path.rsplit("/", 1)[1]
            if key in BY_ID:
                return self.send(200, full(*BY_ID[key]))
        self.send(404, {"error": "not found"})



if __name__ == "__main__":
    adgen.serve(Handler, adgen.truth_rows(ADS, ad_id))
