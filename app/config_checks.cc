#include "app/config_checks.h"
#include "core/text.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "crawler/extract.h"
#include "crawler/html.h"

namespace adwatch {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A position to report at: `pos` if the loader recorded one, else the file.
SourcePos Or(const SourcePos& pos, const std::string& file) {
  return pos.file.empty() ? SourcePos{file, 1, 1} : pos;
}

// RFC 6901: "~" only as "~0" or "~1".
std::string PointerError(const std::string& pointer) {
  for (size_t i = 0; i < pointer.size(); ++i)
    if (pointer[i] == '~' && (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')))
      return "'~' must be written '~0' and '/' inside a name '~1' (RFC 6901)";
  return "";
}

void CheckRule(const SiteConfig& site, const std::string& field, const FieldRule& rule,
               std::vector<ConfigFinding>* out) {
  if (rule.selector.empty() && rule.json_pointer.empty()) return;
  std::string who = "[[site]] '" + site.name + "' " + field + ": ";
  SourcePos pos = Or(rule.pos.file.empty() ? site.pos : rule.pos, site.pos.file);
  if (!rule.json_pointer.empty()) {
    if (std::string why = PointerError(rule.json_pointer); !why.empty()) {
      out->push_back({pos, false, who + "invalid JSON pointer '" + rule.json_pointer + "': " + why});
      return;
    }
  }
  auto compiled = CompileRule(field, rule);
  if (compiled.ok()) return;
  std::string message = compiled.status().message();
  // CompileRule prefixes "file:line:col: field: "; the finding carries both.
  if (std::string prefix = rule.pos.ToString() + ": " + field + ": "; message.rfind(prefix, 0) == 0)
    message = message.substr(prefix.size());
  out->push_back({pos, false, who + message});
}

void CheckSites(const Config& c, std::vector<ConfigFinding>* out) {
  for (const SiteConfig& s : c.sites) {
    CheckRule(s, "ad_links", s.ad_links, out);
    CheckRule(s, "next_page", s.next_page, out);
    CheckRule(s, "listing_ids", s.listing_ids, out);
    CheckRule(s, "ad_items", s.ad_items, out);
    for (const auto& [name, rule] : s.fields) CheckRule(s, "fields." + name, rule, out);
    if (!s.embedded_json_selector.empty()) {
      auto sel = Selector::Parse(s.embedded_json_selector);
      if (!sel.ok())
        out->push_back({s.pos, false, "[[site]] '" + s.name + "' embedded_json_selector: " + sel.status().message()});
    }
    if (!IsSupportedPhoneRegion(s.region))
      out->push_back({Or(s.region_pos, s.pos.file), false,
                      "[[site]] '" + s.name + "' region '" + s.region +
                          "' is not a region libphonenumber knows (expected an ISO 3166 code such as NL, BE, DE)"});
  }
  if (!IsSupportedPhoneRegion(c.matcher.default_region))
    out->push_back({Or(c.matcher.default_region_pos, c.path), false,
                    "[matcher] default_region '" + c.matcher.default_region +
                        "' is not a region libphonenumber knows (expected an ISO 3166 code such as NL, BE, DE)"});
}

void CheckMunicipalities(const Config& c, const Gazetteer& g, std::vector<ConfigFinding>* out) {
  std::vector<Place> all = g.Municipalities();
  std::vector<std::string> names;
  for (const Place& p : all) names.push_back(p.municipality);
  std::set<std::string> with_recipient;           // canonical names
  std::set<std::pair<std::string, std::string>> provinces;  // (country, province) in scope
  for (const MunicipalityConfig& m : c.alerts.municipalities) {
    SourcePos pos = Or(m.name_pos, c.path);
    auto canonical = g.FindMunicipality(m.name);
    if (!canonical) {
      std::string hint = ClosestName(m.name, names);
      out->push_back({pos, false,
                      "[[alerts.municipality]] '" + m.name + "' is not a municipality of the gazetteer" +
                          (hint.empty() ? " (its signals would go to the fallback recipients)"
                                        : " (did you mean '" + hint + "'?)")});
      continue;
    }
    if (!m.recipients.empty()) with_recipient.insert(*canonical);
    for (const Place& p : all)
      if (p.municipality == *canonical) provinces.emplace(p.country, p.province);
  }
  SourcePos alerts_pos{c.path, 1, 1};
  if (!c.alerts.municipalities.empty()) alerts_pos = Or(c.alerts.municipalities.front().pos, c.path);
  for (const Place& p : all) {
    if (!provinces.count({p.country, p.province}) || with_recipient.count(p.municipality)) continue;
    std::string goes_to = !c.alerts.region_recipients.empty()     ? "the region recipients only"
                          : !c.alerts.fallback_recipients.empty() ? "the fallback recipients"
                                                                  : "nobody";
    out->push_back({alerts_pos, true,
                    "municipality '" + p.municipality + "' (" + p.province + ", " + p.country +
                        ") has no [[alerts.municipality]] recipient: its signals go to " + goes_to});
  }
}

void CheckSecret(const Config& c, const std::string& key, const std::string& reference, const Env& env,
                 std::vector<ConfigFinding>* out) {
  if (reference.empty()) return;
  SourcePos pos{c.path, 1, 1};
  if (reference.rfind("credential:", 0) == 0 && !env.GetEnv("CREDENTIALS_DIRECTORY")) {
    out->push_back({pos, true,
                    key + " '" + reference +
                        "' is a systemd credential: it can only be read in the service's context "
                        "(check it there with: adwatch --as-service check-config)"});
    return;
  }
  auto secret = ReadSecret(env, reference);
  if (!secret.ok()) out->push_back({pos, false, key + " cannot be read: " + secret.status().message()});
}

}  // namespace

std::string ConfigFinding::ToString() const {
  return pos.ToString() + (warning ? ": warning: " : ": ") + message;
}

bool IsSupportedPhoneRegion(const std::string& region) {
  static const std::set<std::string> kRegions = [] {
    std::set<std::string> r;
    i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedRegions(&r);
    return r;
  }();
  return kRegions.count(region) > 0;
}

std::string ClosestName(const std::string& name, const std::vector<std::string>& candidates) {
  const std::string key = Lower(name);
  std::string best;
  size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = EditDistance(key, Lower(c));
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::vector<ConfigFinding> CheckRunTimeConfig(const Config& config, const Gazetteer* gazetteer, const Env& env) {
  std::vector<ConfigFinding> out;
  CheckSites(config, &out);
  if (gazetteer != nullptr) CheckMunicipalities(config, *gazetteer, &out);
  CheckSecret(config, "[store] pseudonym_key", config.store.pseudonym_key, env, &out);
  if (config.store.backend == "postgresql")
    CheckSecret(config, "[store] password", config.store.password, env, &out);
  if (config.alerts.transport == "smtp")
    CheckSecret(config, "[alerts.smtp] password", config.alerts.smtp.password, env, &out);
  return out;
}

}  // namespace adwatch
