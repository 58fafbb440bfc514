// Phone extraction: mask what is not a phone, tokenize with de-obfuscation,
// group digit runs, and let libphonenumber validate only those candidates.
#include "matcher/phones.h"

#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include <algorithm>
#include <bit>
#include <bitset>
#include <cctype>
#include <map>
#include <optional>

#include "matcher/internal/phone_masks.h"
#include "matcher/internal/phone_stretches.h"
#include "matcher/internal/phone_tokens.h"
#include "matcher/internal/text_util.h"
#include "matcher/phones_fast_type.h"

namespace adwatch {
namespace {

using matcher_internal::MaskedSpans;
using matcher_internal::PhoneUnit;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

struct Group {
  const PhoneUnit* unit;
  std::string_view sep_before;  // raw separator text before this group
};

struct Run {
  std::vector<Group> groups;
  size_t digits = 0;           // over all groups: fewer than 8 can form no number
  bool plus_before = false;    // a '+' right before the first group
  bool international = false;  // '+' before it or a wa.me/ link
  bool after_contact_word = false;  // "whatsapp", "tel", "call" … right before it
};

// How a candidate is read.
enum class Form {
  kInternational,  // after '+' or a wa.me/ link: country code first
  kDialled,        // "00 49 …", "011 …": an international dialling prefix
  kNational,       // in the ad's region (or a neighbour's, for NL/BE/DE)
  kBare,           // "40 745 123 456": a country code without '+' or 00
};

// The region facts the scanner needs, looked up once per call.
struct RegionInfo {
  std::string code;         // "NL"
  bool trunk_fast = false;  // NL/BE/DE: national numbers built without Parse
  bool needs_zero = false;  // the national prefix is 0 (FR, GB, HU "06" …)
  std::string idd = "00";   // international dialling prefix as written
};

RegionInfo MakeRegionInfo(const std::string& region) {
  // The same region call after call: looked up once per thread.
  thread_local RegionInfo last;
  if (!last.code.empty() && last.code == region) return last;
  RegionInfo& r = last;
  r = RegionInfo();
  r.code = region;
  r.trunk_fast = region == "NL" || region == "BE" || region == "DE";
  std::string ndd;
  PhoneNumberUtil::GetInstance()->GetNddPrefixForRegion(region, true, &ndd);
  r.needs_zero = r.trunk_fast || (!ndd.empty() && ndd[0] == '0');
  if (PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(region) == 1) r.idd = "011";
  return r;
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x2009 || c == 0x202F; }

// Ordinary formats group the digits with one kind of separator (spaces,
// dots, dashes, slashes, brackets, "(0)"): "06-12345678", "06.47.55.54.57",
// "+31 (0)6 26 55 51 71", "0049-177/991234567", "0470/12.34.56". Written to
// evade search: number words, letters or special code points for digits,
// odd separators (* ~ _ | [ ] • , …), doubled separators ("06 -- 12"), three
// kinds mixed, or single digits spaced out. `prefix_groups` groups (dialling
// prefix, country code, bracketed trunk) are not counted as singles.
bool IsObfuscated(const Run& run, size_t i, size_t j, const std::vector<bool>& prefix_group) {
  int singles = 0, national_groups = 0;
  unsigned kinds = 0;  // bits: '.', '-', '/', brackets
  for (size_t k = i; k <= j; ++k) {
    const PhoneUnit& u = *run.groups[k].unit;
    if (u.disguised) return true;
    if (!prefix_group[k - i]) {
      ++national_groups;
      if (u.digits.size() == 1) ++singles;
    }
    if (k == i) continue;
    int nonspace = 0;
    bool parens_only = true;
    const std::string_view sep = run.groups[k].sep_before;
    for (size_t p = 0; p < sep.size();) {
      size_t len;
      char32_t c = matcher_internal::DecodeUtf8(sep, p, &len);
      p += len;
      if (IsSpace(c)) continue;
      if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2012 || c == 0x2212) c = '-';
      if (c >= 0x80) return true;  // bullets, middle dots, ideographic spaces …
      if (c != '.' && c != '-' && c != '/' && c != '(' && c != ')') return true;  // * ~ _ | [ ] ,
      ++nonspace;
      if (c != '(' && c != ')') parens_only = false;
      kinds |= c == '.' ? 1u : c == '-' ? 2u : c == '/' ? 4u : 8u;
    }
    if (nonspace >= 2 && !parens_only) return true;
  }
  return singles >= 3 || std::popcount(kinds) >= 3 || national_groups > 6;
}

// Checks candidates. NL/BE/DE numbers are built directly (country code +
// national significant number) and only IsValidNumber runs, because
// PhoneNumberUtil::Parse runs a dozen ICU regexes per call; other regions
// and countries go through Parse. Results are cached per call of
// ExtractPhones (ads repeat their number).
struct Validator {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  std::map<std::string, std::optional<PhoneNumber>> cache;

  static bool FastCountry(int cc) { return cc == 31 || cc == 32 || cc == 49; }

  static std::optional<PhoneNumber> Direct(int cc, const std::string& national) {
    if (national.size() < 5 || national.size() > 13 || national[0] == '0') return std::nullopt;
    PhoneNumber n;
    n.set_country_code(cc);
    n.set_national_number(std::stoull(national));
    return n;
  }

  std::optional<PhoneNumber> ParseIn(const std::string& digits, const std::string& region) const {
    PhoneNumber n;
    if (util->Parse(digits, region, &n) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
    return n;
  }

  // `d`: country code and national number, without '+' or dialling prefix.
  std::optional<PhoneNumber> BuildInternational(const std::string& d) const {
    int cc = 0;
    std::string national;
    for (size_t len = 1; len <= 3 && len < d.size(); ++len) {
      int c = std::stoi(d.substr(0, len));
      std::string rc;
      util->GetRegionCodeForCountryCode(c, &rc);
      if (rc != "ZZ") { cc = c; national = d.substr(len); break; }
    }
    if (cc == 0 || national.empty()) return std::nullopt;
    if (FastCountry(cc)) {
      if (national[0] == '0') national.erase(0, 1);  // "+31 06 …": a stray trunk 0
      return Direct(cc, national);
    }
    std::optional<PhoneNumber> n = ParseIn("+" + d, "ZZ");
    if ((!n || !util->IsValidNumber(*n)) && national.size() > 1 && national[0] == '0')
      n = ParseIn("+" + std::to_string(cc) + national.substr(1), "ZZ");  // "+33 06 …"
    return n;
  }

  std::optional<PhoneNumber> BuildNational(const std::string& d, const std::string& region) const {
    if (region == "NL" || region == "BE" || region == "DE") {
      if (d[0] != '0') return std::nullopt;
      // Their country codes, fixed (asking libphonenumber was a map look-up per candidate).
      return Direct(region == "NL" ? 31 : region == "BE" ? 32 : 49, d.substr(1));
    }
    return ParseIn(d, region);
  }

  // `mobile_only`: for guesses beyond the ad's region (a neighbour's
  // national number, a country code written without '+').
  bool Valid(const std::string& d, bool international, const std::string& region, bool mobile_only,
             PhoneNumber* out) {
    std::string key = (international ? "+" : region + ":") + d + (mobile_only ? "m" : "");
    auto it = cache.find(key);
    if (it == cache.end()) {
      std::optional<PhoneNumber> n = international ? BuildInternational(d) : BuildNational(d, region);
      if (n && matcher_internal::FastNumberTypeCovers(n->country_code()) && !n->italian_leading_zero() &&
          !n->has_extension()) {
        // IsValidNumber is GetNumberType() != UNKNOWN for these single-region codes.
        auto t = matcher_internal::FastNumberType(n->country_code(), std::to_string(n->national_number()));
        bool mobile = t == PhoneNumberUtil::MOBILE || t == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
        if (t == PhoneNumberUtil::UNKNOWN || (mobile_only && !mobile)) n.reset();
      } else {
        if (n && !util->IsValidNumber(*n)) n.reset();
        if (n && mobile_only) {
          auto t = util->GetNumberType(*n);
          if (t != PhoneNumberUtil::MOBILE && t != PhoneNumberUtil::FIXED_LINE_OR_MOBILE) n.reset();
        }
      }
      it = cache.emplace(key, std::move(n)).first;
    }
    if (!it->second) return false;
    *out = *it->second;
    return true;
  }

  bool IsCountryCode(const std::string& g) const {
    if (g.empty() || g.size() > 3 || g[0] == '0') return false;
    return CountryCodes().test(static_cast<size_t>(std::stoi(g)));
  }

  // Which of 1-999 libphonenumber knows as a country code, asked once: the
  // test runs for every group of every candidate run, and each question
  // costs a map look-up and a string.
  static const std::bitset<1000>& CountryCodes() {
    static const std::bitset<1000> codes = [] {
      std::bitset<1000> b;
      for (int cc = 1; cc < 1000; ++cc) {
        std::string rc;
        PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(cc, &rc);
        b[static_cast<size_t>(cc)] = rc != "ZZ";
      }
      return b;
    }();
    return codes;
  }
};

struct Candidate {
  size_t last = 0;                 // index of the last group used
  PhoneNumber number;
  std::vector<bool> prefix_group;  // per group from the first: not part of the national number
};

// The longest valid reading of groups [i, i+k] in form `form`.
bool Longest(const Run& run, size_t i, Form form, const RegionInfo& region, Validator* v, Candidate* c) {
  static const char* kNeighbours[] = {"NL", "BE", "DE"};
  const bool international = form != Form::kNational;
  size_t skip = form == Form::kDialled ? region.idd.size() : 0;  // dialling prefix digits
  // At most 16 groups are read: the candidates and the prefix flags live in
  // fixed arrays (this runs for every digit run of 8 or more, and the
  // vectors it grew were a dozen allocations an ad). `acc` only grows, so a
  // candidate is the length of `acc` when its last group was added.
  constexpr size_t kMaxGroups = 16;
  std::string acc;
  std::pair<size_t, size_t> prefixes[kMaxGroups];  // length of acc, last group
  size_t n_prefixes = 0;
  bool prefix_group[kMaxGroups];
  size_t n_groups = 0;
  for (size_t j = i; j < run.groups.size() && j < i + kMaxGroups; ++j) {
    const Group& g = run.groups[j];
    // "+31 (0)6 …", "0049 (0)177 …": a bracketed trunk 0 in an international number.
    bool trunk = international && j > i && g.unit->digits == "0" && g.sep_before.find('(') != std::string::npos;
    if (!trunk) acc += g.unit->digits;
    bool in_prefix = international && (j == i || prefix_group[n_groups - 1]);
    prefix_group[n_groups++] = trunk || (in_prefix && (acc.size() <= skip || v->IsCountryCode(acc.substr(skip))));
    if (acc.size() > 15 + skip) break;
    if (acc.size() >= 8 + skip) prefixes[n_prefixes++] = {acc.size(), j};
  }
  for (size_t k = n_prefixes; k-- > 0;) {
    const std::string d = acc.substr(skip, prefixes[k].first - skip);
    bool found = false;
    if (form == Form::kNational) {
      found = v->Valid(d, false, region.code, false, &c->number);
      // A Belgian or German mobile written nationally in a Dutch ad, etc.
      if (!found && d.size() >= 9 && d[0] == '0' && d[1] != '0')
        for (const char* r : kNeighbours)
          if (region.code != r && v->Valid(d, false, r, true, &c->number)) { found = true; break; }
    } else {
      found = v->Valid(d, true, "", form == Form::kBare, &c->number);
    }
    if (found) {
      c->last = prefixes[k].second;
      c->prefix_group.assign(prefix_group, prefix_group + (c->last - i + 1));
      return true;
    }
  }
  return false;
}

void Evaluate(std::string_view text, const Run& run, const RegionInfo& region, const std::string& field,
              Validator* validator, std::vector<PhoneFound>* out, std::map<std::string, size_t>* seen) {
  const size_t n = run.groups.size();
  for (size_t i = 0; i < n;) {
    const std::string& first = run.groups[i].unit->digits;
    Candidate c;
    bool found = false;
    // After '+' or a link; a stray '+' ("18+ 0612345678") falls through.
    if (i == 0 && run.international) found = Longest(run, i, Form::kInternational, region, validator, &c);
    // "00 49 …", "null null vier neun …": the dialling prefix may span groups.
    std::string lead = first;
    for (size_t j = i + 1; j < n && lead.size() < region.idd.size(); ++j) lead += run.groups[j].unit->digits;
    const bool dialled = lead.compare(0, region.idd.size(), region.idd) == 0;
    if (!found && dialled) found = Longest(run, i, Form::kDialled, region, validator, &c);
    if (!found && !dialled && (!region.needs_zero || first[0] == '0'))
      found = Longest(run, i, Form::kNational, region, validator, &c);
    // "40 745 123 456": a foreign mobile whose country code stands apart, when
    // it is not a number of the ad's own region. One-digit codes (+1, +7) are
    // left out: "1 2 3 4 …" is a count.
    if (!found && !dialled && first.size() >= 2 && i + 1 < n && validator->IsCountryCode(first))
      found = Longest(run, i, Form::kBare, region, validator, &c);
    // "whatsapp 491512 6038472": a country code glued to the number, right
    // after a contact word; the same rule as above (a foreign mobile). Also
    // spelled out digit by digit ("WhatsApp: four zero seven four two, …"),
    // where the shorter national reading from the second digit is wrong.
    // One-digit codes (+1, +7) are left out here too: "call 1 2 3 4 …" is a count.
    const bool spelled = first.size() == 1 && first[0] != '1' && first[0] != '7' && i + 1 < n &&
                         run.groups[i + 1].unit->digits.size() == 1;
    if (!found && !dialled && i == 0 && run.after_contact_word && (first.size() > 3 || spelled) && first[0] != '0')
      found = Longest(run, i, Form::kBare, region, validator, &c);
    if (!found) { ++i; continue; }
    std::string e164;
    PhoneNumberUtil::GetInstance()->Format(c.number, PhoneNumberUtil::E164, &e164);
    bool obf = IsObfuscated(run, i, c.last, c.prefix_group);
    size_t b = run.groups[i].unit->begin, e = run.groups[c.last].unit->end;
    auto it = seen->find(e164);
    if (it != seen->end()) {
      (*out)[it->second].obfuscated |= obf;
    } else {
      (*seen)[e164] = out->size();
      out->push_back({e164, obf, field, std::string(text.substr(b, e - b))});
    }
    i = c.last + 1;
  }
}

bool LinkBefore(std::string_view text, size_t pos) {
  std::string_view head = text.substr(0, pos);
  for (std::string_view s : {"wa.me/", "phone=", "wa.me/+", "phone=+", "phone=%2B"})
    if (head.size() >= s.size() && head.substr(head.size() - s.size()) == s) return true;
  return false;
}

// A contact word ends right before `pos`, past spaces, ':' and '.' and
// up to two fillers ("whatsapp: ", "Tel. ", "call me ", "bel mij op "): a
// digit run there may carry its country code without '+'.
bool ContactWordBefore(std::string_view text, size_t pos) {
  static constexpr std::string_view kContact[] = {"whatsapp", "whatsap", "wa", "app", "tel", "telefoon", "telefon",
                                                  "phone", "call", "bel", "ruf", "sms", "text", "appel", "signal",
                                                  "telegram"};
  static constexpr std::string_view kFiller[] = {"me", "mij", "mich", "moi", "op", "on", "at", "via", "an", "au"};
  for (int words = 0; words < 3; ++words) {
    size_t e = pos;
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == ':' || text[e - 1] == '.' || text[e - 1] == '\t')) --e;
    size_t b = e;
    auto alpha = [](char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; };  // isalpha, "C" locale
    while (b > 0 && e - b < 12 && alpha(text[b - 1])) --b;
    if (b == e || (b > 0 && alpha(text[b - 1]))) return false;
    char low[12];  // the letters are ASCII
    for (size_t k = b; k < e; ++k) low[k - b] = static_cast<char>(text[k] | 0x20);
    std::string_view w(low, e - b);
    if (std::find(std::begin(kContact), std::end(kContact), w) != std::end(kContact)) return true;
    if (std::find(std::begin(kFiller), std::end(kFiller), w) == std::end(kFiller)) return false;
    pos = b;
  }
  return false;
}

// `filter`: read only the stretches of text that can hold a number
// (internal/phone_stretches.h); without it, all of it (the reference).
std::vector<PhoneFound> Extract(std::string_view text, const std::string& region_in, const std::string& field,
                                bool filter) {
  std::vector<PhoneFound> out;
  std::vector<std::pair<size_t, size_t>> ranges{{0, text.size()}}, masks;
  if (filter) {
    const matcher_internal::PhoneStretches stretches = matcher_internal::FindPhoneStretches(text);
    if (!stretches.any_live()) return out;  // most titles, names, short fields
    // The masking scan only around the live stretches (phone_masks.h).
    matcher_internal::MaskScan scan(text, stretches.cuts);
    ranges = matcher_internal::LiveRanges(stretches, text.size(), scan);
    masks = scan.TakeSpans();
  } else {
    masks = MaskedSpans(text);
  }
  std::string code = region_in.empty() ? "NL" : region_in;
  for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const RegionInfo region = MakeRegionInfo(code);
  std::map<std::string, size_t> seen;
  Validator validator;
  Run run;
  std::string_view pending_sep;
  bool plus_pending = false;
  // A run is read only when its digits could make a number (Longest needs
  // 8); most runs in an ad are prices, times and sizes.
  auto flush = [&] {
    if (run.digits >= 8) {
      const size_t b = run.groups[0].unit->begin;
      run.international = run.plus_before || LinkBefore(text, b);
      run.after_contact_word = !run.international && (ContactWordBefore(text, b) ||
                                                      (field == "phones" && text.find_first_not_of(" \t") == b));
      Evaluate(text, run, region, field, &validator, &out, &seen);
    }
    run.groups.clear();
    run.digits = 0;
    pending_sep = {};
  };
  // Each range starts at the text's start or with a break, as the whole
  // text's units do there: the same runs.
  std::vector<PhoneUnit> units;  // one vector for every range (runs point into it until flushed)
  for (const auto& [range_begin, range_end] : ranges) {
    matcher_internal::TokenizeForPhones(text, masks, /*skip_breaks=*/true, range_begin, range_end, &units);
    for (size_t k = 0; k < units.size(); ++k) {
      const PhoneUnit& u = units[k];
      switch (u.kind) {
        case PhoneUnit::kDigits:
          // A comma followed by a space joins groups only next to number words
          // ("nul zes, negentien"): "bel 0612345678, 0687654321" or "maat 38,
          // 40" are separate numbers; "06,12,34,56,78" is one.
          if (!run.groups.empty() && pending_sep.find(',') != std::string_view::npos &&
              pending_sep.find_first_of(" \t") != std::string_view::npos && !(u.word || run.groups.back().unit->word))
            flush();
          if (run.groups.empty()) {
            run.plus_before = plus_pending;
            pending_sep = {};
          }
          run.groups.push_back({&u, pending_sep});
          run.digits += u.digits.size();
          pending_sep = {};
          plus_pending = false;
          break;
        case PhoneUnit::kSep: {
          std::string_view s = text.substr(u.begin, u.end - u.begin);
          if (run.groups.empty()) {
            if (plus_pending && s != " ") plus_pending = false;
            break;
          }
          if (u.seps > 4) { flush(); break; }
          pending_sep = s;
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
    flush();  // before `units` is refilled: the next range starts with a break anyway
    plus_pending = false;
  }
  return out;
}

}  // namespace

std::vector<PhoneFound> ExtractPhones(std::string_view text, const std::string& region, const std::string& field) {
  return Extract(text, region, field, /*filter=*/true);
}

namespace matcher_internal {
std::vector<PhoneFound> ExtractPhonesUnfiltered(std::string_view text, const std::string& region,
                                                const std::string& field) {
  return Extract(text, region, field, /*filter=*/false);
}
}  // namespace matcher_internal

}  // namespace adwatch
