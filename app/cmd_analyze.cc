// adwatch analyze: run the per-ad matcher on one ad (plain text or HTML) or
// on JSON lines, and print what it found with its evidence.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/args.h"
#include "core/json_depth.h"
#include "app/commands.h"
#include "app/setup.h"
#include "config/loader.h"
#include "matcher/analyze.h"
#include "matcher/html_text.h"

namespace adwatch {
namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] analyze [--file PATH] [--json | --jsonl] [--rules FILE]\n"
    "                                     [--city NAME] [--region CC]\n\n"
    "Analyses one ad read from stdin (or --file), plain text or HTML, and prints its\n"
    "signalen: phone numbers (E.164, obfuscation noted), stated ages, age hints, places,\n"
    "rule hits with their evidence, a score and a severity. A signaal is a reason for\n"
    "human review, never a conclusion about a person.\n\n"
    "  --json        print one JSON object\n"
    "  --jsonl       read one JSON object per line ({\"title\",\"text\",\"city\",\"region\",\n"
    "                \"name\",\"age\",\"phones\",\"price\",\"id\"}) and print one result per line\n"
    "  --rules FILE  rule file to use (default: the config's rules when a config exists,\n"
    "                else $ADWATCH_RULES or the shipped default.toml)\n"
    "  --city NAME   the ad's location field (plain/HTML input)\n"
    "  --region CC   region for numbers without a country code (default NL)\n";

// Rules and municipalities: --rules, else the config (if given or present), else the default file.
std::optional<Matcher> BuildMatcher(const CommandContext& ctx, const Args& args) {
  MatcherConfig mc;
  std::vector<MunicipalityConfig> munis;
  std::string rules_file = args.ValueOr("rules", "");
  bool use_config = rules_file.empty() &&
                    (!ctx.config_path.empty() || Env::Default()->FileExists(DefaultConfigPath(*Env::Default())));
  if (use_config) {
    auto cfg = LoadConfigForCommand(ctx, "analyze");
    if (!cfg) return std::nullopt;
    mc = cfg->matcher;
    munis = cfg->alerts.municipalities;
  }
  if (mc.rules.empty()) {
    if (rules_file.empty()) rules_file = DefaultRulesPath();
    LoadResult r = LoadRuleFiles({rules_file});
    if (!r.ok()) {
      for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
      return std::nullopt;
    }
    mc.rules = r.config.matcher.rules;
    mc.rules_version = r.config.matcher.rules_version;
  }
  auto m = MakeMatcher(std::move(mc), munis);
  if (!m.ok()) {
    std::cerr << "adwatch analyze: " << m.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(m).value();
}

json ToJson(const AdSignals& s) {
  json j;
  j["phones"] = json::array();
  j["obfuscated_phones"] = json::array();
  for (const auto& p : s.phones) {
    j["phones"].push_back(p.e164);
    if (p.obfuscated) j["obfuscated_phones"].push_back(p.e164);
  }
  j["ages"] = s.ages;
  j["age_hints"] = s.age_hints;
  j["places"] = json::array();
  for (const auto& p : s.places)
    j["places"].push_back({{"name", p.name}, {"municipality", p.municipality}, {"province", p.province},
                           {"country", p.country}});
  j["hits"] = json::array();
  for (const auto& h : s.hits)
    j["hits"].push_back({{"rule", h.rule}, {"category", h.category}, {"severity", ToString(h.severity)},
                         {"weight", h.weight}, {"field", h.field}, {"evidence", h.evidence},
                         {"description", h.description}});
  j["score"] = s.score;
  j["severity"] = ToString(s.severity);
  return j;
}

void PrintText(const AdSignals& s, std::ostream& out) {
  out << "signaal: score " << s.score << ", ernst " << ToString(s.severity) << "\n";
  for (const auto& p : s.phones) out << "telefoon: " << p.e164 << (p.obfuscated ? " (verhuld geschreven)" : "") << "\n";
  for (int a : s.ages) out << "leeftijd: " << a << "\n";
  for (const auto& p : s.places)
    out << "plaats: " << p.name << " (" << p.municipality << ", " << p.province << ", " << p.country << ")\n";
  for (const auto& h : s.hits)
    out << "- " << h.rule << " [" << h.category << ", " << ToString(h.severity) << ", +" << h.weight << "] in "
        << h.field << ": \"" << h.evidence << "\"\n    " << h.description << "\n";
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

Ad AdFromJson(const json& j, const std::string& region) {
  Ad ad;
  ad.id = Str(j, "id");
  ad.title = Str(j, "title");
  ad.text = Str(j, "text");
  ad.city = Str(j, "city");
  ad.name = Str(j, "name");
  ad.stated_age = Str(j, "age");
  ad.price = Str(j, "price");
  ad.url = Str(j, "url");
  ad.region = Str(j, "region").empty() ? region : Str(j, "region");
  if (auto it = j.find("phones"); it != j.end()) {
    if (it->is_array()) {
      for (const auto& p : *it)
        if (p.is_string()) ad.phones.push_back(p.get<std::string>());
    } else if (it->is_string()) {
      ad.phones.push_back(it->get<std::string>());
    }
  }
  return ad;
}

}  // namespace

int RunAnalyze(CommandContext& ctx) {
  Args args(ctx.args, {"file", "rules", "city", "region"}, {"json", "jsonl", "help"});
  if (!args.ok() || args.Has("help") || !args.positional().empty() || (args.Has("json") && args.Has("jsonl"))) {
    std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
    if (!args.ok()) out << "adwatch analyze: " << args.error() << "\n";
    out << kUsage;
    return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (auto f = args.Value("file")) {
    file.open(*f, std::ios::binary);
    if (!file) {
      std::cerr << "adwatch analyze: cannot read " << *f << "\n";
      return kExitUsage;
    }
    in = &file;
  }
  std::optional<Matcher> m = BuildMatcher(ctx, args);
  if (!m) return kExitUsage;
  const std::string region = args.ValueOr("region", m->config.default_region);

  if (args.Has("jsonl")) {
    int failures = 0, line_no = 0;
    std::string line;
    while (std::getline(*in, line)) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (JsonNestingDepth(line) > kMaxJsonDepth) {
        std::cout << json{{"line", line_no}, {"error", "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"}}
                         .dump()
                  << "\n";
        ++failures;
        continue;
      }
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        std::cout << json{{"line", line_no}, {"error", "not a JSON object"}}.dump() << "\n";
        ++failures;
        continue;
      }
      Ad ad = AdFromJson(j, region);
      json out = ToJson(AnalyzeAd(ad, *m));
      if (!ad.id.empty()) out["id"] = ad.id;
      std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
    return failures ? kExitFailure : kExitOk;
  }

  std::stringstream ss;
  ss << in->rdbuf();
  std::string input = ss.str();
  Ad ad;
  if (LooksLikeHtml(input)) {
    HtmlText t = HtmlToText(input);
    ad.title = t.title;
    ad.text = t.text;
  } else {
    ad.text = input;
  }
  ad.city = args.ValueOr("city", "");
  ad.region = region;
  AdSignals s = AnalyzeAd(ad, *m);
  if (args.Has("json")) std::cout << ToJson(s).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  else PrintText(s, std::cout);
  return kExitOk;
}

}  // namespace adwatch
