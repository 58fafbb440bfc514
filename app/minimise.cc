#include "app/minimise.h"

#include <algorithm>
#include <cctype>

#include "app/wire_analysis.h"

namespace adwatch {
namespace {
constexpr size_t kTokenLetters = 16;
}  // namespace

const std::string& LinkTokens::Token(std::string_view word) {
  auto it = token_of_.find(std::string(word));
  if (it != token_of_.end()) return it->second;
  // Letters only: the cross-ad index drops words with digits.
  std::string hex = store_.Pseudonym("word:" + std::string(word)).substr(0, kTokenLetters);
  for (char& c : hex) c = static_cast<char>(c <= '9' ? 'a' + (c - '0') : 'k' + (c - 'a'));
  word_of_.emplace(hex, word);
  return token_of_.emplace(std::string(word), std::move(hex)).first->second;
}

std::string LinkTokens::Readable(std::string_view text) const {
  auto word_byte = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view word = text.substr(i, j - i);
    bool token = word.size() == kTokenLetters &&
                 std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'p'; });
    if (token) {
      auto it = word_of_.find(std::string(word));
      out += it != word_of_.end() ? it->second : "\xE2\x80\xA6";  // … (a word only minimised ads had)
    } else {
      out += word;
    }
    i = j;
  }
  return out;
}

std::string NameToken(const std::string& name, LinkTokens& tokens) {
  // As crossad's NormName: lower case, runs of white space as one space, trimmed.
  std::string norm;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      if (!norm.empty() && norm.back() != ' ') norm.push_back(' ');
    } else {
      norm.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
    }
  }
  while (!norm.empty() && norm.back() == ' ') norm.pop_back();
  return norm.empty() ? std::string() : tokens.Token(norm);
}

Result<int64_t> MinimiseDue(Store& store, const MinimiseConfig& config, LinkTokens& tokens, TimePoint now) {
  if (!config.enabled) return int64_t{0};
  int64_t total = 0;
  AdKey after;
  for (;;) {
    auto batch = store.MinimiseCandidates(now - config.after, after, 500);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) return total;
    std::vector<MinimisedAd> out;
    for (const AdRecord& r : *batch) {
      AdFacts f = FactsOf(r.ad, r.signals, store, r.last_seen, r.live, &tokens);
      out.push_back({KeyOf(r.ad), r.content_hash, f.text, f.name});
    }
    after = KeyOf(batch->back().ad);
    auto n = store.MinimiseAds(out, now);
    if (!n.ok()) return n.status();
    total += *n;
  }
}

}  // namespace adwatch
