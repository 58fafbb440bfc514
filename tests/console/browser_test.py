#!/usr/bin/python3
"""The review console in a real browser (Debian's chromium + chromedriver,
driven by python3-selenium) against `adwatch console` on 127.0.0.1 with a
real SQLite store filled by one demo run. It starts where a coordinator
starts: a digest rendered by `adwatch digest` (the daemon's digest code,
with the console's base URL configured) and delivered as .eml; the signal
link is taken out of the mail's text and opened in the browser, which is
sent to sign in and back to the signal. Then: assess it with the keyboard
only, see it counted on the dashboard; set up TOTP on the account page with
a code computed here, after which the password alone no longer signs in; a
coordinator of another municipality gets "not found" for that signal and its
ads; a form posted without its CSRF token is refused; the session cookie has
its flags; every input has a label. Screenshots of each page go to
BUILD_DIR/tests/console/screenshots/.

usage: browser_test.py BUILD_DIR SOURCE_DIR"""
import base64
import email
import email.policy
import glob
import hashlib
import hmac
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "app"))
from demo_network import render_config, start_demo_sites  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class Failure(Exception):
    pass


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        raise Failure(what)


def totp(secret_base32, at=None):
    """RFC 6238 (HMAC-SHA1, 30 s, 6 digits), as an authenticator app computes it."""
    key = base64.b32decode(secret_base32.replace(" ", "").upper() + "=" * (-len(secret_base32.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def mail_text(path):
    """The text/plain part of an .eml, as a mail client shows it."""
    msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    return str(msg["message-id"]), str(msg["to"]), body.get_content() if body else ""


def unlabelled_inputs(driver):
    return driver.execute_script("""
      return Array.from(document.querySelectorAll('input, select, textarea'))
        .filter(e => e.type !== 'hidden')
        .filter(e => !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.getAttribute('aria-label')
                     && !e.closest('label'))
        .map(e => e.name || e.outerHTML);""")


def main(build, source):
    adwatch = os.path.join(build, "app/adwatch")
    shots = os.path.join(build, "tests/console/screenshots")
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    with tempfile.TemporaryDirectory(prefix="adwatch-console-") as out:
        sites_proc, sites, _ = start_demo_sites(build, out, seed=42, extra=("--ads", "400"))
        console = driver = None
        try:
            config = render_config(source, out, sites)
            # The console's address must be in the digests the run writes: take a free port for it first.
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            base = f"http://127.0.0.1:{port}"
            text = open(config).read()
            open(config, "w").write(re.sub(r'(?m)^public_base_url = ".*"$', f'public_base_url = "{base}"', text))
            run = subprocess.run([adwatch, "--config", config, "run", "--once"], stderr=open(os.path.join(out, "run.log"), "w"))
            check(run.returncode == 0, "demo run filled the store and wrote its mail")
            alerts = json.loads(subprocess.run([adwatch, "--config", config, "alerts", "list", "--json", "--limit", "1000"],
                                               capture_output=True, text=True, check=True).stdout)
            municipalities = ["Maastricht", "Heerlen", "Sittard-Geleen", "Kerkrade"]  # deploy/demo/adwatch.toml
            by_id = {a["id"]: a for a in alerts if set(a["municipalities"]) & set(municipalities)
                     and not set(municipalities) <= set(a["municipalities"])}
            check(len(by_id) > 0, f"the demo run raised alerts in the configured municipalities ({len(by_id)})")

            # A digest as the daemon composed and delivered it (.eml from the file transport).
            link = None
            for path in sorted(glob.glob(os.path.join(out, "mail", "*.eml"))):
                message_id, to, body = mail_text(path)
                if "digest-" not in message_id:
                    continue
                for m in re.finditer(re.escape(base) + r"/signals/(\d+)", body):
                    if link is None and int(m.group(1)) in by_id:
                        link, mail_to = m.group(0), to
            check(link is not None, f"a digest links a signal in the console: {link}")
            alert = by_id[int(link.rsplit("/", 1)[1])]
            mine = next(m for m in alert["municipalities"] if m in municipalities)
            other = next(m for m in municipalities if m not in alert["municipalities"])
            print(f"     digest to {mail_to} links signal {alert['id']} ({', '.join(alert['municipalities'])})")
            for name, muni in (("coordinator-a", mine), ("coordinator-b", other)):
                subprocess.run([adwatch, "--config", config, "users", "add", name, "--role", "coordinator",
                                "--municipalities", muni], input="demo-wachtwoord-123\n", text=True, check=True,
                               capture_output=True)
            console = subprocess.Popen([adwatch, "--config", config, "console", "--listen", f"127.0.0.1:{port}"],
                                       stdout=subprocess.PIPE, stderr=open(os.path.join(out, "console.log"), "w"), text=True)
            line = console.stdout.readline()
            check(line.strip() == f"console: {base}/", "adwatch console listens where the digest links: " + line.strip())

            opts = webdriver.ChromeOptions()
            opts.binary_location = "/usr/bin/chromium"
            for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--window-size=1280,1400", f"--user-data-dir={out}/chromium-profile"):
                opts.add_argument(flag)
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
            driver.set_page_load_timeout(30)

            def shot(name):  # the whole page, not only the window
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1280, min(max(height + 120, 800), 6000))
                driver.save_screenshot(os.path.join(shots, name + ".png"))
                driver.set_window_size(1280, 1000)

            def wait_for(condition, seconds=10):
                """Whether `condition(driver)` became true: a click or Enter does not always wait for the page."""
                try:
                    return bool(WebDriverWait(driver, seconds).until(condition))
                except Exception:
                    return False

            def fill_sign_in(name, code=""):
                driver.find_element(By.ID, "name").send_keys(name)
                driver.find_element(By.ID, "password").send_keys("demo-wachtwoord-123")
                if code:
                    driver.find_element(By.ID, "code").send_keys(code)
                driver.find_element(By.ID, "password").send_keys(Keys.ENTER)

            def sign_in(name, code=""):
                driver.delete_all_cookies()
                driver.get(base + "/login")
                check(unlabelled_inputs(driver) == [], "every input on the sign-in page has a label")
                fill_sign_in(name, code)

            # The link from the mail, not signed in yet: to the sign-in page and back to the signal.
            signal_url = link
            driver.get(signal_url)
            check("/login?next=" in driver.current_url, "the digest's link asks to sign in first: " + driver.current_url)
            check(unlabelled_inputs(driver) == [], "every input on the sign-in page has a label")
            shot("01-aanmelden")
            fill_sign_in("coordinator-a")
            check(wait_for(lambda d: d.current_url == signal_url),
                  "signed in, back on the signal from the digest: " + driver.current_url)
            check(driver.title.startswith(f"Signaal {alert['id']}"), "the signal page opens: " + driver.title)
            cookie = driver.get_cookie("adwatch_session")
            check(cookie is not None and cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict",
                  f"session cookie is HttpOnly; Secure; SameSite=Strict ({cookie})")
            check(unlabelled_inputs(driver) == [], "every input on the signal page has a label")
            check(len(driver.find_elements(By.CSS_SELECTOR, ".indicators li")) > 0, "indicators shown")
            shot("03-signaal")
            ad_links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/ads/']")]
            check(len(ad_links) > 0, "the signal links its archived ads")
            driver.get(base + "/")
            check(f"/signals/{alert['id']}" in driver.page_source, "the inbox lists the signal")
            check(unlabelled_inputs(driver) == [], "every input on the inbox has a label")
            shot("02-signalen")
            driver.get(ad_links[0])
            check(len(driver.find_elements(By.CSS_SELECTOR, "section.ad")) > 0, "the archived ad shows its versions")
            check(driver.find_elements(By.TAG_NAME, "img") == [], "no photos are loaded")
            shot("04-advertentie")

            # A form posted without its CSRF token is refused.
            driver.get(signal_url)
            driver.execute_script("""
              const f = document.getElementById('assess');
              f.querySelector('input[name=csrf]').remove();
              f.querySelector('input[name=outcome]').checked = true;
              f.querySelector('textarea[name=note]').value = 'zonder token';
              f.submit();""")
            check(wait_for(lambda d: "geweigerd" in d.title), "a form without the CSRF token is refused: " + driver.title)
            back = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
            check(signal_url in back, f"... with a link back to the signal, not 'reload' (which would post again): {back}")
            shot("05-zonder-token")

            # Keyboard only: Tab to the outcome, arrows to pick, type the note, Enter on the button.
            driver.get(signal_url)
            body = driver.find_element(By.TAG_NAME, "body")
            body.click()
            actions = ActionChains(driver)

            def tab_to(predicate_js, limit=120):
                for _ in range(limit):
                    if driver.execute_script("const e = document.activeElement; return " + predicate_js):
                        return True
                    ActionChains(driver).send_keys(Keys.TAB).perform()
                return False
            check(tab_to("e.name === 'outcome'"), "Tab reaches the outcome choice")
            actions.send_keys(Keys.ARROW_DOWN).perform()  # geen mensenhandel -> risicofactoren
            check(tab_to("e.id === 'forwarded_to'"), "Tab reaches 'doorgezet naar'")
            ActionChains(driver).send_keys("s").perform()  # screeningstafel
            check(tab_to("e.id === 'note'"), "Tab reaches the note")
            ActionChains(driver).send_keys("Besproken in de screeningstafel (toetsenbord).").perform()
            check(tab_to("e.type === 'submit' && e.form && e.form.id === 'assess'"), "Tab reaches the submit button")
            ActionChains(driver).send_keys(Keys.ENTER).perform()
            wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.notice"))
            notice = driver.find_elements(By.CSS_SELECTOR, "p.notice")
            check(len(notice) == 1 and "vastgelegd" in notice[0].text, "the keyboard-only assessment is recorded")
            table = driver.find_element(By.ID, "assessments").text
            check("risicofactoren" in table and "screeningstafel" in table and "coordinator-a" in table
                  and "console:" not in table,
                  "the assessment shows outcome, destination and reviewer")
            shot("06-beoordeeld")

            driver.get(base + "/dashboard?gemeente=" + mine)
            outcomes = driver.find_element(By.ID, "table-uitkomsten").text
            check("risicofactoren: potentieel slachtoffer 1" in outcomes, "the dashboard counts the assessment: " + outcomes.replace("\n", " | "))
            forwarded = driver.find_element(By.ID, "table-doorgezet").text
            check("screeningstafel 1" in forwarded, "the dashboard counts it as passed on to the screeningstafel")
            check(unlabelled_inputs(driver) == [], "every input on the dashboard has a label")
            # Chart.js draws without animation once it has made the chart: wait for that, not for a time.
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(
                "return !!window.Chart && Array.from(document.querySelectorAll('canvas[data-chart]'))"
                ".every(c => window.Chart.getChart(c));"))
            shot("07-overzicht")

            # TOTP set up in the browser: the key as the page shows it, a code as the app would compute it.
            driver.find_element(By.CSS_SELECTOR, "header a[href='/account']").click()
            check(driver.title.startswith("Uw account"), "the user name in the header opens the account page")
            check(unlabelled_inputs(driver) == [], "every input on the account page has a label")
            check(len(driver.find_elements(By.CSS_SELECTOR, "svg.qr")) == 1, "a QR code for the authenticator app")
            secret = driver.find_element(By.ID, "totp-secret").text
            shot("08-tweestapsverificatie")
            driver.find_element(By.ID, "totp_code").send_keys("000000" if totp(secret) != "000000" else "111111")
            driver.find_element(By.ID, "totp_password").send_keys("demo-wachtwoord-123" + Keys.ENTER)
            check(wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))
                  and "De code klopt niet" in driver.find_element(By.CSS_SELECTOR, "p.error").text, "a wrong code is refused")
            check(driver.find_element(By.ID, "totp-secret").text == secret, "... and the same key is offered again")
            driver.find_element(By.ID, "totp_code").send_keys(totp(secret))
            driver.find_element(By.ID, "totp_password").send_keys("demo-wachtwoord-123" + Keys.ENTER)
            wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.notice"))
            notice = driver.find_elements(By.CSS_SELECTOR, "p.notice")
            check(len(notice) == 1 and "ingesteld" in notice[0].text, "TOTP is set up with a code from the key")
            shot("09-tweestapsverificatie-ingesteld")
            driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
            check(wait_for(lambda d: "/login" in d.current_url), "signed out")
            sign_in("coordinator-a")
            check(wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, "p.error"))
                  and "mislukt" in driver.find_element(By.CSS_SELECTOR, "p.error").text,
                  "the password alone no longer signs in")
            shot("10-aanmelden-zonder-code")
            sign_in("coordinator-a", totp(secret))
            check(wait_for(lambda d: d.current_url.rstrip("/") == base), "password and code sign in")
            # A lost phone: the administrator removes the second factor; the password signs in again.
            subprocess.run([adwatch, "--config", config, "users", "reset-totp", "coordinator-a"], check=True,
                           capture_output=True)
            sign_in("coordinator-a")
            check(wait_for(lambda d: d.current_url.rstrip("/") == base), "after users reset-totp the password signs in")

            # Another municipality's coordinator: the signal and its ads do not exist.
            sign_in("coordinator-b")
            driver.get(signal_url)
            theirs = driver.find_element(By.TAG_NAME, "main").text
            driver.get(f"{base}/signals/999999999")
            missing = driver.find_element(By.TAG_NAME, "main").text
            check(theirs == missing and "Niet gevonden" in theirs, "another coordinator gets 'not found' for the signal")
            shot("11-niet-gevonden")
            driver.get(ad_links[0])
            check(driver.find_element(By.TAG_NAME, "main").text == missing, "... and for its ads")
            print(f"screenshots in {shots}")
            return 0
        except Failure:
            if driver:
                shot("failure")
            for f in ("console.log", "run.log"):
                p = os.path.join(out, f)
                if os.path.exists(p):
                    print(f"--- {f} (tail)\n" + "".join(open(p).readlines()[-20:]))
            return 1
        finally:
            if driver:
                driver.quit()
            if console:
                console.terminate()
                console.wait(10)
            sites_proc.terminate()
            sites_proc.wait(10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
