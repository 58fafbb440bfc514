#include "matcher/gazetteer.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "matcher/internal/ascii_runs.h"
#include "matcher/internal/text_util.h"

namespace adwatch {

// A folded word of free text with what surrounds it.
struct Gazetteer::Word {
  bool line_start = false;  // first word of the text or of a line
  bool capital = false;     // written with a capital first letter
  bool a_grave = false;     // the French preposition "à"
  char after = ' ';         // ' ' plain space/hyphen, ',' comma, '.' other punctuation or end
};

namespace {

using matcher_internal::DecodeUtf8;
using matcher_internal::FoldKey;
using matcher_internal::FoldLetter;
using matcher_internal::IsWordChar;

std::vector<std::string_view> SplitWords(std::string_view folded) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string_view::npos) j = folded.size();
    if (j > i) out.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(cur); cur.clear(); } else if (c != '\r') cur.push_back(c);
  }
  out.push_back(cur);
  return out;
}

// Words before a name that say it is a place: "in Born", "uit Stein",
// "omgeving Echt", "near Spa", "bei Heer" ("à" is checked on the raw text:
// folded it is the article "a").
bool IsCue(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "in",   "uit",  "te",   "bij",  "omgeving", "regio", "nabij", "vanuit", "rond", "rondom", "centrum",
      "near", "from", "bei",  "nahe", "raum",     "region", "pres", "vers"};
  return k.count(w) > 0;
}

// Lower-case words that may follow a place named after a cue, where it
// ends the phrase: "in Born en Geleen", "uit Echt e.o.", "nu in Stein voor
// 3 dagen", "à Spa ce week-end", "bei Heer ab Montag" — but not "in Stein
// gemeißelt".
bool IsContinuation(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      // nl
      "en", "of", "bij", "nabij", "eo", "e", "omgeving", "omstreken", "regio", "centrum", "stad", "gebied",
      "voor", "vanaf", "tot", "tm", "deze", "dit", "op", "met", "is", "ben", "bel", "kom", "nu", "alleen",
      "ook", "maar", "dus", "want", "waar", "van", "heb", "zijn",
      // en
      "and", "or", "near", "area", "city", "center", "centre", "for", "from", "this", "until", "till",
      "on", "at", "with", "now", "only", "call", "am", "are",
      // de
      "und", "oder", "bei", "nahe", "zentrum", "stadt", "ab", "bis", "diese", "diesen", "am", "fur",
      "nur", "jetzt", "bin", "ist",
      // fr
      "et", "ou", "pres", "ville", "ce", "cette", "pour", "jusqu", "du", "le", "la", "les", "des", "a"};
  return k.count(w) > 0;
}

// A slot in Gazetteer::first_filter_ (65,536 bits) from a folded word's
// length and first, second and last bytes.
inline size_t FilterSlot(std::string_view w) {
  if (w.empty()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(w.data());
  const size_t n = w.size();
  return (p[0] * 1031u + p[n > 1 ? 1 : 0] * 37u + p[n - 1] + std::min<size_t>(n, 63) * 8191u) & 0xFFFF;
}

bool IsCentre(std::string_view w) { return w == "centrum" || w == "center" || w == "centre" || w == "zentrum"; }

// ASCII letters and digits folded (lower case), every other byte 0.
constexpr std::array<char, 256> kAsciiFold = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 128; ++c)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) t[c] = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<char>(c + 32);
  return t;
}();

// Free text as FindInText reads it: words are runs of ASCII letters and
// digits and the Latin letters of IsWordChar; everything else separates.
// Every function steps through the text code point by code point from a
// word's end, as one pass from the start would.
inline bool WordCharAt(std::string_view text, size_t i, char32_t* cp, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    *cp = c;
    *len = 1;
    return kAsciiFold[c] != 0;
  }
  *cp = DecodeUtf8(text, i, len);
  return IsWordChar(*cp);
}

struct Span {
  size_t b = 0, e = 0;  // raw bytes of a word
  bool ascii = true;    // only ASCII bytes: its folded form is as long, byte for byte
};

// The first word at or after `pos`; false if there is none. ASCII bytes by
// table, other code points decoded.
inline bool NextWord(std::string_view text, size_t pos, Span* w) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = pos, len = 1;
  char32_t cp;
  for (;;) {
    while (i < n && p[i] < 0x80 && kAsciiFold[p[i]] == 0) ++i;
    if (i >= n) return false;
    if (p[i] < 0x80 || WordCharAt(text, i, &cp, &len)) break;
    i += len;
  }
  w->b = i;
  w->ascii = true;
  for (;;) {
    i = matcher_internal::AsciiAlnumRunEnd(text, i);  // kAsciiFold is 0 for every byte >= 0x80
    if (i >= n || p[i] < 0x80 || !WordCharAt(text, i, &cp, &len)) break;
    w->ascii = false;
    i += len;
  }
  w->e = i;
  return true;
}

// A word folded as FoldKey folds it (lower case, no diacritics).
void FoldWord(std::string_view text, const Span& w, std::string* out) {
  if (w.ascii) {  // byte for byte, through a pointer (push_back per byte was most of the cost)
    out->resize(w.e - w.b);
    char* o = out->data();
    for (size_t i = w.b; i < w.e; ++i) *o++ = kAsciiFold[static_cast<unsigned char>(text[i])];
    return;
  }
  out->clear();
  for (size_t i = w.b; i < w.e;) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(kAsciiFold[c]);
      ++i;
      continue;
    }
    size_t len;
    FoldLetter(DecodeUtf8(text, i, &len), out);
    i += len;
  }
}

// What follows a word up to the next one: ' ' plain spaces and hyphens, ','
// a comma, '.' other punctuation or the end of the text. *newline: a line
// break among it.
char AfterWord(std::string_view text, size_t e, bool* newline = nullptr) {
  char after = ' ';
  size_t i = e, len = 1;
  char32_t cp;
  while (i < text.size() && !WordCharAt(text, i, &cp, &len)) {
    const bool plain = cp == ' ' || cp == '\t' || cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0xA0 ||
                       cp == 0x2010 || cp == 0x2011;
    if (cp == ',') after = ',';
    else if (!plain && after == ' ') after = '.';
    if (newline && (cp == '\n' || cp == '\r')) *newline = true;
    i += len;
  }
  return i >= text.size() && after == ' ' ? '.' : after;
}

bool CapitalAt(std::string_view text, size_t b) {
  size_t len;
  const char32_t cp = DecodeUtf8(text, b, &len);
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
         (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0);
}

}  // namespace

Result<Gazetteer> Gazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open gazetteer file");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<Gazetteer> Gazetteer::Parse(std::string_view tsv, const std::string& name) {
  Gazetteer g;
  int line_no = 0;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t eol = tsv.find('\n', pos);
    if (eol == std::string_view::npos) eol = tsv.size();
    std::string_view line = tsv.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    std::vector<std::string> cols = SplitOn(line, '\t');
    if (cols.size() < 4 || cols[0].empty() || cols[1].empty() || cols[3].empty())
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) +
                                     ": expected name, municipality, province, country, aliases, flags "
                                     "separated by tabs");
    bool ambiguous = false;
    std::unordered_set<std::string> ambiguous_aliases;  // folded
    if (cols.size() > 5) {
      for (std::string flag : SplitOn(cols[5], ',')) {
        flag.erase(0, flag.find_first_not_of(' '));
        flag.erase(flag.find_last_not_of(' ') + 1);
        if (flag.empty()) continue;
        if (flag == "ambiguous") ambiguous = true;
        else if (flag.rfind("ambiguous-alias:", 0) == 0) ambiguous_aliases.insert(FoldKey(flag.substr(16)));
        else
          return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": unknown flag \"" + flag +
                                         "\" (expected ambiguous or ambiguous-alias:NAME)");
      }
    }
    size_t idx = g.places_.size();
    g.places_.push_back({cols[0], cols[1], cols[2], cols[3]});
    auto add_key = [&](const std::string& raw, bool amb) {
      std::string key = FoldKey(raw);
      if (key.empty()) return;
      amb = amb || ambiguous_aliases.count(key) > 0;
      if (auto it = g.keys_.find(key); it != g.keys_.end()) {  // first entry wins
        if (it->second.place == idx) it->second.ambiguous |= amb;  // "Visé" and "Vise" fold alike
        return;
      }
      g.keys_[key] = {idx, amb};
      auto words = SplitWords(key);
      FirstWord& first = g.first_words_[std::string(words[0])];
      first.most = std::max(first.most, words.size());
      first.alone |= words.size() == 1;
      size_t slot = FilterSlot(words[0]);
      g.first_filter_[slot / 64] |= uint64_t{1} << (slot % 64);
      if (words.size() > 1) {
        slot = FilterSlot(words[1]);
        g.second_filter_[slot / 64] |= uint64_t{1} << (slot % 64);
      }
    };
    add_key(cols[0], ambiguous);
    if (cols.size() > 4 && !cols[4].empty())
      for (const auto& alias : SplitOn(cols[4], ',')) add_key(alias, false);
  }
  if (g.places_.empty()) return Status::InvalidArgument(name + ": gazetteer has no entries");
  return g;
}

std::vector<Place> Gazetteer::FindWords(const std::vector<std::string_view>& words,
                                        const std::vector<Word>* context, bool first_only) const {
  std::vector<Place> out;
  std::vector<size_t> seen;
  std::string key;
  // Whether words [i, i+n) name a place in free text (see the header).
  auto says_place = [&](size_t i, size_t n) {
    const std::vector<Word>& c = *context;
    if (!c[i].capital) return false;
    size_t last = i + n - 1;
    bool has_next = last + 1 < words.size() && c[last].after == ' ';
    if (has_next && IsCentre(words[last + 1])) return true;                 // "Best centrum"
    if (c[i].line_start && c[last].after == ',') return true;               // "Echt, nieuw …"
    bool cue = i > 0 && c[i - 1].after == ' ' && (IsCue(words[i - 1]) || c[i - 1].a_grave);
    if (!cue) return false;
    if (!has_next) return true;                                             // "in Stein." / end of text
    std::string_view next = words[last + 1];
    return IsContinuation(next) || c[last + 1].capital || (next[0] >= '0' && next[0] <= '9');
  };
  for (size_t i = 0; i < words.size(); ++i) {
    size_t slot = FilterSlot(words[i]);
    if (!(first_filter_[slot / 64] >> (slot % 64) & 1)) continue;
    auto first = first_words_.find(words[i]);
    if (first == first_words_.end()) continue;
    size_t most = std::min(first->second.most, words.size() - i);
    if (most > 1) {  // no key of two or more words goes on with the next word: only one word can match
      size_t second = FilterSlot(words[i + 1]);
      if (!(second_filter_[second / 64] >> (second % 64) & 1)) most = 1;
    }
    for (size_t n = most; n >= 1; --n) {
      if (n == 1 && !first->second.alone) continue;
      std::string_view k1 = words[i];
      if (n > 1) {
        key.assign(words[i]);
        for (size_t k = 1; k < n; ++k) key.append(" ").append(words[i + k]);
        k1 = key;
      }
      auto it = keys_.find(k1);
      if (it == keys_.end()) continue;
      if (it->second.ambiguous && context != nullptr && !says_place(i, n)) continue;
      if (std::find(seen.begin(), seen.end(), it->second.place) == seen.end()) {
        seen.push_back(it->second.place);
        out.push_back(places_[it->second.place]);
        if (first_only) return out;
      }
      i += n - 1;
      break;
    }
  }
  return out;
}

std::optional<std::string> Gazetteer::FindMunicipality(std::string_view name) const {
  const std::string folded = FoldKey(name);
  for (const Place& p : places_)
    if (FoldKey(p.municipality) == folded) return p.municipality;
  return std::nullopt;
}

std::vector<Place> Gazetteer::Municipalities() const {
  std::vector<Place> out;
  std::unordered_set<std::string> seen;
  for (const Place& p : places_)
    if (seen.insert(p.municipality).second) out.push_back(Place{"", p.municipality, p.province, p.country});
  return out;
}

std::optional<Place> Gazetteer::Lookup(std::string_view city) const {
  std::string folded = FoldKey(city);
  if (auto it = keys_.find(folded); it != keys_.end()) return places_[it->second.place];
  // Drop postcodes, numbers and country words, then look for any name in it.
  static const std::unordered_set<std::string_view> kNoise = {
      "nl", "nederland", "netherlands", "holland", "be", "belgie", "belgium", "belgien", "de", "duitsland",
      "deutschland", "germany", "regio", "region", "omgeving", "centrum", "city", "stad", "eo", "e", "o"};
  std::vector<std::string_view> words;
  for (std::string_view w : SplitWords(folded)) {
    bool digits = w.find_first_not_of("0123456789") == std::string_view::npos;
    bool postcode_letters = w.size() == 2 && !words.empty() && words.back().empty();
    if (digits) { words.push_back(""); continue; }  // marker: the next 2 letters may be a postcode
    if (postcode_letters || kNoise.count(w)) continue;
    words.push_back(w);
  }
  std::vector<std::string_view> clean;
  for (auto w : words) if (!w.empty()) clean.push_back(w);
  std::vector<Place> found = FindWords(clean, nullptr, true);
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<Place> Gazetteer::FindInText(std::string_view text) const {
  // Most words of an ad are no place name: a word is folded and looked at,
  // with the words around it, only when its first-word filter bit is set.
  // The same reading as FindInTextSimple (which folds every word first).
  std::vector<Place> out;
  std::vector<size_t> seen;
  std::string word, key, other;
  std::vector<Span> next;  // the words after a candidate: the rest of a key, and one more
  Span prev, w;
  bool has_prev = false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  // FilterSlot of the folded ASCII word text[b, e), from the raw bytes.
  auto ascii_slot = [&](size_t b, size_t e) {
    const unsigned char* p = bytes + b;
    const size_t n = e - b;
    return (static_cast<unsigned char>(kAsciiFold[p[0]]) * 1031u +
            static_cast<unsigned char>(kAsciiFold[p[n > 1 ? 1 : 0]]) * 37u +
            static_cast<unsigned char>(kAsciiFold[p[n - 1]]) + std::min<size_t>(n, 63) * 8191u) &
           0xFFFF;
  };
  for (size_t pos = 0;;) {
    // Fast path for most words of an ad: an ASCII word (as NextWord reads
    // it: ASCII separators before it, no non-ASCII letter after it) whose
    // filter bit is clear is taken here, without a call or a Span; one whose
    // bit is set goes on below as the word NextWord would find there.
    bool found = false;
    {
      size_t i = pos;
      while (i < size && bytes[i] < 0x80 && kAsciiFold[bytes[i]] == 0) ++i;
      if (i < size && bytes[i] < 0x80) {
        const size_t e = matcher_internal::AsciiAlnumRunEnd(text, i + 1);  // kAsciiFold is 0 past it
        if (e >= size || bytes[e] < 0x80) {
          const size_t slot = ascii_slot(i, e);
          if (!(first_filter_[slot / 64] >> (slot % 64) & 1)) {
            prev = Span{i, e, true};
            has_prev = true;
            pos = e;
            continue;
          }
          w = Span{i, e, true};
          found = true;
        }
      }
    }
    if (!found && !NextWord(text, pos, &w)) break;
    pos = w.e;
    const Span current = w;
    auto done_with = [&](const Span& last) { prev = last, has_prev = true; };
    if (!found) {  // the filter, for a word the fast path did not take
      size_t slot;
      if (w.ascii) {
        slot = ascii_slot(w.b, w.e);
      } else {
        FoldWord(text, w, &word);
        slot = FilterSlot(word);
      }
      if (!(first_filter_[slot / 64] >> (slot % 64) & 1)) { done_with(current); continue; }
    }
    FoldWord(text, current, &word);
    auto first = first_words_.find(word);
    if (first == first_words_.end()) { done_with(current); continue; }
    // The next word; the ones after it only when the second-word filter
    // lets a longer key through ("de" is the first word of a few).
    next.clear();
    if (NextWord(text, current.e, &w)) next.push_back(w);
    size_t most = 1;
    if (first->second.most > 1 && !next.empty()) {
      FoldWord(text, next[0], &other);
      size_t second = FilterSlot(other);
      if (second_filter_[second / 64] >> (second % 64) & 1) {
        for (size_t at = next.back().e; next.size() < first->second.most && NextWord(text, at, &w); at = w.e)
          next.push_back(w);
        most = std::min(first->second.most, next.size() + 1);
      }
    }
    // Whether words current, next[0 .. n-1) name a place (see the header).
    auto says_place = [&](size_t n) {
      if (!CapitalAt(text, current.b)) return false;
      const Span& last = n == 1 ? current : next[n - 2];
      const bool has_word_after = n - 1 < next.size();
      const char after_last = AfterWord(text, last.e);
      const bool has_next = has_word_after && after_last == ' ';
      if (has_next) {
        FoldWord(text, next[n - 1], &other);
        if (IsCentre(other)) return true;                                       // "Best centrum"
      }
      bool line_start = !has_prev;
      if (has_prev) AfterWord(text, prev.e, &line_start);
      if (line_start && after_last == ',') return true;                        // "Echt, nieuw …"
      bool cue = false;
      if (has_prev && AfterWord(text, prev.e) == ' ') {
        const std::string_view raw = text.substr(prev.b, prev.e - prev.b);
        FoldWord(text, prev, &other);
        cue = IsCue(other) || raw == "\xc3\xa0" || raw == "\xc3\x80";
      }
      if (!cue) return false;
      if (!has_next) return true;                                              // "in Stein." / end of text
      FoldWord(text, next[n - 1], &other);
      return IsContinuation(other) || CapitalAt(text, next[n - 1].b) || (other[0] >= '0' && other[0] <= '9');
    };
    bool matched = false;
    for (size_t n = most; n >= 1 && !matched; --n) {
      if (n == 1 && !first->second.alone) continue;
      key = word;
      for (size_t k = 0; k + 1 < n; ++k) {
        FoldWord(text, next[k], &other);
        key.append(" ").append(other);
      }
      auto it = keys_.find(key);
      if (it == keys_.end()) continue;
      if (it->second.ambiguous && !says_place(n)) continue;
      if (std::find(seen.begin(), seen.end(), it->second.place) == seen.end()) {
        seen.push_back(it->second.place);
        out.push_back(places_[it->second.place]);
      }
      const Span& last = n == 1 ? current : next[n - 2];
      pos = last.e;
      done_with(last);
      matched = true;
    }
    if (!matched) done_with(current);
  }
  return out;
}

std::vector<Place> Gazetteer::FindInTextSimple(std::string_view text) const {
  // Folds the text word by word (as FoldKey does) and notes, per word, the
  // capital, the line start and the punctuation after it. Folding never
  // lengthens (ASCII stays one byte, a two-byte letter folds to one or two),
  // so `folded` is written in place up to `fn`.
  std::string folded(text.size(), '\0'), letter;
  size_t fn = 0;
  std::vector<std::pair<size_t, size_t>> spans;  // in `folded`
  std::vector<Word> ctx;
  spans.reserve(text.size() / 4);
  ctx.reserve(text.size() / 4);
  bool in_word = false, line_start = true;
  size_t word_begin = 0;  // byte offset of the current word in `text`
  auto end_word = [&](size_t raw_end) {
    if (!in_word) return;
    in_word = false;
    spans.back().second = fn;
    std::string_view raw = text.substr(word_begin, raw_end - word_begin);
    ctx.back().a_grave = raw.size() == 2 && (raw == "\xc3\xa0" || raw == "\xc3\x80");
  };
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    char32_t cp = static_cast<unsigned char>(text[i]);
    bool word_char;
    if (cp < 0x80) word_char = kAsciiFold[cp] != 0;  // IsWordChar for ASCII
    else word_char = IsWordChar(cp = DecodeUtf8(text, i, &len));
    if (word_char) {
      if (!in_word) {
        in_word = true;
        word_begin = i;
        spans.emplace_back(fn, fn);
        Word w;
        w.line_start = line_start;
        w.capital = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
                    (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0);
        ctx.push_back(w);
        line_start = false;
      }
      if (cp < 0x80 && len == 1) {  // the rest of an ASCII run of letters and digits at once
        // Local pointers: stores through char* would make the compiler reload
        // the strings' sizes and data after every byte.
        const auto* in = reinterpret_cast<const unsigned char*>(text.data());
        const size_t n = text.size();
        char* o = folded.data() + fn;
        *o++ = kAsciiFold[cp];
        size_t k = i + 1;
        for (char f; k < n && (f = kAsciiFold[in[k]]) != 0; ++k) *o++ = f;
        fn = static_cast<size_t>(o - folded.data());
        i = k;
        continue;
      }
      letter.clear();
      if (cp < 0x80) letter.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
      else FoldLetter(cp, &letter);
      folded.replace(fn, letter.size(), letter);
      fn += letter.size();
    } else {
      end_word(i);
      if (!ctx.empty()) {
        char& after = ctx.back().after;
        bool plain = cp == ' ' || cp == '\t' || cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0xA0 ||
                     cp == 0x2010 || cp == 0x2011;
        if (cp == ',') after = ',';
        else if (!plain && after == ' ') after = '.';
      }
      if (cp == '\n' || cp == '\r') line_start = true;
    }
    i += len;
  }
  end_word(text.size());
  folded.resize(fn);
  if (!ctx.empty() && ctx.back().after == ' ') ctx.back().after = '.';  // end of text
  std::vector<std::string_view> words;
  words.reserve(spans.size());
  for (auto [b, e] : spans) words.emplace_back(folded.data() + b, e - b);
  return FindWords(words, &ctx, false);
}

}  // namespace adwatch
