// The ads bench/ingest loads and the CSV files of its baselines.
#pragma once

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "core/ad.h"
#include "store/internal/sql_store.h"  // AdJsonText: the length of what the store seals

namespace adwatch::bench {

inline std::vector<Ad> MakeAds(int n) {
  std::vector<Ad> ads;
  ads.reserve(n);
  static const char* towns[] = {"Heerlen", "Maastricht", "Sittard", "Geleen", "Kerkrade", "Brunssum"};
  for (int i = 0; i < n; ++i) {
    Ad ad;
    ad.site = "bench";
    ad.id = std::to_string(1000000 + i);
    ad.url = "https://bench.example/advertentie/" + ad.id;
    ad.title = "Nieuw in " + std::string(towns[i % 6]) + ", lieve meid " + std::to_string(i % 97);
    ad.text.reserve(1500);
    while (ad.text.size() < 1400)
      ad.text += "Hoi, ik ben nieuw hier en ontvang je graag in een discrete privé-omgeving. Bel of app me. ";
    ad.text += std::to_string(i);
    ad.name = "Naam" + std::to_string(i % 500);
    ad.stated_age = std::to_string(19 + i % 20);
    ad.city = towns[i % 6];
    ad.region = "NL";
    ad.phones = {"06" + std::to_string(10000000 + i % 50000)};
    ad.price = "100";
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
