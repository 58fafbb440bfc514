#!/usr/bin/env python3
"""Foreign site (c): a "cards" listing, every ad complete on the listing page.

No detail pages. Cards carry their data in data-* attributes (data-id, data-city,
lazy images in data-src), the text split into several <p>, the phone in the text, in a
data-phone attribute or in a wa.me link. Links are relative ("pagina-2/", "../").
Page 2 answers 503 once, then 200. robots.txt has a Crawl-delay and disallows /prive/,
which holds ads that must not be fetched. Usage: site_cards.py PORT [--truth] (PORT 0: any free port, printed as "listening PORT")
"""
import html
import sys
import threading
from http.server import BaseHTTPRequestHandler

sys.path.insert(0, __import__("os").path.dirname(__file__))
import adgen  # noqa: E402

ADS = adgen.make_ads(seed=37, n=36, id_base=300)
HIDDEN = adgen.make_ads(seed=41, n=4, id_base=900)  # under /prive/: robots.txt forbids
PER_PAGE = 10
PAGES = (len(ADS) + PER_PAGE - 1) // PER_PAGE
_lock = threading.Lock()
_failed_once = set()


def card(i, a):
    e = html.escape
    paras = ["<p>%s</p>" % e(p) for p in a["paragraphs"]]
    attrs = 'data-id="c%d" data-city="%s"' % (a["id"], e(a["city"]))
    contact = ""
    if i % 3 == 0:      # phone in the text
        paras.append("<p>Tel. %s</p>" % e(a["phone"]))
    elif i % 3 == 1:    # phone in a data attribute, shown by a script
        attrs += ' data-phone="%s"' % e(a["phone"])
        contact = '<button class="show-phone">Toon nummer</button>'
    else:               # WhatsApp link only
        contact = ('<a class="wa" href="https://wa.me/%s?text=Hoi%%20%s">WhatsApp</a>'
                   % (a["e164"][1:], e(a["name"])))
    return ('<div class="card" %s>'
            '<img class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="../img/%d.jpg">'
            '<div class="card-body"><h3>%s</h3><span class="badge">%d</span>'
            '<span class="loc">%s</span>%s%s</div></div>') % (
        attrs, a["id"], e(a["title"]), a["age"], e(a["city"]), "".join(paras), contact)


def page(n):
    start = (n - 1) * PER_PAGE
    cards = "".join(card(start + j, a) for j, a in enumerate(ADS[start:start + PER_PAGE]))
    nav = ""
    if n > 1:
        nav += '<a class="prev" href="%s">&lsaquo;</a>' % ("../" if n == 2 else "../pagina-%d/" % (n - 1))
    if n < PAGES:
        nav += '<a class="more" href="%spagina-%d/">Meer laden</a>' % ("" if n == 1 else "../", n + 1)
    else:  # the last page leads on to the members' part, which robots.txt disallows
        nav += '<a class="more" href="/prive/">Meer (alleen voor leden)</a>'
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Escorts Limburg</title></head>'
            '<body><header><a href="/prive/">Prive</a></header><main class="grid">%s</main>'
            '<nav class="pager">%s</nav></body></html>') % (cards, nav)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *a):
        # One line per request on stderr: the test checks robots.txt was obeyed.
        sys.stderr.write("cards %s %s\n" % (self.command, self.path))
        sys.stderr.flush()

    def send(self, code, body, ctype="text/html; charset=utf-8", extra=()):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        p = self.path.split("?")[0]
        if p == "/robots.txt":
            return self.send(200, "User-agent: *\nCrawl-delay: 1\nDisallow: /prive/\n",
                             "text/plain")
        if p == "/prive/":
            cards = "".join(card(i, a) for i, a in enumerate(HIDDEN))
            return self.send(200, '<html><body><main class="grid">%s</main></body></html>' % cards)
        if p == "/limburg/":
            return self.send(200, page(1))
        for n in range(2, PAGES + 1):
            if p == "/limburg/pagina-%d/" % n:
                with _lock:
                    first = n == 2 and n not in _failed_once
                    _failed_once.add(n)
                if first:
                    return self.send(503, "<h1>Even geduld</h1>", extra=[("Retry-After", "1")])
                return self.send(200, page(n))
        self.send(404, "<h1>Niet gevonden</h1>")



if __name__ == "__main__":
    adgen.serve(Handler, adgen.truth_rows(ADS, lambda a: "c%d" % a["id"]))
