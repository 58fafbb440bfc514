// What ExtractPhones masks, read whole or window by window: phone_masks.h.
#include "matcher/internal/phone_masks.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "matcher/internal/ascii_runs.h"

namespace adwatch::matcher_internal {
namespace {

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsLetter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
bool IsBlank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v'; }

// Bytes as the IBAN test reads them before a word: a digit, a byte an IBAN
// may hold (letters, a space, non-ASCII bytes for case folding), the rest.
enum : uint8_t { kIbanOther, kIbanDigit, kIbanByte };
constexpr std::array<uint8_t, 256> kIbanBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = c >= '0' && c <= '9' ? kIbanDigit
           : (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' || c >= 0x80 ? kIbanByte
                                                                                       : kIbanOther;
  return t;
}();

// The most bytes an IBAN match (the pattern's first alternative) can have:
// 2 letters (up to 3 bytes each under case folding), 2 digits, 7 groups of a
// space and 4 characters, a space and 3 characters.
constexpr size_t kIbanMaxBytes = 2 * 3 + 2 + 7 * (1 + 4 * 3) + 1 + 3 * 3;

// Whether the word w[0, len) (ASCII letters, any case) may be one of the
// words MaskRe reads right after a separator (see the header), or one with
// more letters glued to it ("koophandelnummer", "idnl"). Compared where it
// stands, by first letter: most words are asked.
bool PatternWord(const unsigned char* w, size_t len) {
  auto starts = [&](std::string_view x) {
    if (len < x.size()) return false;
    for (size_t k = 0; k < x.size(); ++k)
      if ((w[k] | 0x20) != static_cast<unsigned char>(x[k])) return false;
    return true;
  };
  auto is = [&](std::string_view x) { return len == x.size() && starts(x); };
  switch (w[0] | 0x20) {
    case 'a': return is("annonce");
    case 'b': return is("be");
    case 'c': return is("code");
    case 'd': return is("de");
    case 'e': return is("entreprise") || is("euro") || is("eur");
    case 'i': return starts("id");
    case 'k': return starts("koophandel");
    case 'n': return starts("nummer") || starts("nr") || starts("number") || is("nl") || is("numero") || is("no");
    case 'u': return is("uur") || is("uhr");
    case 'v': return is("van");
    default: return false;
  }
}

}  // namespace

const re2::RE2& MaskRe() {
  static const re2::RE2* re = new re2::RE2(
      R"((?i)\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]{4}){2,7}(?:[ ]?[a-z0-9]{1,3})?\b)"
      R"(|\b(?:kvk|k\.v\.k\.?|kamer van koophandel|handelsregister|hrb)[\s\-:.#]*(?:-?nummer|-?nr\.?|number)?[\s:.#]*\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2})"
      R"(|\b(?:ondernemings?(?:nummer|nr\.?)|num[ée]ro\s+d['’]entreprise|n°\s+d['’]entreprise|kbo(?:-nummer|-nr\.?)?|bce|unternehmensnummer)[\s:.#]*(?:be)?[ ]?0?\d{3,4}[ .]?\d{3}[ .]?\d{3})"
      R"(|\bbe[ ]?0\d{3}[ .]\d{3}[ .]\d{3}\b)"
      R"(|\b(?:btw|vat|tva|ust-?idnr|ust-?id)[\s\-:.#]*(?:-?nummer|-?nr\.?|number|id)?[\s:.#]*(?:nl|be|de)?[ ]?\d[\d .]{7,11}(?:b\d{2})?)"
      R"(|\b(?:advertentie|advert|anzeigen?|annonce|profiel|profile|referentie|ref|r[ée]f[ée]rence|ad|order|bestel|factuur|klant|kunden|rechnungs)[\s-]?(?:id|nummer|nr\.?|code|number|num[ée]ro|n°)\s*[:#.]?\s*\d[\d\-. ]*\d)"
      R"(|\b(?:r[ée]f[ée]rence|num[ée]ro|n°)\s+(?:de\s+l['’]|d['’]|de\s+)?annonce\s*[:#.]?\s*\d[\d\-. ]*\d)"
      R"(|\b(?:siret|siren|rcs(?:\s[a-z]+)?|(?:exploitatie)?vergunning(?:s?nummer)?|licentie(?:nummer)?|licen[cs]e(?:\snumber|\snr\.?)?|lizenz(?:nummer)?|registratienummer|konzession(?:snummer)?|genehmigung(?:snummer)?|erlaubnis(?:nummer)?|anmeldebescheinigung(?:snummer)?|aktenzeichen|az\.?|agr[ée]ment|autorisation)[\s:.#]*(?:(?:nr|no|nummer|number|n°|num[ée]ro)\.?[\s:.#]*)?\d[\d\-./ ]*\d)"
      R"(|\b(?:id|ref|r[ée]f[ée]rence)\s*[:#]\s*\d+)"
      R"(|€\s?\d[\d.,]*(?:,-)?|\b\d+(?:[.,]\d+)?(?:,-)?\s?(?:euro|eur)\b)"
      R"(|\b\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}\b)"
      R"(|\b(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}\b)"
      R"(|\b\d{1,2}[.:]\d{2}\s?(?:uur|u|h|uhr)\b)");
  return *re;
}

Spans MaskedSpans(std::string_view text) {
  Spans out;
  // Every alternative of MaskRe needs an ASCII digit (RE2's \d): without
  // one (most titles) there is nothing to mask.
  if (std::none_of(text.begin(), text.end(), [](char c) { return IsDigit(c); })) return out;
  re2::StringPiece m;
  size_t pos = 0;
  re2::StringPiece whole(text.data(), text.size());
  while (pos < text.size() && MaskRe().Match(whole, pos, text.size(), re2::RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data(), e = b + m.size();
    out.emplace_back(b, e);
    pos = e > b ? e : e + 1;
  }
  return out;
}

bool IsSafeMaskBoundary(std::string_view text, size_t b, size_t e) {
  if (b == 0) return true;
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (e > n || e - b < 2 || b >= e) return false;
  const unsigned char before = t[b - 1];
  if (before >= 0x80 || IsLetter(before) || IsDigit(before)) return false;
  if (e < n && (t[e] >= 0x80 || IsLetter(t[e]) || IsDigit(t[e]))) return false;
  if (AsciiLetterRunEnd(text, b) < e || PatternWord(t + b, e - b)) return false;
  // "RCS Paris": "rcs" (or "rcſ", which RE2 folds alike) and one blank before the word.
  if (IsBlank(before) && b >= 2) {
    const size_t s_end = b - 1;  // where the 's' ends
    const size_t s_len = (t[s_end - 1] | 0x20) == 's'                                       ? 1
                         : s_end >= 2 && t[s_end - 2] == 0xC5 && t[s_end - 1] == 0xBF ? 2
                                                                                           : 0;
    if (s_len != 0 && s_end >= s_len + 2 && (t[s_end - s_len - 1] | 0x20) == 'c' &&
        (t[s_end - s_len - 2] | 0x20) == 'r')
      return false;
  }
  // An IBAN's group: from its start (with two digits) the IBAN holds only
  // letters, digits, single spaces and, under case folding, non-ASCII bytes.
  if (before == ' ') {
    // The group or the start before that space ends in four characters,
    // none a space: the bytes right before it (most words are shorter).
    for (size_t k = 2; k <= 5; ++k)
      if (b < k || t[b - k] == ' ' || kIbanBytes[t[b - k]] == kIbanOther) return true;
    for (size_t p = b - 1, stop = b - 1 - std::min(b - 1, kIbanMaxBytes); p > stop; --p) {
      const uint8_t k = kIbanBytes[t[p - 1]];
      if (k != kIbanByte) {
        if (k == kIbanDigit) return false;
        break;
      }
    }
  }
  return true;
}

bool MaskScan::SafeCut(size_t c) {
  if (safe_.empty()) safe_.assign(cuts_.size(), kUnknown);
  if (safe_[c] == kUnknown) safe_[c] = IsSafeMaskBoundary(text_, cuts_[c].first, cuts_[c].second) ? kSafe : kUnsafe;
  return safe_[c] == kSafe;
}

size_t MaskScan::SafeAtOrBefore(size_t pos) {
  auto it = std::upper_bound(cuts_.begin(), cuts_.end(), pos,
                             [](size_t p, const std::pair<uint32_t, uint32_t>& c) { return p < c.first; });
  for (size_t c = static_cast<size_t>(it - cuts_.begin()); c-- > 0;)
    if (SafeCut(c)) return cuts_[c].first;
  return 0;
}

size_t MaskScan::SafeAtOrAfter(size_t pos) {
  auto it = std::lower_bound(cuts_.begin(), cuts_.end(), pos,
                             [](const std::pair<uint32_t, uint32_t>& c, size_t p) { return c.first < p; });
  for (size_t c = static_cast<size_t>(it - cuts_.begin()); c < cuts_.size(); ++c)
    if (SafeCut(c)) return cuts_[c].first;
  return text_.size();
}

void MaskScan::Scan(size_t b, size_t e) {
  // Every match lies within [b, e) and needs an ASCII digit.
  if (std::none_of(text_.begin() + b, text_.begin() + e, [](char c) { return IsDigit(c); })) return;
  re2::StringPiece m;
  const re2::StringPiece whole(text_.data(), text_.size());  // the context for \b at b and e
  size_t pos = b;
  while (pos < e && MaskRe().Match(whole, pos, e, re2::RE2::UNANCHORED, &m, 1)) {
    const size_t mb = m.data() - text_.data(), me = mb + m.size();
    spans_.emplace_back(mb, me);
    pos = me > mb ? me : me + 1;
  }
}

void MaskScan::Cover(size_t b, size_t e) {
  // Asked again, mostly: a range's walk back over masked cuts asks for more
  // of what its first window holds.
  for (const auto& [wb, we] : scanned_)
    if (wb <= b && e <= we) return;
  const size_t x = SafeAtOrBefore(b), y = SafeAtOrAfter(e);
  const size_t before = spans_.size();
  // The parts of [x, y) no window holds yet: every end of a window is safe.
  size_t at = x;
  for (const auto& [wb, we] : scanned_) {
    if (we <= at) continue;
    if (wb >= y) break;
    if (wb > at) Scan(at, wb);
    at = std::max(at, we);
    if (at >= y) break;
  }
  if (at < y) Scan(at, y);
  if (spans_.size() != before) std::sort(spans_.begin(), spans_.end());
  // Merge [x, y) into the windows, in place.
  scanned_.insert(std::lower_bound(scanned_.begin(), scanned_.end(), std::make_pair(x, size_t{0})), {x, y});
  size_t kept = 0;
  for (size_t k = 1; k < scanned_.size(); ++k) {
    if (scanned_[k].first <= scanned_[kept].second) scanned_[kept].second = std::max(scanned_[kept].second, scanned_[k].second);
    else scanned_[++kept] = scanned_[k];
  }
  scanned_.resize(kept + 1);
}

}  // namespace adwatch::matcher_internal
