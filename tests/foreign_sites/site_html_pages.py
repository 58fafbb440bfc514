#!/usr/bin/env python3
"""Foreign site (a): a classic server-rendered HTML ad site.

Numbered pagination with a "volgende" link (relative, query only), one detail page per ad
with its facts in a <dl> (dt/dd pairs), the phone only in a tel: (or wa.me) link, text with
HTML entities and <br> line breaks. Usage: site_html_pages.py PORT [--truth] (PORT 0: any free port, printed as "listening PORT")
"""
import html
import sys
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit, parse_qs

sys.path.insert(0, __import__("os").path.dirname(__file__))
import adgen  # noqa: E402

ADS = adgen.make_ads(seed=11, n=40, id_base=5100)
PER_PAGE = 9
PAGES = (len(ADS) + PER_PAGE - 1) // PER_PAGE


def slug(ad):
    return "%d-%s-%s.html" % (ad["id"], ad["name"].lower().replace("é", "e").replace("ë", "e"),
                              ad["city"].lower())


def tel_href(ad, i):
    # The phone only exists as a link; hrefs as real sites write them.
    digits = ad["e164"]
    if i % 4 == 3:
        return "https://wa.me/" + digits[1:], "WhatsApp mij"
    if i % 4 == 2:
        return "tel:" + ad["phone"].replace(" ", "%20"), "Bel mij"
    if i % 4 == 1:
        return "tel:" + digits, "&#9742; Bellen"
    return "tel:" + ad["phone"], "Bel " + html.escape(ad["name"])


def esc_text(ad, i):
    # Entities and <br>: every paragraph escaped, some with named entities written out.
    parts = []
    for p in ad["paragraphs"]:
        t = html.escape(p, quote=False)
        if i % 2:
            t = t.replace("é", "&eacute;").replace("ä", "&auml;").replace("à", "&agrave;")
        parts.append(t)
    sep = "<br>\n" if i % 3 else "<br/><br/>"
    return sep.join(parts) + ("&nbsp;&euro;%d p/u" % ad["price"] if i % 5 == 0 else "")


def listing(page):
    start = (page - 1) * PER_PAGE
    rows = []
    for ad in ADS[start:start + PER_PAGE]:
        rows.append('<li class="ad"><a class="ad-title" href="/advertentie/%s">%s</a>'
                    ' <span class="plaats">%s</span></li>'
                    % (slug(ad), html.escape(ad["title"]), html.escape(ad["city"])))
    nums = " ".join('<a href="?pagina=%d">%d</a>' % (p, p) if p != page else "<b>%d</b>" % p
                    for p in range(1, PAGES + 1))
    nxt = ('<a class="volgende" href="?pagina=%d">volgende &raquo;</a>' % (page + 1)
           if page < PAGES else "")
    return ("<!DOCTYPE html><html><head><meta charset=utf-8><title>Limburg advertenties</title>"
            "</head><body><h1>Dames in Limburg</h1><ul class=\"ads\">%s</ul>"
            "<div class=\"paginering\">%s %s</div></body></html>") % ("".join(rows), nums, nxt)


def detail(i):
    ad = ADS[i]
    href, label = tel_href(ad, i)
    return ("<!DOCTYPE html><html><head><meta charset=utf-8><title>%s</title></head><body>"
            "<div id=\"advertentie\"><h1>%s</h1>"
            "<p class=\"meta\">Advertentienummer: %d &middot; geplaatst %s</p>"
            "<div class=\"omschrijving\">%s</div>"
            "<dl class=\"gegevens\"><dt>Naam</dt><dd>%s</dd><dt>Leeftijd</dt><dd>%d jaar</dd>"
            "<dt>Plaats</dt><dd>%s</dd><dt>Contact</dt><dd><a href=\"%s\">%s</a></dd></dl>"
            "</div></body></html>") % (
        html.escape(ad["title"]), html.escape(ad["title"]), ad["id"],
        __import__("time").strftime("%d-%m-%Y", __import__("time").gmtime(ad["posted"])),
        esc_text(ad, i), html.escape(ad["name"]), ad["age"], html.escape(ad["city"]),
        html.escape(href), label)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="text/html; charset=utf-8"):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urlsplit(self.path)
        if u.path == "/robots.txt":
            return self.send(200, "User-agent: *\nAllow: /\n", "text/plain")
        if u.path == "/advertenties":
            page = int(parse_qs(u.query).get("pagina", ["1"])[0])
            if 1 <= page <= PAGES:
                return self.send(200, listing(page))
        if u.path.startswith("/advertentie/"):
            for i, ad in enumerate(ADS):
                if u.path == "/advertentie/" + slug(ad):
                    return self.send(200, detail(i))
        self.send(404, "<h1>Niet gevonden</h1>")



if __name__ == "__main__":
    adgen.serve(Handler, adgen.truth_rows(ADS, lambda a: str(a["id"])))
