// What ExtractPhones masks before it reads numbers (internal): IBANs,
// KvK/BTW/SIRET, Belgian enterprise and licence numbers, ad ids, prices,
// dates and times. One RE2 pattern (MaskRe) is searched from the text's
// start, each search from the end of the match before: the chain of matches.
//
// MaskedSpans runs that chain over the whole text (the reference). MaskScan
// runs it only over windows around what the caller asks for, and finds there
// exactly the spans MaskedSpans finds: a window starts and ends only at a
// safe boundary, a position no match of the pattern can cross, and from
// there the whole text's chain goes on as a chain started there would (a
// match that began before it ended before it). RE2 reads the text outside a
// window as context (\b), as it does for the whole text.
//
// A safe boundary is the text's start or end, or the start b of a word
// text[b, e) of two or more ASCII letters, with an ASCII byte other than a
// letter or digit on either side (the cut words of phone_stretches.h), that
// no match can read on from the byte before it. Every match ends in a digit,
// a separator or at \b, so a match holding text[b-1] and text[b] reads the
// whole word right after a separator; the pattern reads words there only:
//  - "van", "koophandel", "nummer", "nr", "number", "id", "nl", "be", "de",
//    "code", "numero", "annonce", "entreprise", "no", "euro", "eur", "uur",
//    "uhr", and words glued to the first five ("koophandelnummer", "idnl"):
//    such words are never safe;
//  - any word after "rcs" and one blank ("RCS Paris 123 456 789");
//  - any group of an IBAN ("NL91 ABNA 0417 …"), which holds only letters,
//    digits and single spaces from its start, two digits among its first
//    bytes: the word is not safe when the bytes before it of those kinds
//    (non-ASCII bytes too, for RE2's case folding of 'k' and 's') hold a
//    digit, or run on for more than an IBAN's length.
// MaskRe and IsSafeMaskBoundary are kept together: a change of the pattern
// must be checked against that list (fast_paths_test compares MaskScan with
// MaskedSpans on texts full of the pattern's words).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace re2 {
class RE2;
}

namespace adwatch::matcher_internal {

using Spans = std::vector<std::pair<size_t, size_t>>;

const re2::RE2& MaskRe();

// The chain of MaskRe matches over the whole text, in order.
Spans MaskedSpans(std::string_view text);

// Whether b is a safe boundary (see above) for the word text[b, e).
bool IsSafeMaskBoundary(std::string_view text, size_t b, size_t e);

// The chain read window by window. `cuts`: word spans in text order, whose
// starts are the candidate boundaries (PhoneStretches::cuts); both must
// outlive the scan.
class MaskScan {
 public:
  MaskScan(std::string_view text, const std::vector<std::pair<uint32_t, uint32_t>>& cuts)
      : text_(text), cuts_(cuts) {
    scanned_.reserve(8);  // a few windows and spans per text: no growing
    spans_.reserve(8);
  }

  // After this, spans() holds every span of MaskedSpans(text) that overlaps
  // [b, e) (b < e).
  void Cover(size_t b, size_t e);

  // Spans of MaskedSpans(text) only, sorted: those of every window scanned.
  const Spans& spans() const { return spans_; }
  Spans TakeSpans() { return std::move(spans_); }

 private:
  bool SafeCut(size_t c);  // IsSafeMaskBoundary for cuts_[c], asked once
  size_t SafeAtOrBefore(size_t pos);
  size_t SafeAtOrAfter(size_t pos);
  void Scan(size_t b, size_t e);  // the chain within [b, e), both safe

  std::string_view text_;
  const std::vector<std::pair<uint32_t, uint32_t>>& cuts_;
  enum : uint8_t { kUnknown, kSafe, kUnsafe };
  std::vector<uint8_t> safe_;  // per cut, filled as asked
  Spans scanned_;  // windows, sorted and disjoint
  Spans spans_;
};

}  // namespace adwatch::matcher_internal
