// Folding observations into per-ad state, and the small Entity helpers.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/hash.h"
#include "matcher/crossad/internal/state.h"

namespace adwatch {

std::string Entity::SubjectKey() const {
  if (ads.size() == 1) return "ad:" + ads[0].site + "/" + ads[0].id;
  return "entity:" + id;
}

bool Entity::operator==(const Entity& o) const {
  auto contrib_eq = [](const Contribution& a, const Contribution& b) {
    return a.rule == b.rule && a.category == b.category && a.points == b.points && a.evidence == b.evidence &&
           a.ad_urls == b.ad_urls;
  };
  return id == o.id && ads == o.ads && ad_urls == o.ad_urls && phones == o.phones && names == o.names &&
         towns == o.towns && municipalities == o.municipalities && timeline == o.timeline &&
         templates == o.templates && first_seen == o.first_seen && last_seen == o.last_seen && live == o.live &&
         score == o.score && severity == o.severity &&
         std::equal(contributions.begin(), contributions.end(), o.contributions.begin(), o.contributions.end(),
                    contrib_eq);
}

namespace crossad_internal {
namespace {

std::string NormName(const std::string& s) {
  // "Bea 0152 8417 0593", "Laetitia tel 0478932605": a number in the name
  // field is the phone, not part of the name; a label before it goes too.
  std::string_view name = s;
  if (size_t d = name.find_first_of("+0123456789"); d != std::string_view::npos &&
      std::count_if(name.begin() + d, name.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 8)
    name = name.substr(0, d);
  std::string out;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
    }
  }
  if (name.size() != s.size()) {
    static constexpr std::string_view kLabels[] = {"tel", "tel.", "tél", "tél.", "gsm", "whatsapp", "wa", "mobil",
                                                   "handy", "phone", "/", "-", ":", ","};
    for (bool cut = true; cut;) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      cut = false;
      for (std::string_view l : kLabels)
        if (std::string_view(out).ends_with(l) && (out.size() == l.size() || out[out.size() - l.size() - 1] == ' ' ||
                                                  l.size() == 1)) {
          out.resize(out.size() - l.size());
          cut = true;
          break;
        }
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Sorted by time, and a sighting only where the town changes.
void Compress(std::vector<TownSighting>* towns) {
  std::sort(towns->begin(), towns->end());
  std::vector<TownSighting> out;
  for (TownSighting& t : *towns) {
    if (t.town.empty()) continue;
    if (!out.empty() && out.back().town == t.town) continue;
    out.push_back(std::move(t));
  }
  *towns = std::move(out);
}

}  // namespace

void Fold(AdState* s, const AdFacts& f, const SignalParams& p, bool fresh, Vocabulary* vocab) {
  if (fresh) {
    *s = AdState();
    s->key = f.key;
    s->first_seen = f.seen;
    s->last_seen = f.seen;
    s->key_hash = std::stoull(Sha256Hex(f.key.site + "/" + f.key.id).substr(0, 16), nullptr, 16);
  }
  s->valid = true;
  s->first_seen = std::min(s->first_seen, f.seen);
  s->last_seen = std::max(s->last_seen, f.seen);
  s->url = f.url;
  s->name = f.name;
  s->name_norm = NormName(f.name);
  s->phones = f.phones;
  s->pseudonyms = f.pseudonyms;
  s->pseudonyms.resize(s->phones.size());
  s->town = f.town;
  s->municipality = f.municipality;
  for (const TownSighting& t : f.earlier_towns) s->towns.push_back(t);
  s->towns.push_back({f.seen, f.town});
  Compress(&s->towns);
  s->live = f.live;
  s->hits = f.per_ad.hits;
  s->per_ad_severity = f.per_ad.severity;
  s->sentences.clear();
  s->words = TemplateWords(f, vocab, &s->sentences, p.template_sentence_min_words);
  s->sentence_hashes.clear();
  for (auto span : s->sentences) s->sentence_hashes.push_back(SentenceHash(s->words, span, *vocab));
  s->candidate_keys = CandidateKeys(*s, *vocab);
  s->bands = BandKeys(Shingles(s->words, p.template_shingle, *vocab));
}

bool Reportable(const Entity& e) {
  if (e.ads.size() >= 2) return true;
  for (const Contribution& c : e.contributions)
    if (c.category == "shared_phone" || c.category == "template" || c.category == "touring") return true;
  return false;
}

bool SingleMayReport(const AdState& a, const SignalParams& p) {
  std::vector<std::string_view> towns;
  for (const TownSighting& t : a.towns)
    if (std::find(towns.begin(), towns.end(), t.town) == towns.end()) towns.push_back(t.town);
  return static_cast<int>(towns.size()) >= p.touring_min_towns;
}

}  // namespace crossad_internal
}  // namespace adwatch
