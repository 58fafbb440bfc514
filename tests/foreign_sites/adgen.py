"""Deterministic ad data shared by the three foreign test sites.

Each site draws its own ads (own seed) from the same pools: names, ages, places of
Zuid-Limburg and the border region, texts in four languages, and phone numbers written
the many ways real advertisers write them. Every ad carries its ground truth (phones in
E.164, the planted place) so the end-to-end test can check what adwatch stored.
"""
import json
import random
import sys
from http.server import ThreadingHTTPServer

NAMES = ["Lisa", "Mandy", "Sofia", "Nadia", "Chantal", "Eva", "Bianca", "Yasmin",
         "Kim", "Anouk", "Mila", "Jessy", "Amira", "Lena", "Chloé", "Zoë", "Mireille",
         "Roxanne", "Svenja", "Tanja"]

# (place as the site writes it, place as planted for the check)
PLACES = ["Maastricht", "Heerlen", "Sittard", "Geleen", "Kerkrade", "Landgraaf",
          "Brunssum", "Meerssen", "Valkenburg", "Vaals", "Simpelveld", "Voerendaal",
          "Eijsden", "Gulpen", "Hoensbroek", "Schinveld", "Aachen", "Herzogenrath",
          "Maasmechelen", "Eupen", "Tongeren", "Genk"]

NL_TEXTS = [
    ["Hoi lieverd, ik ben {name}, een spontane meid van {age} uit {city}.",
     "Ik ontvang je in een schone, discrete flat met eigen parkeerplaats.",
     "Bel of app gerust voor een afspraak, ook 's avonds."],
    ["Nieuw in {city}! Sportieve dame met een lekker figuur.",
     "Rustig en zonder haast: ik neem de tijd voor je.",
     "Geen sms, alleen bellen met zichtbaar nummer aub."],
    ["Ervaren en gezellig, {age} jaar jong.",
     "Massage & meer in {city}, op afspraak van maandag t/m zaterdag.",
     "Tot snel, {name}"],
]
EN_TEXTS = [
    ["Hi gentlemen, I am {name}, {age} years old, visiting {city} this week.",
     "Relaxed girlfriend experience in a private apartment.",
     "Call me for appointments, no withheld numbers."],
    ["Elegant companion for dinner dates and more.",
     "Available for outcalls around {city} and Maastricht hotels.",
     "Respect and hygiene are important to me."],
]
DE_TEXTS = [
    ["Hallo, ich bin {name} ({age}) und neu in {city}.",
     "Zärtlich, gepflegt und diskret - ich freue mich auf deinen Anruf.",
     "Termine nach Vereinbarung, auch am Wochenende."],
    ["Sinnliche Massage in {city}, ganz entspannt.",
     "Privat und ohne Stress, Parkplatz vor der Tür.",
     "Ruf mich an oder schreib mir auf WhatsApp."],
]
FR_TEXTS = [
    ["Bonjour, je suis {name}, {age} ans, de passage à {city}.",
     "Moment de détente dans un appartement privé et propre.",
     "Appelez-moi pour un rendez-vous, discrétion assurée."],
    ["Jolie femme douce et souriante à {city}.",
     "Je reçois dans un cadre calme, sur rendez-vous seulement.",
     "Pas de SMS, merci de m'appeler."],
]
TITLES = {
    "nl": ["{name} - nieuw in {city}", "Spontane {name} ({age})", "Heerlijke massage bij {name}"],
    "en": ["{name}, sweet companion in {city}", "New: {name} {age}"],
    "de": ["{name} neu in {city}", "Zärtliche {name} ({age})"],
    "fr": ["{name}, douce et discrète à {city}", "Nouvelle à {city}: {name}"],
}
TEXTS = {"nl": NL_TEXTS, "en": EN_TEXTS, "de": DE_TEXTS, "fr": FR_TEXTS}


def _digits(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def make_phone(rng, k):
    """One phone number in one of several written forms: (as written, E.164)."""
    kind = k % 10
    if kind <= 5:  # Dutch mobile
        d = str(rng.randrange(1, 6)) + _digits(rng, 7)  # 061-065: mobiles libphonenumber knows
        e164 = "+316" + d
        forms = ["06-" + d, "06 " + " ".join(d[i:i + 2] for i in range(0, 8, 2)),
                 "+31 6 " + d[:4] + " " + d[4:], "0031 6 " + d, "+31 (0)6-" + d,
                 "06." + ".".join(d[i:i + 2] for i in range(0, 8, 2))]
        return forms[kind], e164
    if kind == 6:  # Maastricht landline
        d = "3" + _digits(rng, 6)
        return "043 - " + d[:3] + " " + d[3:], "+3143" + d
    if kind == 7:  # Belgian mobile
        d = _digits(rng, 6)
        return "+32 470 " + " ".join(d[i:i + 2] for i in range(0, 6, 2)), "+32470" + d
    if kind == 8:  # German mobile
        d = _digits(rng, 8)
        return "+49 151 " + d[:4] + " " + d[4:], "+49151" + d
    d = _digits(rng, 8)  # German, international prefix with (0)
    return "0049 (0)160 " + d, "+49160" + d


def make_ads(seed, n, id_base):
    rng = random.Random(seed)
    langs = ["nl", "nl", "en", "de", "fr"]
    ads = []
    for i in range(n):
        lang = langs[i % len(langs)]
        name = NAMES[rng.randrange(len(NAMES))]
        age = rng.randrange(19, 41)
        city = PLACES[rng.randrange(len(PLACES))]
        paras = TEXTS[lang][rng.randrange(len(TEXTS[lang]))]
        fmt = dict(name=name, age=age, city=city)
        title = TITLES[lang][rng.randrange(len(TITLES[lang]))].format(**fmt)
        phone, e164 = make_phone(rng, i * 7 + seed)
        ads.append({
            "id": id_base + i,
            "lang": lang,
            "name": name,
            "age": age,
            "city": city,
            "title": title,
            "paragraphs": [p.format(**fmt) for p in paras],
            "phone": phone,
            "e164": e164,
            "posted": 1764460800 - i * 3600 * 5,  # 2025-11-30 00:00 UTC and back
            "photos": ["/img/%d-%d.jpg" % (id_base + i, j) for j in range(1 + i % 3)],
            "price": 100 + 10 * (i % 8),
        })
    return ads


def truth_rows(ads, id_of):
    """The planted facts of each ad, as the end-to-end test reads them (--truth)."""
    return [{"id": id_of(a), "phones": [a["e164"]], "city": a["city"], "age": a["age"],
             "paragraphs": a["paragraphs"]}
            for a in ads]


def serve(handler, truth):
    """A site's main: `SITE.py --truth` prints its ground truth, `SITE.py PORT`
    serves on 127.0.0.1:PORT (0: any free port, printed as "listening PORT")."""
    if "--truth" in sys.argv:
        print(json.dumps(truth, ensure_ascii=False))
        sys.exit(0)
    srv = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler)
    print("listening", srv.server_address[1], flush=True)
    srv.serve_forever()
