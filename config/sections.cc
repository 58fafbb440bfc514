#include <arpa/inet.h>

#include <algorithm>
#include <re2/re2.h>

#include "config/internal/sections.h"

namespace adwatch::config_internal {
namespace {

// A field extraction rule: "css selector", "/json/pointer", or a table.
void ReadFieldRule(TableReader& parent, const char* key, FieldRule* out) {
  const toml::node* n = parent.Node(key);
  if (n == nullptr) return;
  out->pos = SourcePos{parent.ctx().file, static_cast<int>(n->source().begin.line),
                       static_cast<int>(n->source().begin.column)};
  if (n->is_string()) {
    const std::string& s = n->as_string()->get();
    (s.rfind('/', 0) == 0 ? out->json_pointer : out->selector) = s;
    return;
  }
  if (!n->is_table()) {
    parent.ctx().Error(n, std::string("wrong type for '") + key + "' in " + parent.where() +
                              ": expected a selector string or a table {selector, json, regex, all}, got " +
                              TypeName(*n));
    return;
  }
  TableReader r(*n->as_table(), parent.ctx(), "field", parent.where() + " field '" + key + "'");
  r.String("selector", &out->selector);
  r.String("json", &out->json_pointer);
  r.Regex("regex", &out->regex);
  r.Bool("all", &out->all);
  r.Finish();
  if (out->selector.empty() && out->json_pointer.empty())
    parent.ctx().Error(n, std::string("field '") + key + "' in " + parent.where() + " needs 'selector' or 'json'");
  if (!out->regex.empty()) {
    RE2 re(out->regex);
    if (re.ok() && re.NumberOfCapturingGroups() != 1)
      parent.ctx().Error(n, std::string("regex of field '") + key + "' in " + parent.where() +
                                " must have exactly one capture group");
  }
}

// Every address of `key` must be an RFC 5321 mailbox; errors point at the entry.
void CheckAddresses(TableReader& r, const char* key, const std::vector<std::string>& addresses) {
  const toml::node* n = r.Node(key);
  const toml::array* a = n ? n->as_array() : nullptr;
  for (size_t i = 0; i < addresses.size(); ++i) {
    if (std::string why = MailAddressError(addresses[i]); !why.empty())
      r.ctx().Error(a ? a->get(i) : n, "invalid e-mail address '" + addresses[i] + "' in '" + key + "' in " +
                                           r.where() + ": " + why);
  }
}

bool IsHttpUrl(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

}  // namespace

void ReadStore(TableReader& r, StoreConfig* out) {
  r.OneOf("backend", &out->backend);
  r.String("path", &out->path);
  r.String("conninfo", &out->conninfo);
  r.String("password", &out->password);
  r.String("pseudonym_key", &out->pseudonym_key);
  r.Dur("busy_timeout", &out->busy_timeout);
  r.Finish();
  if (out->backend == "postgresql" && out->conninfo.empty())
    r.ctx().errors->push_back({r.Pos(), "missing required key 'conninfo' in [store] (backend = \"postgresql\" "
                                        "needs a libpq connection string, e.g. \"host=db dbname=adwatch user=adwatch "
                                        "sslmode=verify-full\")"});
  if (out->conninfo.find("password") != std::string::npos)
    r.ctx().errors->push_back({r.Pos(), "[store] conninfo must not contain a password: name a secret in "
                                        "'password' (\"env:NAME\", \"file:/path\" or \"credential:NAME\")"});
}

void ReadCrawler(TableReader& r, CrawlerConfig* out) {
  r.String("user_agent", &out->user_agent);
  r.String("proxy", &out->proxy);
  r.Int("max_in_flight", &out->max_in_flight);
  r.Int("per_host_in_flight", &out->per_host_in_flight);
  r.Dur("min_delay", &out->min_delay);
  r.Double("global_rate", &out->global_rate);
  r.Dur("connect_timeout", &out->connect_timeout);
  r.Dur("timeout", &out->timeout);
  r.Int64("max_body_bytes", &out->max_body_bytes);
  r.Int64("max_decoded_bytes", &out->max_decoded_bytes);
  r.Int("max_redirects", &out->max_redirects);
  r.Int("max_retries", &out->max_retries);
  r.Int("vanish_after_cycles", &out->vanish_after_cycles);
  r.Int64("max_page_bytes", &out->max_page_bytes);
  r.Int("max_page_depth", &out->max_page_depth);
  r.Int64("max_page_elements", &out->max_page_elements);
  r.Dur("max_page_cpu", &out->max_page_cpu);
  r.Int("worker_threads", &out->worker_threads);
  r.Finish();
}

void ReadSite(TableReader& r, SiteConfig* out) {
  out->pos = r.Pos();
  r.String("name", &out->name);
  r.OneOf("kind", &out->kind);
  r.String("purpose", &out->purpose);
  r.String("legal_basis", &out->legal_basis);
  if (r.StringList("start_urls", &out->start_urls)) {
    for (const auto& u : out->start_urls)
      if (!IsHttpUrl(u))
        r.ctx().errors->push_back({r.Pos(), "start URL '" + u + "' in " + r.where() + " must be http:// or https://"});
  }
  r.StringList("allowed_hosts", &out->allowed_hosts);
  r.Bool("allow_private_addresses", &out->allow_private_addresses);
  if (r.StringList("allowed_private_addresses", &out->allowed_private_addresses)) {
    // "address:port", "[v6]:port", or a bare address (allowed on the ports of
    // the start URLs only; crawler/fetcher.h ParseAllowedEndpoints).
    for (const auto& entry : out->allowed_private_addresses) {
      std::string ip = entry, port;
      if (!entry.empty() && entry[0] == '[' && entry.find(']') != std::string::npos) {
        ip = entry.substr(1, entry.find(']') - 1);
        std::string rest = entry.substr(entry.find(']') + 1);
        port = rest.empty() ? "" : rest[0] == ':' ? rest.substr(1) : "x";
        if (rest == ":") port = "x";
      } else if (std::count(entry.begin(), entry.end(), ':') == 1) {
        ip = entry.substr(0, entry.find(':'));
        port = entry.substr(entry.find(':') + 1);
        if (port.empty()) port = "x";
      }
      unsigned char buf[16];
      bool port_ok = port.empty() || (port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos &&
                                      std::stoi(port) >= 1 && std::stoi(port) <= 65535);
      if ((inet_pton(AF_INET, ip.c_str(), buf) != 1 && inet_pton(AF_INET6, ip.c_str(), buf) != 1) || !port_ok)
        r.ctx().errors->push_back({r.Pos(), "allowed_private_addresses entry '" + entry + "' in " + r.where() +
                                                " is not an IPv4 or IPv6 address with an optional port"
                                                " (127.0.0.1:8080, [::1]:8080)"});
    }
  }
  r.Bool("respect_robots", &out->respect_robots);
  r.String("robots_opt_out_reason", &out->robots_opt_out_reason);
  r.String("region", &out->region);
  out->region_pos = r.KeyPos("region");
  r.String("proxy", &out->proxy);
  r.Dur("recrawl_interval", &out->recrawl_interval);
  r.Int("max_pages_per_cycle", &out->max_pages_per_cycle);
  ReadFieldRule(r, "ad_links", &out->ad_links);
  ReadFieldRule(r, "next_page", &out->next_page);
  ReadFieldRule(r, "listing_ids", &out->listing_ids);
  ReadFieldRule(r, "ad_items", &out->ad_items);
  r.String("embedded_json_selector", &out->embedded_json_selector);
  r.String("detail_url_template", &out->detail_url_template);
  r.String("next_page_template", &out->next_page_template);
  if (const toml::table* fields = r.Table("fields")) {
    TableReader fr(*fields, r.ctx(), "site.fields", r.where() + " [fields]");
    for (const ConfigKey* f : ConfigKeysOf("site.fields")) {
      std::string name(f->key);
      ReadFieldRule(fr, name.c_str(), &out->fields[name]);
    }
    fr.Finish();
    for (auto it = out->fields.begin(); it != out->fields.end();)
      it = (it->second.selector.empty() && it->second.json_pointer.empty()) ? out->fields.erase(it) : ++it;
  } else {
    r.ctx().errors->push_back({r.Pos(), "missing required key 'fields' in " + r.where() +
                                        " (expected a table of field rules: id, title, text, …)"});
  }
  r.Finish();
  if (!out->respect_robots && out->robots_opt_out_reason.empty())
    r.ctx().errors->push_back({r.Pos(), r.where() + " sets respect_robots = false without 'robots_opt_out_reason'"});
  const bool has_links = !out->ad_links.selector.empty() || !out->ad_links.json_pointer.empty();
  const bool has_ids = !out->listing_ids.selector.empty() || !out->listing_ids.json_pointer.empty();
  const bool has_items = !out->ad_items.selector.empty() || !out->ad_items.json_pointer.empty();
  if (!has_links && !has_items && out->detail_url_template.empty())
    r.ctx().errors->push_back({r.Pos(), "missing required key 'ad_links' in " + r.where() +
                                        " (how to find ad links on a listing page; ads read whole from the listing:"
                                        " ad_items; a JSON API that lists ids only: listing_ids and"
                                        " detail_url_template)"});
  if (!out->detail_url_template.empty() && out->detail_url_template.find("{id}") == std::string::npos)
    r.ctx().errors->push_back({r.KeyPos("detail_url_template"), "detail_url_template in " + r.where() +
                                                                   " must contain {id}"});
  if (!out->detail_url_template.empty() && !has_ids)
    r.ctx().errors->push_back({r.KeyPos("detail_url_template"), "detail_url_template in " + r.where() +
                                                                   " needs listing_ids (the ids it is filled with)"});
  const bool has_next = !out->next_page.selector.empty() || !out->next_page.json_pointer.empty();
  if (!out->next_page_template.empty() && out->next_page_template.find("{next}") == std::string::npos)
    r.ctx().errors->push_back({r.KeyPos("next_page_template"), "next_page_template in " + r.where() +
                                                                  " must contain {next}"});
  if (!out->next_page_template.empty() && !has_next)
    r.ctx().errors->push_back({r.KeyPos("next_page_template"), "next_page_template in " + r.where() +
                                                                  " needs next_page (the value it is filled with)"});
}

void ReadMatcher(TableReader& r, MatcherConfig* out) {
  r.String("default_region", &out->default_region);
  out->default_region_pos = r.KeyPos("default_region");
  r.Int("min_age", &out->min_age);
  r.String("gazetteer", &out->gazetteer);
  r.Double("alert_threshold", &out->alert_threshold);
  r.Double("critical_threshold", &out->critical_threshold);
  r.Finish();
}

void ReadSignals(TableReader& r, SignalParams* out) {
  r.Int("shared_phone_min_names", &out->shared_phone_min_names);
  r.Dur("shared_phone_window", &out->shared_phone_window);
  r.Double("shared_phone_weight", &out->shared_phone_weight);
  r.Int("touring_min_towns", &out->touring_min_towns);
  r.Dur("touring_window", &out->touring_window);
  r.Double("touring_weight", &out->touring_weight);
  r.Int("template_shingle", &out->template_shingle);
  r.Double("template_jaccard", &out->template_jaccard);
  r.Int("template_sentence_min_words", &out->template_sentence_min_words);
  r.Double("template_sentence_match", &out->template_sentence_match);
  r.Double("template_family_similarity", &out->template_family_similarity);
  r.Int("template_common_sentence_ads", &out->template_common_sentence_ads);
  r.Int("template_min_phones", &out->template_min_phones);
  r.Double("template_weight", &out->template_weight);
  r.Double("category_cap", &out->category_cap);
  r.Finish();
}

void ReadRule(TableReader& r, RuleSpec* out) {
  out->pos = r.Pos();
  r.String("id", &out->id);
  r.String("category", &out->category);
  r.StringList("fields", &out->fields);
  r.RegexList("patterns", &out->patterns);
  r.RegexList("exclude", &out->exclude);
  r.Double("weight", &out->weight);
  r.SeverityValue("severity", &out->severity);
  r.String("description", &out->description);
  r.String("source", &out->source);
  r.OneOf("evidence", &out->evidence);
  r.Bool("age_hint", &out->age_hint);
  const toml::node* negatable = r.Node("negatable");
  r.Bool("negatable", &out->negatable);
  r.OneOf("builtin", &out->builtin);  // the schema lists the builtins
  r.StringList("only_with", &out->only_with);
  r.Int("only_with_age_at_most", &out->only_with_age_at_most);
  if (const toml::table* ex = r.Table("examples")) {
    TableReader er(*ex, r.ctx(), "rule.examples", r.where() + " examples");
    er.StringList("match", &out->must_match);
    er.StringList("no_match", &out->must_not_match);
    er.Finish();
  }
  r.Finish();
  if (negatable && !out->builtin.empty())
    r.ctx().Error(negatable, "rule '" + out->id + "': 'negatable' applies to pattern rules only, not to builtin '" +
                                 out->builtin + "'");
  // Present, even if invalid (reported above).
  bool has_patterns = r.Node("patterns") != nullptr, has_builtin = r.Node("builtin") != nullptr;
  if (has_patterns == has_builtin)
    r.ctx().errors->push_back({r.Pos(), "rule '" + out->id + "' needs either 'patterns' or a 'builtin' signal"});
  if (out->builtin.empty() && out->must_match.empty())
    r.ctx().errors->push_back({r.Pos(), "rule '" + out->id + "' needs examples.match (texts it must match)"});
  // A rule that fires on everything is the classic failure (DIG/etk): demand counter-examples.
  if (out->builtin.empty() && out->must_not_match.empty())
    r.ctx().errors->push_back({r.Pos(), "rule '" + out->id + "' needs examples.no_match (texts it must not match)"});
  for (const auto& f : out->fields) {
    if (FindConfigKey("site.fields", f) == nullptr)
      r.ctx().errors->push_back({r.Pos(), "rule '" + out->id + "': unknown field '" + f + "'"});
  }
}

void ReadAlerts(TableReader& r, AlertsConfig* out) {
  r.OneOf("transport", &out->transport);
  r.String("out_dir", &out->out_dir);
  if (r.String("from", &out->from)) {
    if (std::string why = MailAddressError(out->from); !why.empty())
      r.ctx().Error(r.Node("from"), "invalid e-mail address '" + out->from + "' in 'from' in [alerts]: " + why);
  }
  r.OneOf("language", &out->language);
  r.OneOf("detail", &out->detail);
  if (r.StringList("digest_times", &out->digest_times)) {
    const toml::array* a = r.Node("digest_times")->as_array();
    for (size_t i = 0; i < out->digest_times.size(); ++i) {
      TimeOfDay t;
      if (!ParseTimeOfDay(out->digest_times[i], &t)) {
        r.ctx().Error(a->get(i), "bad time '" + out->digest_times[i] +
                                     "' in digest_times (expected \"HH:MM Zone/Name\", e.g. \"08:00 Europe/Amsterdam\")");
      } else if (t.zone != "UTC" && !r.ctx().env->FileExists("/usr/share/zoneinfo/" + t.zone)) {
        r.ctx().Error(a->get(i), "unknown time zone '" + t.zone + "' in digest_times (expected e.g. Europe/Amsterdam)");
      }
    }
  }
  r.Bool("workdays_only", &out->workdays_only);
  r.Bool("quiet_digest", &out->quiet_digest);
  r.String("meldroute", &out->meldroute);
  r.Int("max_immediate_per_hour", &out->max_immediate_per_hour);
  r.Dur("close_after", &out->close_after);
  if (r.StringList("region_recipients", &out->region_recipients))
    CheckAddresses(r, "region_recipients", out->region_recipients);
  if (r.StringList("fallback_recipients", &out->fallback_recipients))
    CheckAddresses(r, "fallback_recipients", out->fallback_recipients);
  if (r.StringList("admin_recipients", &out->admin_recipients))
    CheckAddresses(r, "admin_recipients", out->admin_recipients);
  if (const toml::array* ms = r.Array("municipality")) {
    for (const auto& m : *ms) {
      if (!m.is_table()) {
        r.ctx().Error(&m, "[[alerts.municipality]] entries must be tables");
        continue;
      }
      MunicipalityConfig mc;
      TableReader mr(*m.as_table(), r.ctx(), "alerts.municipality", "[[alerts.municipality]]");
      mc.pos = mr.Pos();
      mr.String("name", &mc.name);
      mc.name_pos = mr.KeyPos("name");
      if (mr.StringList("recipients", &mc.recipients)) CheckAddresses(mr, "recipients", mc.recipients);
      mr.Int("min_age", &mc.min_age);
      mr.String("meldroute", &mc.meldroute);
      mr.Finish();
      out->municipalities.push_back(std::move(mc));
    }
  }
  if (const toml::table* smtp = r.Table("smtp")) {
    TableReader sr(*smtp, r.ctx(), "alerts.smtp", "[alerts.smtp]");
    sr.String("url", &out->smtp.url);
    sr.String("username", &out->smtp.username);
    sr.String("password", &out->smtp.password);
    sr.Bool("require_tls", &out->smtp.require_tls);
    sr.String("ca_file", &out->smtp.ca_file);
    sr.Dur("connect_timeout", &out->smtp.connect_timeout);
    sr.Dur("reply_timeout", &out->smtp.reply_timeout);
    sr.Dur("total_timeout", &out->smtp.total_timeout);
    sr.Dur("hold_off", &out->smtp.hold_off);
    sr.Finish();
    if (!out->smtp.url.empty() && out->smtp.url.rfind("smtp://", 0) != 0 && out->smtp.url.rfind("smtps://", 0) != 0)
      r.ctx().errors->push_back({sr.Pos(), "[alerts.smtp] url must start with smtp:// or smtps://"});
  }
  r.Finish();
  if (out->transport == "smtp" && out->smtp.url.empty())
    r.ctx().errors->push_back({r.Pos(), "[alerts] transport = \"smtp\" needs an [alerts.smtp] table with 'url'"});
}

void ReadRetention(TableReader& r, RetentionConfig* out) {
  r.Dur("unflagged_ads", &out->unflagged_ads);
  r.Dur("flagged_ads", &out->flagged_ads);
  r.Dur("audit_log", &out->audit_log);
  r.Dur("frontier", &out->frontier);
  r.Dur("sightings", &out->sightings);
  r.Dur("entities", &out->entities);
  r.Dur("outbox", &out->outbox);
  r.Dur("statistics", &out->statistics);
  r.Finish();
}

void ReadScope(TableReader& r, ScopeConfig* out) {
  r.Bool("enabled", &out->enabled);
  r.StringList("municipalities", &out->municipalities);
  r.StringList("border_towns", &out->border_towns);
  r.Finish();
  if (out->enabled && out->municipalities.empty())
    r.ctx().errors->push_back({r.Pos(), "[scope] municipalities is empty: name the region, or set enabled = false"});
}

void ReadMinimise(TableReader& r, MinimiseConfig* out) {
  r.Bool("enabled", &out->enabled);
  r.Dur("after", &out->after);
  r.Finish();
}

void ReadRegister(TableReader& r, RegisterConfig* out) {
  r.String("controller", &out->controller);
  r.String("dpo", &out->dpo);
  r.StringList("processors", &out->processors);
  r.Finish();
}

void ReadLogging(TableReader& r, LoggingConfig* out) {
  r.OneOf("level", &out->level);
  r.Finish();
}

void ReadDaemon(TableReader& r, DaemonConfig* out) {
  r.String("metrics_listen", &out->metrics_listen);
  r.Dur("watchdog_interval", &out->watchdog_interval);
  r.Finish();
}

void ReadConsole(TableReader& r, ConsoleConfig* out) {
  r.String("listen", &out->listen);
  r.String("public_base_url", &out->public_base_url);
  r.String("tls_cert", &out->tls_cert);
  r.String("tls_key", &out->tls_key);
  r.StringList("trusted_proxies", &out->trusted_proxies);
  r.String("sso_header", &out->sso_header);
  r.Dur("session_idle", &out->session_idle);
  r.Dur("session_absolute", &out->session_absolute);
  r.Int("max_connections", &out->max_connections);
  r.Dur("request_timeout", &out->request_timeout);
  r.Finish();
  auto error = [&](const std::string& m) { r.ctx().errors->push_back({r.Pos(), m}); };
  if (out->tls_cert.empty() != out->tls_key.empty())
    error("[console] needs both 'tls_cert' and 'tls_key' (or neither, behind a reverse proxy on loopback)");
  if (!out->listen.empty()) {
    std::string host = out->listen.substr(0, out->listen.rfind(':'));
    if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
    bool loopback = host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
    if (out->listen.rfind(':') == std::string::npos)
      error("[console] listen must be host:port, e.g. \"127.0.0.1:8443\"");
    else if (out->tls_cert.empty() && !loopback)
      error("[console] listens on " + host + " without TLS: set tls_cert and tls_key, or listen on 127.0.0.1 "
            "behind a reverse proxy that terminates TLS");
  }
  if (!out->public_base_url.empty() && out->public_base_url.rfind("https://", 0) != 0 &&
      out->public_base_url.rfind("http://127.0.0.1", 0) != 0 && out->public_base_url.rfind("http://localhost", 0) != 0)
    error("[console] public_base_url must be https:// (http:// only for 127.0.0.1 or localhost)");
  for (const auto& a : out->trusted_proxies) {
    in6_addr buf;
    if (inet_pton(AF_INET, a.c_str(), &buf) != 1 && inet_pton(AF_INET6, a.c_str(), &buf) != 1)
      error("[console] trusted_proxies: '" + a + "' is not an IP address");
  }
  if (!out->sso_header.empty() && out->trusted_proxies.empty())
    error("[console] sso_header needs trusted_proxies (the proxy addresses allowed to set it)");
  if (out->session_absolute < out->session_idle)
    error("[console] session_absolute must not be shorter than session_idle");
}

}  // namespace adwatch::config_internal
