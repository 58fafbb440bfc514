// The ads bench/ingest loads and the CSV files of its baselines.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ad.h"
#include "store/internal/sql_store.h"  // AdJsonText: the length of what the store seals

namespace adwatch::bench {

// Ads of ~1.5 KB whose text varies as real ads' does: each ad takes the
// title, name, age, town, phone and price of one ad of the labelled corpus
// (tests/corpus/dev, 8,000-odd ads in four languages) and the texts of
// corpus ads of the same language, drawn at random, until it has 1,400
// bytes (the corpus's ads are ~200 bytes). The old bench repeated one
// sentence, which any compression of the stored version would have
// flattered. Both the store and the baselines load these same ads.
// Deterministic: the same n gives the same ads on every run.
inline std::vector<Ad> MakeAds(int n, const std::string& corpus_dir = ADWATCH_SOURCE_DIR "/tests/corpus/dev") {
  struct Src {
    std::string title, text, name, age, city, phone, price;
  };
  std::vector<std::vector<Src>> by_lang;
  std::map<std::string, size_t> lang_index;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir))
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    for (std::string line; std::getline(in, line);) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) continue;
      auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; };
      Src s{str("title"), str("text"), str("name"), str("age"), str("city"), "", str("price")};
      if (j.contains("phones") && j["phones"].is_array() && !j["phones"].empty() && j["phones"][0].is_string())
        s.phone = j["phones"][0].get<std::string>();
      auto [it, added] = lang_index.emplace(str("lang"), by_lang.size());
      if (added) by_lang.emplace_back();
      by_lang[it->second].push_back(std::move(s));
    }
  }
  if (by_lang.empty()) {
    std::fprintf(stderr, "bench: no ads under %s\n", corpus_dir.c_str());
    std::exit(1);
  }
  std::mt19937_64 rng(20261202);
  std::vector<Ad> ads;
  ads.reserve(n);
  for (int i = 0; i < n; ++i) {
    const auto& lang = by_lang[i % by_lang.size()];
    const Src& src = lang[rng() % lang.size()];
    Ad ad;
    ad.site = "bench";
    ad.id = std::to_string(1000000 + i);
    ad.url = "https://bench.example/advertentie/" + ad.id;
    ad.title = src.title;
    ad.text.reserve(1600);
    ad.text = src.text;
    while (ad.text.size() < 1400) ad.text += (ad.text.empty() ? "" : "\n") + lang[rng() % lang.size()].text;
    ad.name = src.name;
    ad.stated_age = src.age;
    ad.city = src.city;
    ad.region = "NL";
    ad.phones = {src.phone.empty() ? "06" + std::to_string(10000000 + i % 50000) : src.phone};
    ad.price = src.price;
    ad.posted = "2026-11-28";
    ad.photos = {ad.url + "/1.jpg", ad.url + "/2.jpg"};
    ads.push_back(std::move(ad));
  }
  return ads;
}

inline std::string CsvField(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The same rows the store writes (key, url, hash, the ad as JSON-ish text).
inline void WriteCsv(const std::vector<Ad>& ads, const std::string& path) {
  std::ofstream out(path);
  for (const Ad& ad : ads) {
    std::string data = ad.title + "\t" + ad.text + "\t" + ad.name + "\t" + ad.city + "\t" + ad.phones[0] + "\t" +
                       ad.photos[0] + "\t" + ad.photos[1];
    out << CsvField(ad.site) << "," << CsvField(ad.id) << "," << CsvField(ad.url) << "," << ContentHash(ad) << ","
        << CsvField(data) << "\n";
  }
}

// --store-tables: the rows UpsertAds writes, as a COPY would load them into
// the store's own tables (an ads row with its id; a version whose data is
// the raw baseline's text padded to the length of the sealed box the store
// writes, so the same bytes go in), for a baseline that pays what the schema
// asks of every ad: two rows, four index entries, a foreign-key check.
inline void WriteStoreCsv(const std::vector<Ad>& ads, const std::string& dir) {
  std::ofstream rows(dir + "/ads_rows.csv"), versions(dir + "/versions.csv");
  for (size_t i = 0; i < ads.size(); ++i) {
    const Ad& ad = ads[i];
    const std::string hash = ContentHash(ad), id = std::to_string(i + 1);
    std::string data = ad.title + "\t" + ad.text + "\t" + ad.name + "\t" + ad.city + "\t" + ad.phones[0] + "\t" +
                       ad.photos[0] + "\t" + ad.photos[1];
    data.resize(std::max(data.size(), store_internal::AdJsonText(ad).size() + 45), ' ');  // "enc2:", nonce, MAC
    rows << id << "," << CsvField(ad.site) << "," << CsvField(ad.id) << "," << CsvField(ad.url) << "," << hash
         << ",1764288000,1764288000,1\n";
    versions << id << "," << hash << ",1764288000," << CsvField(data) << "\n";
  }
}

}  // namespace adwatch::bench
