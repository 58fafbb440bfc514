// The matcher's fast paths against their simple reference versions, on
// random and hostile input (bytes of every class, runs of every length,
// every alignment): they must agree exactly.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "matcher/internal/ascii_runs.h"
#include "matcher/internal/number_words.h"
#include "matcher/internal/phone_masks.h"
#include "matcher/internal/phone_stretches.h"
#include "matcher/internal/phone_tokens.h"
#include "matcher/phones.h"

namespace adwatch::matcher_internal {
namespace {

// Random bytes drawn mostly from `alphabet`, sometimes any byte.
std::string RandomBytes(std::mt19937& rng, size_t n, std::string_view alphabet) {
  std::string s;
  for (size_t i = 0; i < n; ++i)
    s.push_back(rng() % 8 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng() % 256));
  return s;
}

const std::string_view kAlphabets[] = {
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-&@[`{\x7f",
    "AZaz@[`{&",  // the edges of the upper-case range and the stop byte
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&",
    "\x80\xc3\xa9\xff&A",
};

TEST(AsciiRuns, RunEndMatchesSimple) {
  std::mt19937 rng(1);
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomBytes(rng, rng() % 70, kAlphabets[round % 4]);
    for (char stop : {'&', '\0', ' ', 'a'})
      for (size_t i = 0; i <= s.size(); ++i)
        ASSERT_EQ(AsciiRunEnd(s, i, stop), AsciiRunEndSimple(s, i, stop)) << round << " at " << i;
  }
}

TEST(AsciiRuns, AlnumRunEndMatchesSimple) {
  std::mt19937 rng(12);
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomBytes(rng, rng() % 70, kAlphabets[round % 4]);
    for (size_t i = 0; i <= s.size(); ++i)
      ASSERT_EQ(AsciiAlnumRunEnd(s, i), AsciiAlnumRunEndSimple(s, i)) << round << " at " << i;
  }
  std::string all;  // every byte after sixteen letters and digits, at every offset
  for (int c = 0; c < 256; ++c) all += "abcdefgh01234567" + std::string(1, static_cast<char>(c)) + "XYZ9/@[`{:";
  for (size_t i = 0; i <= all.size(); ++i) ASSERT_EQ(AsciiAlnumRunEnd(all, i), AsciiAlnumRunEndSimple(all, i)) << i;
}

TEST(AsciiRuns, LetterRunEndMatchesSimple) {
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomBytes(rng, rng() % 70, kAlphabets[round % 4]);
    for (size_t i = 0; i <= s.size(); ++i)
      ASSERT_EQ(AsciiLetterRunEnd(s, i), AsciiLetterRunEndSimple(s, i)) << round << " at " << i;
  }
  std::string all;  // every byte after eight letters, at every offset
  for (int c = 0; c < 256; ++c) all += "abcdefgh" + std::string(1, static_cast<char>(c)) + "XYZabcdefghijk";
  for (size_t i = 0; i <= all.size(); ++i) ASSERT_EQ(AsciiLetterRunEnd(all, i), AsciiLetterRunEndSimple(all, i)) << i;
}

TEST(AsciiRuns, LowerLetterRunEndAndTriplesMatchSimple) {
  std::mt19937 rng(6);
  const std::string_view alphabets[] = {"abcz{`AZ0 \x80", "aaab", "aab", "ooo o"};
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomBytes(rng, rng() % 70, round % 5 ? alphabets[round % 4] : kAlphabets[round % 4]);
    for (size_t i = 0; i <= s.size(); ++i) {
      ASSERT_EQ(LowerLetterRunEnd(s, i), LowerLetterRunEndSimple(s, i)) << round << " at " << i;
      for (size_t e = i; e <= s.size(); ++e)
        ASSERT_EQ(HasTripleByte(s, i, e), HasTripleByteSimple(s, i, e)) << round << " [" << i << ", " << e << ")";
    }
  }
}

// TripleStarts finds what its simple twin finds, and answers HasTripleByte
// for every range (how Normalize's word pass reads it).
TEST(AsciiRuns, TripleStartsMatchSimple) {
  std::mt19937 rng(10);
  const std::string_view alphabets[] = {"aaab", "aab", "ooo o", "abcz{`AZ0 \x80"};
  for (int round = 0; round < 20000; ++round) {
    const std::string s = RandomBytes(rng, rng() % 70, round % 5 ? alphabets[round % 4] : kAlphabets[round % 4]);
    std::vector<uint32_t> fast, simple;
    TripleStarts(s, &fast);
    TripleStartsSimple(s, &simple);
    ASSERT_EQ(fast, simple) << round;
    for (size_t b = 0; b <= s.size(); ++b)
      for (size_t e = b; e <= s.size(); e += 1 + rng() % 5) {
        auto it = std::lower_bound(fast.begin(), fast.end(), b);
        ASSERT_EQ(it != fast.end() && *it + 2 < e, HasTripleByteSimple(s, b, e)) << round;
      }
  }
}

TEST(AsciiRuns, LowerMatchesSimpleOnAscii) {
  std::mt19937 rng(2);
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomBytes(rng, rng() % 70, kAlphabets[round % 3]);
    for (char& c : s) c = static_cast<char>(c & 0x7f);  // LowerAscii is for ASCII only
    for (size_t off = 0; off < 9 && off <= s.size(); ++off) {
      std::string fast(s.size() - off, '?'), simple(s.size() - off, '?');
      LowerAscii(s.data() + off, s.size() - off, fast.data());
      LowerAsciiSimple(s.data() + off, s.size() - off, simple.data());
      ASSERT_EQ(fast, simple) << round;
    }
  }
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  std::string fast(all.size(), '?'), simple(all.size(), '?');
  LowerAscii(all.data(), all.size(), fast.data());
  LowerAsciiSimple(all.data(), all.size(), simple.data());
  EXPECT_EQ(fast, simple);
}

TEST(AsciiRuns, NextDigit1To9MatchesSimple) {
  std::mt19937 rng(4);
  const std::string_view alphabets[] = {"abc /.-:0123456789", "0:/", "abcdefgh \x80\xb1\xb9\xff", "0000000001"};
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomBytes(rng, rng() % 70, alphabets[round % 4]);
    for (size_t i = 0; i <= s.size(); ++i)
      ASSERT_EQ(NextDigit1To9(s, i), NextDigit1To9Simple(s, i)) << round << " at " << i;
  }
  // Every byte value at every position of an 8-byte block, among bytes that are no lead digit.
  for (int c = 0; c < 256; ++c)
    for (size_t at = 0; at < 16; ++at) {
      std::string s(16, 'a');
      s[at] = static_cast<char>(c);
      ASSERT_EQ(NextDigit1To9(s, 0), NextDigit1To9Simple(s, 0)) << c << " at " << at;
    }
}

// Normalize skips MatchNumberWords for words whose first two letters start
// no number word: such a word must never match. MatchNumberWords itself
// also drops words whose three first letters start no lexicon word: it
// answers as it does without that test. Lexicon words, compounds, suffixed
// words and random words of every length.
TEST(NumberWords, HeadTestNeverHidesAMatch) {
  const std::string_view known[] = {"een", "zestien", "zeventienjarige", "eenentwintig", "einundzwanzig",
      "twentyone", "twenty", "dix", "quatre", "soixante", "vingt", "elf", "acht", "sept", "onze", "seize", "ten",
      "six", "achttien", "eighteen", "siebzehn", "huit", "zwoelf", "fuenfzig", "nonante"};
  std::mt19937 rng(5);
  int matched = 0;
  auto check = [&](const std::string& w) {
    std::string text = w + " jaar";  // a unit after it, so ambiguous words count alone
    NumberMatch m;
    bool got = MatchNumberWords(w, text, w.size(), &m);
    matched += got;
    NumberMatch ref;
    ASSERT_EQ(got, MatchNumberWordsUnfiltered(w, text, w.size(), &ref)) << w;
    if (got) {
      ASSERT_TRUE(m.value == ref.value && m.end == ref.end && m.suffix == ref.suffix) << w;
    }
    if (!MaybeNumberWordHead(w)) {
      ASSERT_FALSE(got) << w;
    }
  };
  for (std::string_view k : known) {
    check(std::string(k));
    check(std::string(k) + "jarige");
    for (size_t len = 2; len < k.size(); ++len) check(std::string(k.substr(0, len)));  // "zesti" is none
  }
  for (int round = 0; round < 200000; ++round) {
    std::string w;
    size_t n = 1 + rng() % 16;
    for (size_t i = 0; i < n; ++i) w.push_back(static_cast<char>(rng() % 8 ? 'a' + rng() % 26 : rng() % 256));
    if (rng() % 4 == 0) w = std::string(known[rng() % std::size(known)]).substr(0, 2) + w;
    check(w);
  }
  EXPECT_GT(matched, 40);  // the known words do match
}

// Pieces ads and hostile texts are made of: number words and their heads,
// "et", "plus", "dubbel", lone letters, separators, '+', digits, non-ASCII
// digits and letters, keycaps, long words.
const char* kPhonePieces[] = {
    "nul", "zes", "een", "twee", "de", "zeer", "vijf", "twenty", "one", "fiftyone", "vierendertig", "soixante",
    "dix", "sept", "quatre", "vingt", "et", "plus", "dubbel", "double", "doppel", "dubbelzes", "o", "O", "l",
    "I", "n", "u", "z", "e", "s", "a", "bel", "whatsapp", "tel", "kvk", "euro", "uur", "Heerlen", "abcdefghijklmnopqrstuvwxyz",
    " ", " ", " ", "  ", "-", ".", "/", "(", ")", ",", ", ", "*", "~", "_", "|", "[", "]", ":", "!", "\n", "+",
    "0", "06", "12", "345", "6789", "1nine", "5five", "zes6", "\xef\xbc\x90", "\xe2\x91\xa0", "1\xef\xb8\x8f\xe2\x83\xa3",
    "\xc3\xa9", "\xc3\xa9\xc3\xa9n", "z\xc3\xa9ro", "\xe2\x80\x93", "\xc2\xa0", "\xe2\x80\xa2", "\xff"};

std::string RandomPhoneText(std::mt19937& rng) {
  std::string s;
  const size_t pieces = rng() % 40;
  for (size_t k = 0; k < pieces; ++k) s += kPhonePieces[rng() % (sizeof(kPhonePieces) / sizeof(*kPhonePieces))];
  return s;
}

// Sorted, non-overlapping byte ranges of `text`, some mid-word.
std::vector<std::pair<size_t, size_t>> RandomMasks(std::mt19937& rng, size_t size) {
  std::vector<std::pair<size_t, size_t>> m;
  size_t pos = 0;
  while (size > 0 && rng() % 3 != 0) {
    size_t b = pos + rng() % (size / 2 + 1), e = b + 1 + rng() % 6;
    if (e > size) break;
    m.emplace_back(b, e);
    pos = e;
  }
  return m;
}

// Words the tokenizer takes as breaks unseen are never number words or the
// special words, whatever their length: number words, their compounds and
// pieces of them, and random letters.
TEST(PhoneTokens, CertainBreakWordsAreNoNumberWords) {
  const char* parts[] = {"een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
                         "twaalf", "twintig", "dertig", "veertig", "one", "two", "six", "ten", "twenty", "forty",
                         "fifty", "sixty", "ein", "eins", "zwei", "drei", "funf", "sechs", "zwanzig", "dreissig",
                         "un", "deux", "six", "dix", "vingt", "trente", "soixante", "septante", "nonante", "en",
                         "und", "ty", "ig", "et", "plus", "dubbel", "double", "doppel", "null", "nul", "zero", "de",
                         "zeer", "vind", "o", "l", "a", "s", "t", "y", "n", "e", "g", "i", "u", "x"};
  std::mt19937 rng(4);
  std::vector<std::string> words;
  for (const char* a : parts) {
    words.push_back(a);
    for (const char* b : parts) words.push_back(std::string(a) + b);
  }
  for (int k = 0; k < 200000; ++k) {
    std::string w;
    for (size_t n = 1 + rng() % 4; n > 0; --n) w += parts[rng() % (sizeof(parts) / sizeof(*parts))];
    words.push_back(w);
    std::string r;
    for (size_t n = 1 + rng() % 24; n > 0; --n) r.push_back(static_cast<char>('a' + rng() % 26));
    words.push_back(r);
  }
  for (const std::string& w : words) {
    if (!CertainlyNoPhoneWord(w)) continue;
    ASSERT_EQ(NumberWordDigits(w), "") << w;
    ASSERT_TRUE(w != "et" && w != "plus" && w != "dubbel" && w != "double" && w != "doppel") << w;
    std::string upper = w;
    for (char& c : upper) c = static_cast<char>(c - 32);
    ASSERT_TRUE(CertainlyNoPhoneWord(upper)) << w;
  }
  EXPECT_TRUE(CertainlyNoPhoneWord("de"));
  EXPECT_FALSE(CertainlyNoPhoneWord("een"));
}

// The table behind CertainlyNoPhoneWord answers as the tests it was built
// from: every length and pair of first letters, with and without "ty" and
// "ig" where the compound tests look, in both cases.
TEST(PhoneTokens, CertainBreakTableMatchesItsTests) {
  std::mt19937 rng(6);
  for (size_t n = 1; n <= 22; ++n)
    for (char a = 'a'; a <= 'z'; ++a)
      for (char b = 'a'; b <= 'z'; ++b)
        for (int variant = 0; variant < 6; ++variant) {
          std::string w(n, 'x');
          for (char& c : w) c = static_cast<char>('a' + rng() % 26);
          w[0] = a;
          if (n > 1) w[1] = b;
          if (variant == 1 && n > 5) w.replace(3 + rng() % 3, 2, "ty");
          if (variant == 2 && n > 2) w.replace(n - 2, 2, "ig");
          if (variant == 3) for (char& c : w) c = static_cast<char>(c - 32);
          if (variant == 4 && n > 1) w[1] = static_cast<char>(w[1] - 32);
          ASSERT_EQ(CertainlyNoPhoneWord(w), CertainlyNoPhoneWordSlow(w)) << w;
        }
}

TEST(PhoneTokens, SkippingBreaksMatchesSimple) {
  std::mt19937 rng(3);
  for (int round = 0; round < 50000; ++round) {
    std::string s = RandomPhoneText(rng);
    auto masks = round % 2 ? RandomMasks(rng, s.size()) : std::vector<std::pair<size_t, size_t>>{};
    auto fast = TokenizeForPhones(s, masks), simple = TokenizeForPhonesSimple(s, masks);
    ASSERT_EQ(fast.size(), simple.size()) << round << " '" << s << "'";
    for (size_t k = 0; k < fast.size(); ++k) {
      const PhoneUnit &a = fast[k], &b = simple[k];
      ASSERT_TRUE(a.kind == b.kind && a.digits == b.digits && a.disguised == b.disguised && a.word == b.word &&
                  a.open == b.open && a.seps == b.seps && a.begin == b.begin && a.end == b.end)
          << round << " unit " << k << " of '" << s << "'";
    }
  }
}

// Texts that do hold numbers: the pieces above plus whole numbers, their
// parts, prefixes, contact words and what masks them.
const char* kNumberPieces[] = {"0612345678", "06-12345678", "06 ", "12 34 56 78", "+31", "+", "00", "0049", "49",
                               "177", "991234567", "1512", "6038472", "646", "389-3950", "(0)", "whatsapp ", "wa.me/",
                               "bel ", "tel: ", "kvk ", "nummer ", "euro", " uur", "12.00", "NL91ABNA0417164300",
                               "nul zes ", "twaalf ", "vierendertig ", "dubbel ", "et ", "un ", "one ", "40 745 ",
                               "RCS Paris ", "kamer van koophandel ", "BTW-nummer: NL ", "btw nl ", "idnl ", "IBAN NL91 ",
                               "ABNA ", "0417 1643 ", "r\xc3\xa9" "f\xc3\xa9" "rence de l'annonce ", "€ ", ",- ", " uhr"};

std::string RandomNumberText(std::mt19937& rng) {
  std::string s;
  const size_t pieces = rng() % 60;
  for (size_t k = 0; k < pieces; ++k)
    s += rng() % 3 ? kPhonePieces[rng() % std::size(kPhonePieces)] : kNumberPieces[rng() % std::size(kNumberPieces)];
  return s;
}

// ExtractPhones reads only the stretches that can hold a number
// (phone_stretches.h): the same numbers as reading everything.
TEST(PhoneStretches, FilterFindsWhatTheWholeTextGives) {
  std::mt19937 rng(4);
  size_t found = 0;
  for (int round = 0; round < 10000; ++round) {
    const std::string s = RandomNumberText(rng);
    for (const char* region : {"NL", "US", "FR"}) {
      const auto fast = ExtractPhones(s, region), simple = ExtractPhonesUnfiltered(s, region);
      ASSERT_EQ(fast.size(), simple.size()) << round << " " << region << " '" << s << "'";
      for (size_t k = 0; k < fast.size(); ++k)
        ASSERT_TRUE(fast[k].e164 == simple[k].e164 && fast[k].obfuscated == simple[k].obfuscated &&
                    fast[k].raw == simple[k].raw && fast[k].field == simple[k].field)
            << round << " " << region << " '" << s << "'";
      found += fast.size();
    }
  }
  EXPECT_GT(found, 1000u);  // the texts do hold numbers
}

// Cuts are whole words that are no number words; a stretch is live when a
// piece of it holds 8 bytes that may stand for digits.
TEST(PhoneStretches, CutsAndLiveStretches) {
  const std::string text = "Bel nul zes 12345678 of app: 0612 x1nine";
  const PhoneStretches s = FindPhoneStretches(text);
  ASSERT_EQ(s.cuts.size(), 3u);  // "Bel", "of", "app"; not "nul", "zes", "x1nine"
  EXPECT_EQ(s.cuts[0], (std::pair<uint32_t, uint32_t>{0, 3}));
  // After "app": ':' ends a run, then "0612 x1nine" holds 10 such bytes.
  EXPECT_EQ(s.live, (std::vector<uint32_t>{1, 3}));  // before "of", after "app"
  EXPECT_FALSE(FindPhoneStretches("Bel: 061: 2x1nine").any_live());
  using Ranges = std::vector<std::pair<size_t, size_t>>;
  EXPECT_EQ(LiveRanges(s, text.size(), {}), (Ranges{{0, 21}, {24, 40}}));
  // A masked cut starts no range ("app" masked: the second starts at "of",
  // where the first ends), but may end one ("of" masked).
  EXPECT_EQ(LiveRanges(s, text.size(), {{24, 27}}), (Ranges{{0, 40}}));
  EXPECT_EQ(LiveRanges(s, text.size(), {{21, 23}}), (Ranges{{0, 21}, {24, 40}}));
  EXPECT_EQ(LiveRanges(s, text.size(), {{0, 2}}), (Ranges{{0, 21}, {24, 40}}));
}

// Texts full of what the masking pattern reads: its words, IBAN groups,
// digits and separators, between ordinary words.
const char* kMaskPieces[] = {
    "kvk ", "KvK-nummer: ", "kamer van koophandel ", "handelsregister ", "nummer ", "nr. ", "number ", "id ", "idnl ",
    "nl ", "be ", "de ", "BE ", "0687.214.593 ", "code ", "numero ", "num\xc3\xa9ro ", "n\xc2\xb0 ", "annonce ",
    "d'entreprise ", "entreprise ", "l'annonce ", "r\xc3\xa9" "f\xc3\xa9" "rence ", "no ", "euro ", "eur ", "EUR", "uur ",
    "uhr ", "u ", "h ", "rcs ", "RCS ", "rc\xc5\xbf ", "Paris ", "paris ", "btw ", "vat ", "ust-idnr ", "ust-id ",
    "siret ", "licence number ", "vergunning ", "advertentie ", "ad ", "ref ", "r\xc3\xa9" "f ", "NL91 ", "ABNA ",
    "0417 ", "1643 ", "00 ", "NL91ABNA0417164300 ", "12 ", "345 ", "6789 ", "12345678 ", "06-12345678 ", "2024 ",
    "12-03-2024 ", "15.30 ", "15:30 ", "€ ", "\xe2\x82\xac", "150 ", "150,- ", ",", ".", ":", "#", "-", "/", " ",
    "  ", "\n", "!", "(", ")", "ik ", "ben ", "lieve ", "dame ", "Heerlen ", "bel ", "of ", "app ", "woensdag ",
    "\xe2\x84\xaa", "\xc3\xa9", "b12 ", "a", "9", "Z"};

std::string RandomMaskText(std::mt19937& rng) {
  std::string s;
  for (size_t k = rng() % 50; k > 0; --k) s += kMaskPieces[rng() % std::size(kMaskPieces)];
  return s;
}

// No match of the masking scan crosses a boundary IsSafeMaskBoundary calls
// safe; MaskScan finds, around what it was asked to cover, exactly the spans
// of the whole scan.
TEST(PhoneMasks, WindowsFindWhatTheWholeScanFinds) {
  std::mt19937 rng(8);
  size_t spans = 0, safe = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string s = RandomMaskText(rng);
    const Spans whole = MaskedSpans(s);
    const PhoneStretches st = FindPhoneStretches(s);
    for (const auto& [b, e] : st.cuts) {
      if (!IsSafeMaskBoundary(s, b, e)) continue;
      ++safe;
      for (const auto& [mb, me] : whole) ASSERT_FALSE(mb < b && b < me) << round << " at " << b << " '" << s << "'";
    }
    MaskScan scan(s, st.cuts);
    Spans covered;
    for (size_t k = rng() % 4; k > 0 && !s.empty(); --k) {
      size_t b = rng() % s.size(), e = b + 1 + rng() % (s.size() - b);
      scan.Cover(b, e);
      covered.emplace_back(b, e);
    }
    const Spans& got = scan.spans();
    ASSERT_TRUE(std::is_sorted(got.begin(), got.end()));
    for (const auto& g : got) ASSERT_TRUE(std::find(whole.begin(), whole.end(), g) != whole.end()) << round;
    for (const auto& w : whole)
      for (const auto& [b, e] : covered) {
        if (w.first < e && w.second > b) {
          ASSERT_TRUE(std::find(got.begin(), got.end(), w) != got.end()) << round << " '" << s << "'";
        }
      }
    spans += whole.size();
  }
  EXPECT_GT(spans, 20000u);  // the texts do hold what is masked
  EXPECT_GT(safe, 20000u);   // and boundaries to start from
}

// ExtractPhones with the masking scan in windows, on texts of numbers and
// masked things together: the same as reading the whole text.
TEST(PhoneMasks, ExtractPhonesWithWindowsMatchesWholeText) {
  std::mt19937 rng(9);
  size_t found = 0;
  for (int round = 0; round < 10000; ++round) {
    std::string s;
    for (size_t k = rng() % 40; k > 0; --k)
      s += rng() % 2 ? kMaskPieces[rng() % std::size(kMaskPieces)] : kNumberPieces[rng() % std::size(kNumberPieces)];
    const auto fast = ExtractPhones(s, "NL"), simple = ExtractPhonesUnfiltered(s, "NL");
    ASSERT_EQ(fast.size(), simple.size()) << round << " '" << s << "'";
    for (size_t k = 0; k < fast.size(); ++k)
      ASSERT_TRUE(fast[k].e164 == simple[k].e164 && fast[k].obfuscated == simple[k].obfuscated &&
                  fast[k].raw == simple[k].raw)
          << round << " '" << s << "'";
    found += fast.size();
  }
  EXPECT_GT(found, 1000u);
}

TEST(PhoneMasks, SafeBoundaries) {
  const std::string t = "Bel of app: Paris kvk nummer 12345678. RCS Paris 123 456 7890 zes";
  auto safe = [&](std::string_view w, size_t from = 0) {
    const size_t b = t.find(w, from);
    return IsSafeMaskBoundary(t, b, b + w.size());
  };
  EXPECT_TRUE(safe("of"));
  EXPECT_TRUE(safe("Paris"));       // after "app: "
  EXPECT_TRUE(safe("kvk"));         // a match may start there, not cross it
  EXPECT_FALSE(safe("nummer"));     // read after "kvk "
  EXPECT_FALSE(safe("Paris", 40));  // after "RCS "
  EXPECT_FALSE(safe("zes"));        // digits before it, as in an IBAN's groups
  const std::string u = "NL91 ABNA 041 zes";  // a group of three ends an IBAN: no group follows
  EXPECT_TRUE(IsSafeMaskBoundary(u, 14, 17));
  EXPECT_FALSE(safe("Paris kvk"));  // not one word
  EXPECT_TRUE(IsSafeMaskBoundary(t, 0, 3));
}

}  // namespace
}  // namespace adwatch::matcher_internal
