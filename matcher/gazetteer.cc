#include "matcher/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "matcher/internal/text_util.h"

namespace adwatch {
namespace {

using matcher_internal::FoldKey;

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

bool IsPreposition(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "in", "uit", "te", "bij", "rond", "omgeving", "regio", "nabij", "naar", "vanuit", "richting", "centrum",
      "near", "from", "around", "at", "to", "aus", "bei", "nahe", "nach", "um", "region", "pres"};
  return k.count(w) > 0;
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
    bool ambiguous = cols.size() > 5 && cols[5].find("ambiguous") != std::string::npos;
    size_t idx = g.places_.size();
    g.places_.push_back({cols[0], cols[1], cols[2], cols[3]});
    auto add_key = [&](const std::string& raw, bool amb) {
      std::string key = FoldKey(raw);
      if (key.empty() || g.keys_.count(key)) return;  // first entry wins
      g.keys_[key] = {idx, amb};
      auto words = SplitWords(key);
      g.first_words_.insert(std::string(words[0]));
      g.max_words_ = std::max(g.max_words_, words.size());
    };
    add_key(cols[0], ambiguous);
    if (cols.size() > 4 && !cols[4].empty())
      for (const auto& alias : SplitOn(cols[4], ',')) add_key(alias, false);
  }
  if (g.places_.empty()) return Status::InvalidArgument(name + ": gazetteer has no entries");
  return g;
}

std::vector<Place> Gazetteer::FindWords(const std::vector<std::string_view>& words, bool allow_ambiguous,
                                        bool first_only) const {
  std::vector<Place> out;
  std::vector<size_t> seen;
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    if (first_words_.find(words[i]) == first_words_.end()) continue;
    for (size_t n = std::min(max_words_, words.size() - i); n >= 1; --n) {
      key.assign(words[i]);
      for (size_t k = 1; k < n; ++k) key.append(" ").append(words[i + k]);
      auto it = keys_.find(key);
      if (it == keys_.end()) continue;
      if (it->second.ambiguous && !allow_ambiguous && !(i > 0 && IsPreposition(words[i - 1]))) continue;
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
  std::vector<Place> found = FindWords(clean, true, true);
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<Place> Gazetteer::FindInText(std::string_view text) const {
  std::string folded = FoldKey(text);
  return FindWords(SplitWords(folded), false, false);
}

}  // namespace adwatch
