// The matcher's fast paths against their simple reference versions, on
// random and hostile input (bytes of every class, runs of every length,
// every alignment): they must agree exactly.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "matcher/internal/ascii_runs.h"

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

}  // namespace
}  // namespace adwatch::matcher_internal
