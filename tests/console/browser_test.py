#!/usr/bin/python3
"""The review console in a real browser (Debian's chromium + chromedriver,
driven by python3-selenium) against `adwatch console` on 127.0.0.1 with a
real SQLite store filled by one demo run: sign in, open a signal, assess it
with the keyboard only, see it counted on the dashboard; a coordinator of
another municipality gets "not found" for that signal and its ads; a form
posted without its CSRF token is refused; the session cookie has its flags;
every input has a label. Screenshots of each page go to
BUILD_DIR/tests/console/screenshots/.

usage: browser_test.py BUILD_DIR SOURCE_DIR"""
import json
import os
import shutil
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


class Failure(Exception):
    pass


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        raise Failure(what)


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
            run = subprocess.run([adwatch, "--config", config, "run", "--once"], stderr=open(os.path.join(out, "run.log"), "w"))
            check(run.returncode == 0, "demo run filled the store")
            alerts = json.loads(subprocess.run([adwatch, "--config", config, "alerts", "list", "--json", "--limit", "1000"],
                                               capture_output=True, text=True, check=True).stdout)
            municipalities = ["Maastricht", "Heerlen", "Sittard-Geleen", "Kerkrade"]  # deploy/demo/adwatch.toml
            alerts = [a for a in alerts if set(a["municipalities"]) & set(municipalities)
                      and not set(municipalities) <= set(a["municipalities"])]
            check(len(alerts) > 0, f"the demo run raised alerts in the configured municipalities ({len(alerts)})")
            alerts.sort(key=lambda a: (len(a["municipalities"]), -a["score"], a["id"]))
            alert = alerts[0]
            mine = next(m for m in alert["municipalities"] if m in municipalities)
            other = next(m for m in municipalities if m not in alert["municipalities"])
            for name, muni in (("coordinator-a", mine), ("coordinator-b", other)):
                subprocess.run([adwatch, "--config", config, "users", "add", name, "--role", "coordinator",
                                "--municipalities", muni], input="demo-wachtwoord-123\n", text=True, check=True,
                               capture_output=True)
            console = subprocess.Popen([adwatch, "--config", config, "console", "--listen", "127.0.0.1:0"],
                                       stdout=subprocess.PIPE, stderr=open(os.path.join(out, "console.log"), "w"), text=True)
            line = console.stdout.readline()
            check(line.startswith("console: http://127.0.0.1:"), "adwatch console prints its URL: " + line.strip())
            base = line.split()[1].rstrip("/")

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

            def sign_in(name):
                driver.delete_all_cookies()
                driver.get(base + "/login")
                check(unlabelled_inputs(driver) == [], "every input on the sign-in page has a label")
                shot("01-aanmelden")
                driver.find_element(By.ID, "name").send_keys(name)
                driver.find_element(By.ID, "password").send_keys("demo-wachtwoord-123")
                driver.find_element(By.ID, "password").send_keys(Keys.ENTER)

            sign_in("coordinator-a")
            check(driver.current_url.rstrip("/") == base, "signed in, on the inbox")
            check(unlabelled_inputs(driver) == [], "every input on the inbox has a label")
            shot("02-signalen")
            cookie = driver.get_cookie("adwatch_session")
            check(cookie is not None and cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict",
                  f"session cookie is HttpOnly; Secure; SameSite=Strict ({cookie})")

            signal_url = f"{base}/signals/{alert['id']}"
            driver.get(signal_url)
            check(driver.title.startswith(f"Signaal {alert['id']}"), "the signal page opens: " + driver.title)
            check(unlabelled_inputs(driver) == [], "every input on the signal page has a label")
            check(len(driver.find_elements(By.CSS_SELECTOR, ".indicators li")) > 0, "indicators shown")
            shot("03-signaal")
            ad_links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/ads/']")]
            check(len(ad_links) > 0, "the signal links its archived ads")
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
            check("geweigerd" in driver.title, "a form without the CSRF token is refused: " + driver.title)
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
            time.sleep(0)  # the navigation is awaited by the next lookup
            notice = driver.find_elements(By.CSS_SELECTOR, "p.notice")
            check(len(notice) == 1 and "vastgelegd" in notice[0].text, "the keyboard-only assessment is recorded")
            table = driver.find_element(By.ID, "assessments").text
            check("risicofactoren" in table and "screeningstafel" in table and "console:coordinator-a" in table,
                  "the assessment shows outcome, destination and reviewer")
            shot("06-beoordeeld")

            driver.get(base + "/dashboard?gemeente=" + mine)
            outcomes = driver.find_element(By.ID, "table-uitkomsten").text
            check("risicofactoren: potentieel slachtoffer 1" in outcomes, "the dashboard counts the assessment: " + outcomes.replace("\n", " | "))
            forwarded = driver.find_element(By.ID, "table-doorgezet").text
            check("screeningstafel 1" in forwarded, "the dashboard counts it as passed on to the screeningstafel")
            check(unlabelled_inputs(driver) == [], "every input on the dashboard has a label")
            time.sleep(0.5)  # let Chart.js draw before the screenshot
            shot("07-overzicht")

            # Another municipality's coordinator: the signal and its ads do not exist.
            sign_in("coordinator-b")
            driver.get(signal_url)
            theirs = driver.find_element(By.TAG_NAME, "main").text
            driver.get(f"{base}/signals/999999999")
            missing = driver.find_element(By.TAG_NAME, "main").text
            check(theirs == missing and "Niet gevonden" in theirs, "another coordinator gets 'not found' for the signal")
            shot("08-niet-gevonden")
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
