// NL/BE/DE number types from libphonenumber's metadata, matched with RE2.
#include "matcher/phones_fast_type.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

// libphonenumber's compiled-in metadata (exported by the library; its
// header, phonenumbers/metadata.h, is not installed).
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace adwatch::matcher_internal {
namespace {

using i18n::phonenumbers::PhoneNumberUtil;

// Decides the number type as PhoneNumberUtil::GetNumberType does
// (GetNumberTypeHelper in libphonenumber 8.12: the general description
// first, then the special types in order, then fixed line and mobile; each
// a possible-length check, then a full match of the national number
// pattern), from the same metadata, with the patterns compiled once for
// RE2. libphonenumber builds an ICU matcher per pattern per call, which was
// the larger part of ExtractPhones' cost; its patterns are written for RE2
// too (the library can be built with it).
class FastTypes {
 public:
  static const FastTypes& Get() {
    static const FastTypes* t = new FastTypes();
    return *t;
  }
  struct Desc {
    std::vector<int> lengths;
    uint64_t length_bits = 0;  // bit L: length L is possible (lengths are at most 17)
    std::unique_ptr<RE2> re;   // null: empty pattern, never matches
    int slot = -1;             // its pattern's index in the country's set (-1: none)
    bool LengthOk(const std::string& nsn) const {
      // A bit test instead of a search of `lengths`.
      return lengths.empty() || (nsn.size() < 64 && (length_bits >> nsn.size() & 1));
    }
    bool Matches(const std::string& nsn) const {
      // RE2::Match anchored at both ends instead of RE2::FullMatch (the same
      // match without the argument-parsing layers).
      return LengthOk(nsn) && re != nullptr &&
             re->Match(re2::StringPiece(nsn), 0, nsn.size(), RE2::ANCHOR_BOTH, nullptr, 0);
    }
    // The same, given which patterns of the country's set matched.
    bool Matches(const std::string& nsn, uint32_t matched) const {
      return LengthOk(nsn) && slot >= 0 && (matched >> slot & 1);
    }
  };
  struct Country {
    int cc = 0;
    Desc general, special[8], fixed_line, mobile;
    PhoneNumberUtil::PhoneNumberType special_type[8];
    bool same_mobile_and_fixed = false;
    // Every pattern above in one set, anchored at both ends: a candidate is
    // tested against up to eleven descriptions, and one pass of the set's DFA
    // over its digits costs less than the separate matches (null: the set
    // could not be built; the descriptions are matched one by one).
    std::unique_ptr<RE2::Set> set;
  };

  // Whether Type() answers for numbers with country code `cc`.
  bool Covers(int cc) const {
    for (const Country& c : countries_)
      if (c.cc == cc) return true;
    return false;
  }

  PhoneNumberUtil::PhoneNumberType Type(int cc, const std::string& nsn) const {
    for (const Country& c : countries_) {
      if (c.cc != cc) continue;
      if (!c.general.LengthOk(nsn)) return PhoneNumberUtil::UNKNOWN;  // no pattern run at all
      thread_local std::vector<int> hits;  // kept: an allocation per number was a tenth of the cost
      hits.clear();
      RE2::Set::ErrorInfo error{RE2::Set::kNoError};
      if (c.set && (c.set->Match(re2::StringPiece(nsn), &hits, &error) || error.kind == RE2::Set::kNoError)) {
        uint32_t matched = 0;
        for (int h : hits) matched |= uint32_t{1} << h;
        return TypeOf(c, [&](const Desc& d) { return d.Matches(nsn, matched); });
      }
      // No set, or its DFA ran out of memory: the descriptions one by one.
      return TypeOf(c, [&](const Desc& d) { return d.Matches(nsn); });
    }
    return PhoneNumberUtil::UNKNOWN;
  }

 private:
  // GetNumberTypeHelper's order over the descriptions, `matches` telling
  // whether the national number matches one.
  template <typename MatchFn>
  static PhoneNumberUtil::PhoneNumberType TypeOf(const Country& c, MatchFn matches) {
    if (!matches(c.general)) return PhoneNumberUtil::UNKNOWN;
    for (int k = 0; k < 8; ++k)
      if (matches(c.special[k])) return c.special_type[k];
    if (matches(c.fixed_line)) {
      if (c.same_mobile_and_fixed || matches(c.mobile)) return PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
      return PhoneNumberUtil::FIXED_LINE;
    }
    if (!c.same_mobile_and_fixed && matches(c.mobile)) return PhoneNumberUtil::MOBILE;
    return PhoneNumberUtil::UNKNOWN;
  }

  static void BuildSet(Country* c) {
    RE2::Options o;
    o.set_log_errors(false);
    auto set = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
    Desc* all[11] = {&c->general, &c->fixed_line, &c->mobile};
    for (int k = 0; k < 8; ++k) all[3 + k] = &c->special[k];
    for (Desc* d : all) {
      if (d->re == nullptr) continue;
      d->slot = set->Add(d->re->pattern(), nullptr);
      if (d->slot < 0) return;
    }
    if (set->Compile()) c->set = std::move(set);
  }

  FastTypes() {
    i18n::phonenumbers::PhoneMetadataCollection all;
    if (!all.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size())) return;
    for (const auto& m : all.metadata()) {
      if (m.id() != "NL" && m.id() != "BE" && m.id() != "DE") continue;
      Country c;
      c.cc = m.country_code();
      bool good = Load(m.general_desc(), &c.general) && Load(m.fixed_line(), &c.fixed_line) &&
                  Load(m.mobile(), &c.mobile);
      const i18n::phonenumbers::PhoneNumberDesc* specials[8] = {&m.premium_rate(), &m.toll_free(), &m.shared_cost(),
                                                               &m.voip(), &m.personal_number(), &m.pager(),
                                                               &m.uan(), &m.voicemail()};
      const PhoneNumberUtil::PhoneNumberType types[8] = {
          PhoneNumberUtil::PREMIUM_RATE, PhoneNumberUtil::TOLL_FREE, PhoneNumberUtil::SHARED_COST,
          PhoneNumberUtil::VOIP, PhoneNumberUtil::PERSONAL_NUMBER, PhoneNumberUtil::PAGER,
          PhoneNumberUtil::UAN, PhoneNumberUtil::VOICEMAIL};
      for (int k = 0; k < 8; ++k) {
        good = good && Load(*specials[k], &c.special[k]);
        c.special_type[k] = types[k];
      }
      c.same_mobile_and_fixed = m.same_mobile_and_fixed_line_pattern();
      if (!good) continue;
      BuildSet(&c);
      countries_.push_back(std::move(c));
    }
  }
  static bool Load(const i18n::phonenumbers::PhoneNumberDesc& d, Desc* out) {
    for (int len : d.possible_length()) {
      out->lengths.push_back(len);
      if (len >= 64) return false;  // the bit set could not hold it: leave the country to libphonenumber
      if (len >= 0) out->length_bits |= uint64_t{1} << len;  // -1: the type has no numbers
    }
    if (d.national_number_pattern().empty()) return true;
    out->re = std::make_unique<RE2>(d.national_number_pattern(), RE2::Quiet);
    return out->re->ok();
  }
  std::vector<Country> countries_;  // empty if the metadata could not be read
};

}  // namespace

bool FastNumberTypeCovers(int cc) { return FastTypes::Get().Covers(cc); }

PhoneNumberUtil::PhoneNumberType FastNumberType(int cc, const std::string& nsn) {
  return FastTypes::Get().Type(cc, nsn);
}

}  // namespace adwatch::matcher_internal

