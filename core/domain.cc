// String forms of the domain enums and the content hash of an ad.
#include "core/ad.h"
#include "core/alert.h"
#include "core/hash.h"
#include "core/signal.h"

namespace adwatch {

std::string ContentHash(const Ad& ad) {
  // Length-prefix each field so that ("ab","c") and ("a","bc") differ.
  // Reserved up front: growing by doubling reallocated and copied a 1.5 KB
  // text several times per ad (store ingest hashes every ad it is given).
  std::string buf;
  size_t size = 64;
  for (const std::string* f : {&ad.site, &ad.id, &ad.url, &ad.title, &ad.text, &ad.name, &ad.stated_age,
                               &ad.city, &ad.region, &ad.price, &ad.posted})
    size += f->size() + 21;
  for (const auto* list : {&ad.phones, &ad.photos})
    for (const auto& p : *list) size += p.size() + 21;
  buf.reserve(size);
  auto add = [&](const std::string& f) {
    buf += std::to_string(f.size());
    buf += ':';
    buf += f;
  };
  for (const std::string* f : {&ad.site, &ad.id, &ad.url, &ad.title, &ad.text, &ad.name, &ad.stated_age,
                               &ad.city, &ad.region, &ad.price, &ad.posted})
    add(*f);
  add(std::to_string(ad.phones.size()));
  for (const auto& p : ad.phones) add(p);
  add(std::to_string(ad.photos.size()));
  for (const auto& p : ad.photos) add(p);
  return Sha256Hex(buf);
}

const char* ToString(AdEvent e) {
  switch (e) {
    case AdEvent::kNew: return "new";
    case AdEvent::kChanged: return "changed";
    case AdEvent::kUnchanged: return "unchanged";
    case AdEvent::kVanished: return "vanished";
  }
  return "?";
}

namespace {
constexpr const char* kSeverityNames[] = {"none", "low", "medium", "high", "critical"};
constexpr const char* kStateNames[] = {"new", "sent", "acknowledged", "dismissed", "closed"};
constexpr const char* kOutcomeNames[] = {"none", "geen-mensenhandel", "risicofactoren", "ernstige-vermoedens",
                                         "mensenhandel"};

template <typename E, size_t N>
bool ParseName(const std::string& s, const char* const (&names)[N], E* out) {
  for (size_t i = 0; i < N; ++i) {
    if (s == names[i]) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}
}  // namespace

const char* ToString(Severity s) { return kSeverityNames[static_cast<int>(s)]; }
bool ParseSeverity(const std::string& s, Severity* out) { return ParseName(s, kSeverityNames, out); }
const char* ToString(AlertState s) { return kStateNames[static_cast<int>(s)]; }
bool ParseAlertState(const std::string& s, AlertState* out) { return ParseName(s, kStateNames, out); }
const char* ToString(Outcome o) { return kOutcomeNames[static_cast<int>(o)]; }
bool ParseOutcome(const std::string& s, Outcome* out) { return ParseName(s, kOutcomeNames, out); }

}  // namespace adwatch
