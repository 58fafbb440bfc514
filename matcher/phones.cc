// Phone extraction: mask what is not a phone, tokenize with de-obfuscation,
// group digit runs, and let libphonenumber validate only those candidates.
#include "matcher/phones.h"

#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include <map>
#include <optional>
#include <set>

#include "matcher/internal/phone_tokens.h"
#include "matcher/internal/text_util.h"

namespace adwatch {
namespace {

using matcher_internal::PhoneUnit;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// IBANs, KvK/BTW numbers, ad ids, prices, dates and times: never phones.
const RE2& MaskRe() {
  static const RE2* re = new RE2(
      R"((?i)\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]{4}){2,7}(?:[ ]?[a-z0-9]{1,3})?\b)"
      R"(|\b(?:kvk|k\.v\.k\.?|kamer van koophandel|handelsregister|hrb)[\s\-:.#]*(?:-?nummer|-?nr\.?|number)?[\s:.#]*\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2})"
      R"(|\b(?:btw|vat|ust-?idnr|ust-?id)[\s\-:.#]*(?:-?nummer|-?nr\.?|number|id)?[\s:.#]*(?:nl|be|de)?[ ]?\d[\d .]{7,11}(?:b\d{2})?)"
      R"(|\b(?:advertentie|advert|anzeigen?|profiel|profile|referentie|ref|ad|order|bestel|factuur|klant|kunden|rechnungs)[\s-]?(?:id|nummer|nr\.?|code|number)\s*[:#.]?\s*\d[\d\-. ]*\d)"
      R"(|\b(?:id|ref)\s*[:#]\s*\d+)"
      R"(|€\s?\d[\d.,]*(?:,-)?|\b\d+(?:[.,]\d+)?(?:,-)?\s?(?:euro|eur)\b)"
      R"(|\b\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}\b)"
      R"(|\b\d{1,2}[.:]\d{2}\s?(?:uur|u|h|uhr)\b)");
  return *re;
}

std::vector<std::pair<size_t, size_t>> MaskedSpans(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  re2::StringPiece m;
  size_t pos = 0;
  re2::StringPiece whole(text.data(), text.size());
  while (pos < text.size() && MaskRe().Match(whole, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data(), e = b + m.size();
    out.emplace_back(b, e);
    pos = e > b ? e : e + 1;
  }
  return out;
}

struct Group {
  const PhoneUnit* unit;
  std::string sep_before;  // raw separator text before this group
};

struct Run {
  std::vector<Group> groups;
  bool international = false;  // '+' before it or a wa.me/ link
};

// Ordinary formats: "06-12345678", "06 12345678", "06 12 34 56 78",
// "+31 6 1234 5678", "(043) 321 45 67", "+31-6-12345678", Belgian
// "0470/12.34.56". Anything else that splits the digits is obfuscation:
// odd separators, single digits, several dots or dashes, mixed separators.
bool IsObfuscated(const Run& run, size_t i, size_t j, bool international, const std::string& region) {
  int singles = 0, dots = 0, dashes = 0, slashes = 0;
  std::set<char> kinds;
  for (size_t k = i; k <= j; ++k) {
    const PhoneUnit& u = *run.groups[k].unit;
    if (u.disguised) return true;
    if (u.digits.size() == 1) ++singles;
    if (k == i) continue;
    int nonspace = 0;
    bool parens_only = true;
    const std::string& sep = run.groups[k].sep_before;
    for (size_t p = 0; p < sep.size();) {
      size_t len;
      char32_t c = matcher_internal::DecodeUtf8(sep, p, &len);
      p += len;
      if (c == ' ' || c == 0xA0 || c == 0x2009 || c == 0x202F) continue;
      if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2012 || c == 0x2212) c = '-';
      if (c >= 0x80) return true;  // bullets, middle dots, ideographic spaces …
      ++nonspace;
      if (c == '*' || c == '~' || c == '_' || c == '|' || c == '[' || c == ']') return true;
      if (c != '(' && c != ')') parens_only = false;
      dots += c == '.';
      dashes += c == '-';
      slashes += c == '/';
      kinds.insert(c == ')' ? '(' : static_cast<char>(c));
    }
    if (nonspace >= 2 && !parens_only) return true;
  }
  if (dots > 1 && region != "BE") return true;
  if ((dashes > 1 && !international) || slashes > 1) return true;
  return singles >= 3 || kinds.size() >= 3 || j - i + 1 > 6;
}

// Checks a candidate without PhoneNumberUtil::Parse, which runs a dozen ICU
// regexes per call: the digits are already clean, so the number is built
// directly (country code + national significant number) and only
// IsValidNumber runs. Parse remains the fallback for other regions.
// Results are cached per call of ExtractPhones (ads repeat their number).
struct Validator {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  std::map<std::string, std::optional<PhoneNumber>> cache;

  static bool TrunkZeroRegion(const std::string& r) { return r == "NL" || r == "BE" || r == "DE"; }

  std::optional<PhoneNumber> Build(std::string d, bool intl, const std::string& region) const {
    if (!intl && d.size() > 2 && d[0] == '0' && d[1] == '0' && TrunkZeroRegion(region)) {
      intl = true;  // "0031 6 …": international dialling prefix
      d = d.substr(2);
    }
    int cc = 0;
    std::string national;
    if (intl) {
      for (size_t len = 1; len <= 3 && len < d.size(); ++len) {
        int c = std::stoi(d.substr(0, len));
        std::string rc;
        util->GetRegionCodeForCountryCode(c, &rc);
        if (rc != "ZZ") { cc = c; national = d.substr(len); break; }
      }
      if (cc == 0) return std::nullopt;
      if ((cc == 31 || cc == 32 || cc == 49) && !national.empty() && national[0] == '0') national.erase(0, 1);
    } else if (TrunkZeroRegion(region)) {
      if (d[0] != '0') return std::nullopt;
      cc = util->GetCountryCodeForRegion(region);
      national = d.substr(1);
    } else {
      PhoneNumber n;
      if (util->Parse(d, region, &n) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
      return n;
    }
    if (national.size() < 5 || national.size() > 13 || national[0] == '0') return std::nullopt;
    PhoneNumber n;
    n.set_country_code(cc);
    n.set_national_number(std::stoull(national));
    return n;
  }

  bool Valid(const std::string& d, bool intl, const std::string& region, bool mobile_only, PhoneNumber* out) {
    std::string key = (intl ? "+" : "") + d + "/" + region + (mobile_only ? "m" : "");
    auto it = cache.find(key);
    if (it == cache.end()) {
      std::optional<PhoneNumber> n = Build(d, intl, region);
      if (n && !util->IsValidNumber(*n)) n.reset();
      if (n && mobile_only) {
        auto t = util->GetNumberType(*n);
        if (t != PhoneNumberUtil::MOBILE && t != PhoneNumberUtil::FIXED_LINE_OR_MOBILE) n.reset();
      }
      it = cache.emplace(key, std::move(n)).first;
    }
    if (!it->second) return false;
    *out = *it->second;
    return true;
  }
};

void Evaluate(std::string_view text, const Run& run, const std::string& region, const std::string& field,
              Validator* validator, std::vector<PhoneFound>* out, std::map<std::string, size_t>* seen) {
  static const char* kNeighbours[] = {"NL", "BE", "DE"};
  const size_t n = run.groups.size();
  for (size_t i = 0; i < n;) {
    bool intl = i == 0 && run.international;
    size_t found_j = n;
    PhoneNumber num;
    const std::string& first = run.groups[i].unit->digits;
    if (intl || first[0] == '0') {
      // Longest valid candidate starting at group i.
      std::string acc;
      std::vector<std::string> prefixes;
      for (size_t j = i; j < n && j < i + 16; ++j) {
        // "+31 (0)6 …": the trunk 0 in brackets after a country code is dropped.
        bool trunk = intl && j == i + 1 && run.groups[j].unit->digits == "0" &&
                     run.groups[j].sep_before.find('(') != std::string::npos;
        if (!trunk) acc += run.groups[j].unit->digits;
        if (acc.size() > 15) break;
        prefixes.push_back(acc);
      }
      for (size_t k = prefixes.size(); k-- > 0 && found_j == n;) {
        const std::string& d = prefixes[k];
        if (d.size() < 8) break;
        if (validator->Valid(d, intl, region, false, &num)) { found_j = i + k; break; }
        if (intl || d.size() < 9 || d[1] == '0') continue;
        for (const char* r : kNeighbours) {
          if (region == r) continue;
          if (validator->Valid(d, false, r, true, &num)) { found_j = i + k; break; }
        }
      }
    }
    if (found_j == n) { ++i; continue; }
    std::string e164;
    PhoneNumberUtil::GetInstance()->Format(num, PhoneNumberUtil::E164, &e164);
    bool obf = IsObfuscated(run, i, found_j, i == 0 && run.international, region);
    size_t b = run.groups[i].unit->begin, e = run.groups[found_j].unit->end;
    auto it = seen->find(e164);
    if (it != seen->end()) {
      (*out)[it->second].obfuscated |= obf;
    } else {
      (*seen)[e164] = out->size();
      out->push_back({e164, obf, field, std::string(text.substr(b, e - b))});
    }
    i = found_j + 1;
  }
}

bool LinkBefore(std::string_view text, size_t pos) {
  std::string_view head = text.substr(0, pos);
  for (std::string_view s : {"wa.me/", "phone=", "wa.me/+", "phone=+", "phone=%2B"})
    if (head.size() >= s.size() && head.substr(head.size() - s.size()) == s) return true;
  return false;
}

}  // namespace

std::vector<PhoneFound> ExtractPhones(std::string_view text, const std::string& region_in,
                                      const std::string& field) {
  std::vector<PhoneFound> out;
  const std::string region = region_in.empty() ? "NL" : region_in;
  std::vector<PhoneUnit> units = matcher_internal::TokenizeForPhones(text, MaskedSpans(text));
  std::map<std::string, size_t> seen;
  Validator validator;
  Run run;
  std::string pending_sep;
  bool plus_pending = false;
  auto flush = [&] {
    if (!run.groups.empty()) Evaluate(text, run, region, field, &validator, &out, &seen);
    run = Run();
    pending_sep.clear();
  };
  for (size_t k = 0; k < units.size(); ++k) {
    const PhoneUnit& u = units[k];
    switch (u.kind) {
      case PhoneUnit::kDigits:
        if (run.groups.empty()) {
          run.international = plus_pending || LinkBefore(text, u.begin);
          pending_sep.clear();
        }
        run.groups.push_back({&u, pending_sep});
        pending_sep.clear();
        plus_pending = false;
        break;
      case PhoneUnit::kSep: {
        std::string_view s = text.substr(u.begin, u.end - u.begin);
        if (run.groups.empty()) {
          if (plus_pending && s != " ") plus_pending = false;
          break;
        }
        if (u.seps > 4) { flush(); break; }
        pending_sep = std::string(s);
        break;
      }
      case PhoneUnit::kPlus:
        flush();
        plus_pending = true;
        break;
      case PhoneUnit::kBreak:
        flush();
        plus_pending = false;
        break;
    }
  }
  flush();
  return out;
}

}  // namespace adwatch
