// Template texts, word shingles, MinHash/LSH band keys, exact Jaccard, the
// sentence-level family similarity and the longest shared phrase; plus the
// flat band map.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <span>

#include "matcher/crossad/internal/state.h"

namespace adwatch::crossad_internal {
namespace {

bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool SentenceEnd(char c) { return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r'; }

// Length of the UTF-8 sequence at `i` when it is a symbol rather than a
// letter: emoji and pictographs (4-byte sequences), U+2000-U+2FFF
// (punctuation, currency, arrows, dingbats: ★ ❤ € …), U+0080-U+00BF (no-break
// space, « », °) and the emoji variation selector U+FE0F. 0 otherwise.
size_t SymbolLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
  n = std::min(n, s.size() - i);
  if (c >= 0xf0 || c == 0xe2 || c == 0xc2) return n;
  if (c == 0xef && s.substr(i, 3) == "\xef\xb8\x8f") return n;
  return 0;
}

// Lower-cased words of `s`, split on anything that is not a letter or digit
// (UTF-8 multi-byte sequences count as letters, symbols and emoji do not).
// The views point into `*buf`, one lower-cased copy: no allocation per word.
// `breaks` (may be null) gets, per word, whether a sentence ended before it.
std::vector<std::string_view> Words(std::string_view s, std::string* buf, std::vector<bool>* breaks = nullptr) {
  buf->assign(s);
  for (char& c : *buf)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  std::vector<std::string_view> out;
  size_t i = 0;
  bool ended = false;
  auto is_word = [&](size_t k) {
    unsigned char c = static_cast<unsigned char>((*buf)[k]);
    return c < 0x80 ? WordByte(c) : SymbolLength(*buf, k) == 0;
  };
  while (i < buf->size()) {
    while (i < buf->size() && !is_word(i)) {
      size_t sym = SymbolLength(*buf, i);
      // An emoji often stands where a full stop would ("... samen 🥂 Bel of
      // app"): copies of one template differ in exactly such places.
      ended = ended || SentenceEnd((*buf)[i]) || sym == 4;
      i += sym ? sym : 1;
    }
    size_t j = i;
    while (j < buf->size() && is_word(j)) ++j;
    if (j > i) {
      out.push_back(std::string_view(*buf).substr(i, j - i));
      if (breaks) breaks->push_back(ended);
      ended = false;
    }
    i = j;
  }
  return out;
}

// Sorted distinct word hashes of a span.
std::vector<uint64_t> WordSet(const WordIds& w, std::pair<uint32_t, uint32_t> span, const Vocabulary& vocab) {
  std::vector<uint64_t> out;
  for (uint32_t i = span.first; i < span.second; ++i) out.push_back(vocab.Hash(w[i]));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL ^ s.size();  // FNV-1a over 8-byte words, then mixed
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001b3ULL;
  return Mix64(h);
}

uint32_t Vocabulary::Id(std::string_view word) {
  auto it = ids_.find(word);
  if (it != ids_.end()) return it->second;
  const std::string& stored = storage_.emplace_back(word);
  uint32_t id = static_cast<uint32_t>(words_.size());
  ids_.emplace(stored, id);
  words_.push_back(&stored);
  hashes_.push_back(HashBytes(stored));
  return id;
}

WordIds TemplateWords(const AdFacts& f, Vocabulary* vocab, std::vector<std::pair<uint32_t, uint32_t>>* sentences,
                      int min_sentence_words) {
  // Name and place words differ between the copies of one template, so they
  // go; but not short words and particles ("Sanne de Wit", "Den Bosch"):
  // stripping "de" everywhere made one copy of a template unlike the others.
  static const std::vector<std::string> kParticles = {"aan", "bij", "das", "del", "den", "der", "die",
                                                      "het", "les", "los", "ten", "ter", "uit", "van", "von"};
  std::vector<std::string> stop;
  std::string buf;
  auto add = [&](const std::string& s) {
    for (std::string_view w : Words(s, &buf))
      if (w.size() >= 3 && !std::binary_search(kParticles.begin(), kParticles.end(), w)) stop.emplace_back(w);
  };
  add(f.name);
  add(f.town);
  add(f.municipality);
  add(f.city);  // "Neerpelt" where the gazetteer says Pelt, or a town it does not know
  for (const Place& p : f.per_ad.places) {
    add(p.name);
    add(p.municipality);
  }
  std::sort(stop.begin(), stop.end());
  WordIds out;
  std::vector<bool> breaks;
  std::vector<std::string_view> words = Words(f.text, &buf, &breaks);
  uint32_t begin = 0;
  auto close = [&] {
    uint32_t end = static_cast<uint32_t>(out.size());
    if (sentences && end - begin >= static_cast<uint32_t>(std::max(1, min_sentence_words)))
      sentences->emplace_back(begin, end);
    begin = end;
  };
  for (size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    if (breaks[k]) close();
    if (std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (std::binary_search(stop.begin(), stop.end(), w, std::less<>())) continue;
    out.push_back(vocab->Id(w));
  }
  close();
  return out;
}

}  // namespace adwatch::crossad_internal

namespace adwatch {

std::string TemplateFingerprint(const AdFacts& facts, const std::function<std::string(std::string_view)>& token) {
  crossad_internal::Vocabulary vocab;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;  // every sentence with a word
  crossad_internal::WordIds words = crossad_internal::TemplateWords(facts, &vocab, &sentences, 1);
  std::string out;
  for (auto [begin, end] : sentences) {
    for (uint32_t i = begin; i < end; ++i) out += token(vocab.Word(words[i])) + ' ';
    out += ". ";
  }
  return out;
}

}  // namespace adwatch

namespace adwatch::crossad_internal {

uint64_t SentenceHash(const WordIds& words, std::pair<uint32_t, uint32_t> span, const Vocabulary& vocab) {
  uint64_t h = 0x5e47e9ceULL;
  for (uint32_t i = span.first; i < span.second; ++i) h = Mix64(h ^ vocab.Hash(words[i]));
  return h;
}

std::vector<uint64_t> UniqueSentences(const AdState& a) {
  std::vector<uint64_t> out = a.sentence_hashes;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<uint64_t> CandidateKeys(const AdState& a, const Vocabulary& vocab) {
  // (h ^ salt) * odd is a bijection of the mixed word hash, as for BandKeys.
  static const auto kSalt = [] {
    std::array<std::pair<uint64_t, uint64_t>, kSketches> s{};
    for (int i = 0; i < kSketches; ++i) s[i] = {Mix64(0x5c37c4ULL + 2 * i), Mix64(0x5c37c5ULL + 2 * i) | 1};
    return s;
  }();
  std::vector<uint64_t> out = a.sentence_hashes;
  for (auto span : a.sentences) {
    std::vector<uint64_t> set = WordSet(a.words, span, vocab);
    if (set.size() < 2) continue;
    for (int i = 0; i < kSketches; ++i) {
      uint64_t lo = ~0ULL, next = ~0ULL;
      for (uint64_t h : set) {
        uint64_t v = (h ^ kSalt[i].first) * kSalt[i].second;
        if (v < lo) next = lo, lo = v;
        else if (v < next) next = v;
      }
      out.push_back(Mix64(Mix64(kSalt[i].first ^ lo) ^ next));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double FamilySimilarity(const AdState& a, const AdState& b, const Vocabulary& vocab, double sentence_match,
                        const IsCommon& common) {
  const size_t na = a.sentences.size(), nb = b.sentences.size();
  // A text without punctuation (dictated, or typed on a phone in one go) is
  // one long sentence: then that one sentence, if long enough, may match.
  auto one_long = [](const AdState& s) {
    return s.sentences.size() == 1 && s.sentences[0].second - s.sentences[0].first >= kMinOneSentenceWords;
  };
  const int min_matched = one_long(a) && one_long(b) ? 1 : kMinMatchedSentences;
  if (na < static_cast<size_t>(min_matched) || nb < static_cast<size_t>(min_matched)) return 0;
  // A text of a few short phrases is too generic to call a template ("Lieve
  // dame voor een ontspannen avond", "Discreet. Bel of app me!"), as for
  // near-identical copies (kMinShingles): count the words of its sentences.
  auto sentence_words = [](const AdState& s) {
    size_t n = 0;
    for (auto [b, e] : s.sentences) n += e - b;
    return n;
  };
  if (sentence_words(a) < kMinFamilyWords || sentence_words(b) < kMinFamilyWords) return 0;
  // hit_x[i]: how closely sentence i is matched (word-set Jaccard of its
  // best partner, 1 for the same sentence; 0 unmatched). A family's edited
  // sentences stay close (a word swapped in ten: 0.8); ads of one genre
  // share looser ones ("Zij ontvangt in een privé appartement"), which
  // count for less.
  std::vector<char> rare_a(na), rare_b(nb);
  std::vector<double> hit_a(na, 0), hit_b(nb, 0);
  for (size_t i = 0; i < na; ++i) rare_a[i] = !common(a.sentence_hashes[i]);
  for (size_t j = 0; j < nb; ++j) rare_b[j] = !common(b.sentence_hashes[j]);
  // Exact matches first (cheap), then word-set overlap for the rest.
  for (size_t i = 0; i < na; ++i)
    for (size_t j = 0; j < nb; ++j)
      if (rare_a[i] && rare_b[j] && a.sentence_hashes[i] == b.sentence_hashes[j]) hit_a[i] = hit_b[j] = 1;
  std::vector<std::vector<uint64_t>> set_b(nb);
  for (size_t i = 0; i < na; ++i) {
    if (!rare_a[i]) continue;
    std::vector<uint64_t> set_a;
    for (size_t j = 0; j < nb; ++j) {
      if (!rare_b[j] || (hit_a[i] == 1 && hit_b[j] == 1)) continue;
      if (set_a.empty()) set_a = WordSet(a.words, a.sentences[i], vocab);
      if (set_b[j].empty()) set_b[j] = WordSet(b.words, b.sentences[j], vocab);
      double jac = Jaccard(set_a, set_b[j]);
      if (jac < sentence_match) continue;
      hit_a[i] = std::max(hit_a[i], jac);
      hit_b[j] = std::max(hit_b[j], jac);
    }
  }
  double total = 0, matched = 0;
  int matched_a = 0, matched_b = 0;
  for (size_t i = 0; i < na; ++i) {
    double w = a.sentences[i].second - a.sentences[i].first;
    total += w;
    if (hit_a[i] > 0) matched += w * hit_a[i], ++matched_a;
  }
  for (size_t j = 0; j < nb; ++j) {
    double w = b.sentences[j].second - b.sentences[j].first;
    total += w;
    if (hit_b[j] > 0) matched += w * hit_b[j], ++matched_b;
  }
  if (matched_a < min_matched || matched_b < min_matched || total <= 0) return 0;
  return matched / total;
}

bool TemplateLinked(const AdState& a, const AdState& b, const std::vector<uint64_t>* shingles_a,
                    const std::vector<uint64_t>* shingles_b, const Vocabulary& vocab, const SignalParams& p,
                    const IsCommon& common) {
  if (shingles_a && shingles_b && Jaccard(*shingles_a, *shingles_b) >= p.template_jaccard) return true;
  return FamilySimilarity(a, b, vocab, p.template_sentence_match, common) >= p.template_family_similarity;
}

std::vector<uint64_t> Shingles(const WordIds& words, int k, const Vocabulary& vocab) {
  std::vector<uint64_t> out;
  if (k < 1 || words.size() < static_cast<size_t>(k)) return out;
  std::vector<uint64_t> wh(words.size());
  for (size_t i = 0; i < words.size(); ++i) wh[i] = vocab.Hash(words[i]);
  out.reserve(words.size() - k + 1);
  for (size_t i = 0; i + k <= words.size(); ++i) {
    uint64_t h = 0;
    for (int j = 0; j < k; ++j) h = (h ^ wh[i + j]) * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(j);
    out.push_back(Mix64(h));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<uint64_t> BandKeys(const std::vector<uint64_t>& shingles) {
  std::vector<uint64_t> out;
  if (shingles.size() < static_cast<size_t>(kMinShingles)) return out;
  constexpr int kHashes = kBands * kRows;
  // Hash i of a shingle: (s ^ salt_i) * odd_i, a bijection of the already
  // mixed shingle hash; one multiply per hash (vectorised), where a full
  // Mix64 per hash cost a quarter of a rebuild.
  static const auto kSalt = [] {
    std::array<std::pair<uint64_t, uint64_t>, kHashes> a{};
    for (int i = 0; i < kHashes; ++i) a[i] = {Mix64(2 * i + 1), Mix64(2 * i + 2) | 1};
    return a;
  }();
  uint64_t mins[kHashes];
  std::fill(std::begin(mins), std::end(mins), ~0ULL);
  for (uint64_t s : shingles) {
    for (int i = 0; i < kHashes; ++i) {
      uint64_t v = (s ^ kSalt[i].first) * kSalt[i].second;
      mins[i] = v < mins[i] ? v : mins[i];
    }
  }
  out.reserve(kBands);
  for (int b = 0; b < kBands; ++b) {
    uint64_t h = Mix64(0xba5eULL + b);
    for (int r = 0; r < kRows; ++r) h = Mix64(h ^ mins[b * kRows + r]);
    out.push_back(h);
  }
  return out;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++both, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

std::string LongestSharedPhrase(const WordIds& a, const WordIds& b, const Vocabulary& vocab, size_t max_words) {
  std::span<const uint32_t> wa(a.data(), std::min<size_t>(a.size(), 600)), wb(b.data(), std::min<size_t>(b.size(), 600));
  // Longest common run of words: classic DP keeping one row.
  std::vector<uint32_t> prev(wb.size() + 1, 0), cur(wb.size() + 1, 0);
  size_t best = 0, best_end = 0;
  for (size_t i = 1; i <= wa.size(); ++i) {
    for (size_t j = 1; j <= wb.size(); ++j) {
      cur[j] = wa[i - 1] == wb[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > best) best = cur[j], best_end = i;
    }
    std::swap(prev, cur);
  }
  std::string out;
  size_t begin = best_end - best, n = std::min(best, max_words);
  for (size_t i = begin; i < begin + n; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += vocab.Word(wa[i]);
  }
  if (best > max_words) out += " …";
  return out;
}

void BandMap::Rehash(size_t capacity) {
  std::vector<uint64_t> keys = std::move(keys_);
  std::vector<uint32_t> vals = std::move(vals_);
  keys_.assign(capacity, 0);
  vals_.assign(capacity, kEmpty);
  used_ = live_ = 0;
  for (size_t i = 0; i < keys.size(); ++i)
    if (vals[i] != kEmpty && vals[i] != kTomb) Insert(keys[i], vals[i]);
}

void BandMap::Insert(uint64_t key, uint32_t ad) {
  if ((used_ + 1) * 10 > keys_.size() * 7) {  // linear probing stays short below 70% load
    size_t cap = 1024;
    while ((live_ + 1) * 2 > cap) cap *= 2;
    Rehash(cap);
  }
  size_t mask = keys_.size() - 1;
  size_t i = Mix64(key) & mask;
  while (vals_[i] != kEmpty && vals_[i] != kTomb) i = (i + 1) & mask;
  if (vals_[i] == kEmpty) ++used_;
  keys_[i] = key;
  vals_[i] = ad;
  ++live_;
}

void BandMap::Erase(uint64_t key, uint32_t ad) {
  if (keys_.empty()) return;
  size_t mask = keys_.size() - 1;
  for (size_t i = Mix64(key) & mask; vals_[i] != kEmpty; i = (i + 1) & mask) {
    if (keys_[i] == key && vals_[i] == ad) {
      vals_[i] = kTomb;
      --live_;
      return;
    }
  }
}

}  // namespace adwatch::crossad_internal
