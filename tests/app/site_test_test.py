"""`adwatch site test` against the demo ad network: online it prints every field
of the demo-html and demo-api profiles and the matcher's findings; a profile with
a wrong text selector is named and exits 1; --html works offline on a saved page.
The same wrong selector crawled: `crawl --once` and `run --once` exit 1 naming it,
and `run --once` mails the administrator ([alerts] admin_recipients)."""
import email
import email.policy
import glob
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from demo_network import render_config, start_demo_sites  # noqa: E402

FIELDS = ["id", "url", "title", "text", "name", "age", "city", "phones", "price", "posted", "photos"]


def site_test(adwatch, config, *args):
    r = subprocess.run([adwatch, "--config", config, "site", "test", *args], capture_output=True, text=True,
                       timeout=120)
    return r.returncode, r.stdout + r.stderr


def main():
    build, source = sys.argv[1], sys.argv[2]
    adwatch = os.path.join(build, "app/adwatch")
    failures = []
    with tempfile.TemporaryDirectory(prefix="adwatch-site-test-") as out:
        proc, sites, _ = start_demo_sites(build, out, extra=("--ads", "250"))
        try:
            config = render_config(source, out, sites)
            for site in ("demo-html", "demo-api"):
                code, text = site_test(adwatch, config, site)
                print(text)
                if code != 0:
                    failures.append(f"{site}: exit {code}")
                for field in FIELDS + ["ad_links"]:
                    if not re.search(r"^  " + field + r" +\S", text, re.M):
                        failures.append(f"{site}: field {field} not printed")
                if "MATCHED NOTHING" in text and site == "demo-html":
                    failures.append(f"{site}: a selector matched nothing on the demo page")
                for what in ("phones", "ages", "places", "rule hits", "score"):
                    if not re.search(r"^  " + what + r" ", text, re.M):
                        failures.append(f"{site}: matcher line '{what}' missing")
                if not re.search(r"^  phones +\+\d", text, re.M):
                    failures.append(f"{site}: no phone number found in the demo ad")

            # The same site with a text selector that matches nothing.
            broken_dir = os.path.join(out, "broken")
            os.makedirs(os.path.join(broken_dir, "sites"))
            html = open(os.path.join(out, "sites", "demo-html.toml")).read()
            html = html.replace('text = "article.ad-detail div.ad-description"',
                                'text = "article.ad-detail div.description"')
            assert "div.description" in html
            open(os.path.join(broken_dir, "sites", "demo-html.toml"), "w").write(html)
            main_cfg = open(config).read().replace('include = ["sites/*.toml", "rules/*.toml"]',
                                                   'include = ["sites/*.toml", "%s/rules/*.toml"]' % out)
            main_cfg = main_cfg.replace('"file:pseudonym.key"', '"file:%s/pseudonym.key"' % out)
            assert "\nfallback_recipients = " in main_cfg
            main_cfg = main_cfg.replace("\nfallback_recipients = ",
                                        '\nadmin_recipients = ["beheer@zuid-limburg.example"]\nfallback_recipients = ', 1)
            broken = os.path.join(broken_dir, "adwatch.toml")
            open(broken, "w").write(main_cfg)
            code, text = site_test(adwatch, broken, "demo-html")
            print(text)
            if code != 1:
                failures.append(f"wrong text selector: exit {code}, expected 1")
            if "MATCHED NOTHING: article.ad-detail div.description" not in text:
                failures.append("wrong text selector: the selector is not named")

            # Crawled with that profile (each on a fresh store, as the first cycle after the break).
            named = "text selector 'article.ad-detail div.description' matched nothing"
            for cmd in (["crawl", "--once", "--no-politeness"], ["run", "--once"]):
                d = os.path.join(out, "broken-" + cmd[0])
                os.makedirs(os.path.join(d, "sites"))
                open(os.path.join(d, "sites", "demo-html.toml"), "w").write(html)
                open(os.path.join(d, "adwatch.toml"), "w").write(main_cfg)
                r = subprocess.run([adwatch, "--config", os.path.join(d, "adwatch.toml"), *cmd], capture_output=True,
                                   text=True, timeout=300)
                text = r.stdout + r.stderr
                print(text[-3000:])
                if r.returncode != 1:
                    failures.append(f"{cmd[0]} --once with a wrong text selector: exit {r.returncode}, expected 1")
                if named not in text:
                    failures.append(f"{cmd[0]} --once with a wrong text selector: the selector is not named")
            admin = []
            for path in glob.glob(os.path.join(out, "broken-run", "mail", "*.eml")):
                msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
                if "beheer@zuid-limburg.example" in str(msg["to"]):
                    admin.append(msg)
            if len(admin) != 1:
                failures.append(f"run --once: {len(admin)} messages to the administrator, expected 1")
            else:
                body = admin[0].get_body(preferencelist=("plain",)).get_content()
                print(admin[0]["subject"], body, sep="\n")
                if named not in body or "adwatch site test demo-html" not in body:
                    failures.append("the administrator's mail does not name the selector and the workbench")
                if re.search(r"\+\d{9,}|\b0[1-9]\d{8}\b", body):
                    failures.append("the administrator's mail holds something like a phone number")

            # Offline: a saved ad page.
            listing = urllib.request.urlopen(sites["demo-html"] + "/regio/zuid-limburg", timeout=30).read().decode()
            link = re.search(r'class="ad-link" href="([^"]+)"', listing) or re.search(
                r'href="([^"]+)"[^>]*class="ad-link"', listing)
            if not link:
                failures.append("no ad link on the demo listing page")
            else:
                ad_url = urllib.request.urljoin(sites["demo-html"] + "/", link.group(1))
                saved = os.path.join(out, "ad.html")
                open(saved, "wb").write(urllib.request.urlopen(ad_url, timeout=30).read())
                code, text = site_test(adwatch, config, "demo-html", "--html", saved)
                print(text)
                if code != 0 or not re.search(r"^  title +\S", text, re.M):
                    failures.append(f"--html: exit {code} or no title")
            # A listing without detail pages: whole ads read from it (ad_items), offline.
            cards_dir = os.path.join(out, "cards")
            os.makedirs(os.path.join(cards_dir, "sites"))
            open(os.path.join(cards_dir, "sites", "cards.toml"), "w").write(
                '[[site]]\nname = "cards"\npurpose = "demo: test"\nlegal_basis = "demo: test"\n'
                'start_urls = ["https://cards.example/list"]\nad_items = "div.card"\n'
                '[site.fields]\nid = "div.card@data-id"\ntitle = "h3"\ntext = "p.body"\n'
                'phones = { selector = "a[href^=\'tel:\']@href", all = true }\n')
            open(os.path.join(cards_dir, "adwatch.toml"), "w").write(main_cfg)
            cards_page = os.path.join(out, "cards.html")
            open(cards_page, "w").write(
                '<div class="card" data-id="1"><h3>Anna</h3><p class="body">Lieve meid van 17 uit Heerlen.</p>'
                '<a href="tel:+31612345678">bel</a></div><div class="card" data-id="2"><h3>Eva</h3>'
                '<p class="body">Nieuw in Sittard.</p></div>')
            code, text = site_test(adwatch, os.path.join(cards_dir, "adwatch.toml"), "cards", "--listing-html",
                                   cards_page)
            print(text)
            if code != 0 or "2 ads read from the listing" not in text:
                failures.append(f"ad_items: exit {code} or the listing's ads not counted")
            if not re.search(r"^  text +Lieve meid", text, re.M) or not re.search(r"^  ages +.*17", text, re.M):
                failures.append("ad_items: the first ad's text or its stated age not shown")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
