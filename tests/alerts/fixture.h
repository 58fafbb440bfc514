// Test fixture for the alerts tests: a real SQLite store in a fresh temp
// directory, plus helpers to put ads with signals into it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include "alerts/lifecycle.h"
#include "store/store.h"

namespace adwatch::testing {

inline std::string FreshDir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() /
           ("adwatch-alerts-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}

inline StoreConfig SqliteConfig(const std::string& dir) {
  StoreConfig c;
  c.backend = "sqlite";
  c.path = dir + "/adwatch.db";
  c.pseudonym_key = "file:" + dir + "/pseudonym.key";
  return c;
}

inline std::unique_ptr<Store> OpenTestStore(const std::string& dir, const Clock& clock) {
  StoreConfig c = SqliteConfig(dir);
  EXPECT_TRUE(EnsurePseudonymKey(c.pseudonym_key, *Env::Default()).ok());
  auto s = OpenStore(c, *Env::Default(), clock);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

// Stores an ad in `town` (municipality `municipality`) with one phone and one
// hit, and returns the scored subject the matcher would produce for it.
inline ScoredSubject PutAd(Store& store, const std::string& id, const std::string& town,
                           const std::string& municipality, double score, Severity sev, TimePoint now,
                           const std::string& phone = "+31612345678") {
  Ad ad;
  ad.site = "demo-html";
  ad.id = id;
  ad.url = "http://127.0.0.1:8080/ad/" + id;
  ad.title = "Nieuw in " + town + " — Zoë";
  ad.text = "full ad text that must never be mailed " + phone;
  ad.city = town;
  ad.phones = {phone};
  auto up = store.UpsertAds({ad}, now);
  EXPECT_TRUE(up.ok()) << up.status().ToString();
  AdSignals sig;
  sig.phones.push_back({phone, false, "phones", phone});
  if (!municipality.empty()) sig.places.push_back({town, municipality, "Limburg", "NL"});
  Hit h;
  h.rule = "age.young_wording";
  h.category = "age";
  h.severity = sev;
  h.weight = score;
  h.field = "text";
  h.evidence = "net 18, bel " + phone;
  sig.hits.push_back(h);
  sig.score = score;
  sig.severity = sev;
  EXPECT_TRUE(store.SaveAdSignals(KeyOf(ad), up.ok() ? (*up)[0].content_hash : "", sig, "v1", now).ok());
  ScoredSubject s;
  s.subject_key = AdSubjectKey(KeyOf(ad));
  s.score = score;
  s.severity = sev;
  s.contributions = {{h.rule, h.category, score, h.evidence, {ad.url}, {}}};
  s.ads = {KeyOf(ad)};
  if (!municipality.empty()) s.municipalities = {municipality};
  return s;
}

}  // namespace adwatch::testing
