// Ad: one advertisement as the crawler extracted it from a site.
//
// Fields are kept as the site shows them (raw strings); the matcher derives
// normalised facts (E.164 phones, ages, places) from them. Photos are URLs
// only: adwatch never downloads images unless a site profile enables it.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"

namespace adwatch {

struct Ad {
  std::string site;        // site name from the config ("demo-html")
  std::string id;          // the site's own id for the ad
  std::string url;         // canonical public URL, the one shown in digests
  std::string title;
  std::string text;        // description
  std::string name;        // advertiser name as shown
  std::string stated_age;  // age field as shown ("19", "19 jaar"); empty if none
  std::string city;        // location field as shown
  std::string region;      // ISO country code for numbers without prefix ("NL")
  std::vector<std::string> phones;  // phone fields and tel:/wa.me links, raw
  std::string price;
  std::string posted;      // posting date as shown
  std::vector<std::string> photos;  // URLs
};

// Identity of an ad across crawls.
struct AdKey {
  std::string site;
  std::string id;
  auto operator<=>(const AdKey&) const = default;
};

inline AdKey KeyOf(const Ad& ad) { return {ad.site, ad.id}; }

// Hex SHA-256 over every extracted field: two crawls that yield the same hash
// saw the same ad version.
std::string ContentHash(const Ad& ad);

// Where an ad is in its lifecycle, as the crawler sees it.
enum class AdEvent { kNew, kChanged, kUnchanged, kVanished };
const char* ToString(AdEvent e);

}  // namespace adwatch
