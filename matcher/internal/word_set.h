// A fixed set of words for look-ups in the matcher's inner loops (internal).
//
// The word lists the matcher asks about (cue words, common words, place
// continuations …) are small and never change, and most words of an ad are
// in none of them: a test on length and first byte rejects most words
// before any hashing, and the rest take a cheap hash of at most 16 bytes and
// an open-addressed table at most half full, instead of std::hash (a call
// into libstdc++ per word) and a node-based std::unordered_set.
//
// Contract: Has(w) is true exactly when w equals one of the words given to
// the constructor (byte for byte; any length, the empty word included).
// The set keeps views of the words: they must outlive it (string literals).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace adwatch::matcher_internal {

class WordSet {
 public:
  template <typename It>
  WordSet(It begin, It end) {
    size_t n = static_cast<size_t>(std::distance(begin, end));
    size_t cap = 8;
    while (cap < 2 * n + 2) cap *= 2;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (It it = begin; it != end; ++it) Insert(*it);
  }
  template <size_t N>
  explicit WordSet(const std::string_view (&list)[N]) : WordSet(std::begin(list), std::end(list)) {}
  WordSet(std::initializer_list<std::string_view> list) : WordSet(list.begin(), list.end()) {}

  bool Has(std::string_view w) const {
    if ((starts_[Start(w)] & Bit(w)) == 0) return false;
    for (size_t i = Hash(w) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return false;
      if (s.word.size() == w.size() && std::memcmp(s.word.data(), w.data(), w.size()) == 0) return true;
    }
  }

 private:
  struct Slot {
    std::string_view word;
    bool used = false;
  };
  void Insert(std::string_view w) {
    starts_[Start(w)] |= Bit(w);
    for (size_t i = Hash(w) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) {
        s = {w, true};
        return;
      }
      if (s.word == w) return;
    }
  }
  // The first cheap test: a bit per (length up to 31, first byte mod 64).
  static size_t Start(std::string_view w) { return std::min<size_t>(w.size(), 31); }
  static uint64_t Bit(std::string_view w) {
    return w.empty() ? 1 : uint64_t{1} << (static_cast<unsigned char>(w[0]) & 63);
  }
  // The first and last (up to) eight bytes and the length, mixed.
  static size_t Hash(std::string_view w) {
    const size_t n = w.size();
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, w.data(), 8);
      std::memcpy(&b, w.data() + n - 8, 8);
    } else if (n > 0) {
      std::memcpy(&a, w.data(), n);
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ ((b + n) * 0xC2B2AE3D27D4EB4Full);
    return static_cast<size_t>(h ^ (h >> 29) ^ (h >> 47));
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::array<uint64_t, 32> starts_{};
};

}  // namespace adwatch::matcher_internal
