// adwatch site test NAME [URL]: the site-profile workbench. Fetches one
// listing page and one ad page through the crawler's fetcher (robots.txt,
// the SSRF guard, the host scope, the proxy and min_delay as configured), or
// reads saved pages (--listing-html, --html), and prints what every selector
// of the profile extracts, which matched nothing, and the phones, ages,
// places and rule hits the matcher finds in the ad. Read-only: no store.
#include <boost/asio/io_context.hpp>
#include <iostream>
#include <optional>

#include "app/args.h"
#include "app/commands.h"
#include "app/scope.h"
#include "app/setup.h"
#include "core/clock.h"
#include "crawler/extract.h"
#include "crawler/fetcher.h"
#include "crawler/robots.h"
#include "crawler/url.h"
#include "matcher/analyze.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] site test NAME [LISTING_URL] [--ad URL]\n"
    "       adwatch [--config FILE] site test NAME [--listing-html FILE] [--html FILE]\n\n"
    "Tries the profile of site NAME on one listing page and one ad page and prints\n"
    "what each selector extracts, names every selector that matched nothing, and\n"
    "shows the phones, ages, places and rule hits the matcher finds in the ad.\n"
    "Online (default): fetches LISTING_URL (default: the site's first start URL)\n"
    "and the first ad it links to (or --ad URL) as the crawler would: robots.txt,\n"
    "SSRF guard, allowed hosts, proxy and min_delay as configured. Offline: --html\n"
    "FILE is a saved ad page, --listing-html FILE a saved listing page.\n"
    "Exit 0 if the profile finds ad links and an ad with an id and text, 1 if not,\n"
    "2 on usage or configuration errors.\n";

std::string Shorten(std::string s, size_t n = 100) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (s.size() > n) {
    size_t cut = n;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    s = s.substr(0, cut) + "…";
  }
  return s;
}

std::string RuleText(const FieldRule& r) {
  std::string s = r.selector.empty() ? r.json_pointer : r.selector;
  if (!r.regex.empty()) s += "  regex " + r.regex;
  return s;
}

// Prints one rule's values; returns false if it matched nothing.
bool Show(const std::string& name, const FieldRule& spec, const CompiledRule& rule, const Page& page) {
  std::vector<std::string> values = ApplyRule(rule, page);
  std::string label = name;
  label.resize(std::max<size_t>(label.size() + 1, 12), ' ');
  if (values.empty()) {
    std::cout << "  " << label << "MATCHED NOTHING: " << RuleText(spec) << "\n";
    return false;
  }
  std::cout << "  " << label << Shorten(values[0]) << "\n";
  if (values.size() > 1) std::cout << "  " << std::string(label.size(), ' ') << "(" << values.size() << " values)\n";
  return true;
}

// The fields of an ad read whole from a listing (ad_items), with the configured
// ones that came out empty named; false if id or text is among them.
bool ShowAd(const Ad& ad, const SiteConfig& site) {
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
    return out;
  };
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"id", ad.id},       {"url", ad.url},           {"title", ad.title},         {"text", ad.text},
      {"name", ad.name},   {"age", ad.stated_age},    {"city", ad.city},           {"phones", join(ad.phones)},
      {"price", ad.price}, {"posted", ad.posted},     {"photos", join(ad.photos)}, {"region", ad.region}};
  bool ok = true;
  for (const auto& [name, value] : fields) {
    auto rule = site.fields.find(name);
    if (rule == site.fields.end()) continue;
    std::string label = name;
    label.resize(12, ' ');
    if (value.empty()) {
      std::cout << "  " << label << "MATCHED NOTHING: " << RuleText(rule->second) << "\n";
      if (name == "id" || name == "text") ok = false;
    } else {
      std::cout << "  " << label << Shorten(value) << "\n";
    }
  }
  return ok;
}

struct Fetched {
  std::string body, content_type, url, error;
};

// One page through the crawler's fetcher, as a crawl would fetch it.
class OnePageFetcher {
 public:
  OnePageFetcher(const Config& c, const SiteConfig& s, Clock& clock)
      : config_(c), site_(s), clock_(clock), fetcher_(MakeCurlFetcher(io_)) {}

  Fetched Get(const std::string& url) {
    if (site_.respect_robots) {
      std::string why = RobotsRefuses(url);
      if (!why.empty()) return {"", "", url, why};
    }
    return Raw(url);
  }

 private:
  Fetched Raw(const std::string& url) {
    if (fetched_any_) {  // politeness: min_delay between requests to the host, on the Clock as the crawler's
      auto timer = clock_.NewTimer(io_);
      bool waited = false;
      clock_.After(*timer, config_.crawler.min_delay, [&] { waited = true; });
      io_.restart();
      while (!waited && io_.run_one() > 0) {
      }
    }
    fetched_any_ = true;
    FetchRequest req;
    req.url = url;
    req.user_agent = config_.crawler.user_agent;
    req.proxy = site_.proxy.empty() ? config_.crawler.proxy : site_.proxy;
    req.allowed_hosts = site_.allowed_hosts;
    if (req.allowed_hosts.empty())
      for (const auto& u : site_.start_urls) req.allowed_hosts.push_back(UrlHost(u));
    req.allow_private = site_.allow_private_addresses;
    if (auto endpoints = ParseAllowedEndpoints(site_.allowed_private_addresses, site_.start_urls); endpoints.ok())
      req.allowed_private = std::move(*endpoints);  // the loader has already reported a bad entry
    req.limits.connect_timeout = config_.crawler.connect_timeout;
    req.limits.timeout = config_.crawler.timeout;
    req.limits.max_body_bytes = config_.crawler.max_body_bytes;
    req.limits.max_decoded_bytes = config_.crawler.max_decoded_bytes;
    req.limits.max_redirects = config_.crawler.max_redirects;
    std::optional<FetchResult> result;
    fetcher_->Fetch(req, [&](FetchResult r) { result = std::move(r); });
    io_.restart();
    while (!result && io_.run_one() > 0) {
    }
    if (!result) return {"", "", url, "the fetch did not complete"};
    if (!result->ok()) return {"", "", url, std::string(ToString(result->error)) + ": " + result->message};
    if (result->status != 200)
      return {"", "", result->url, "HTTP status " + std::to_string(result->status)};
    return {result->body, result->content_type, result->url, ""};
  }

  std::string RobotsRefuses(const std::string& url) {
    std::string origin = UrlOrigin(url);
    if (origin.empty()) return "not an http(s) URL";
    Fetched robots = Raw(origin + "/robots.txt");
    // As the crawler: a missing robots.txt allows everything.
    RobotsRules rules = robots.error.empty() ? RobotsRules::Parse(robots.body, config_.crawler.user_agent)
                                             : RobotsRules::AllowAll();
    std::string path = UrlPathAndQuery(url);
    return rules.Allowed(path) ? "" : "robots.txt of " + origin + " disallows " + path;
  }

  const Config& config_;
  const SiteConfig& site_;
  Clock& clock_;
  boost::asio::io_context io_;
  std::unique_ptr<HttpFetcher> fetcher_;
  bool fetched_any_ = false;
};

Result<std::string> ReadPage(const std::string& path) { return Env::Default()->ReadFile(path); }

void ShowSignals(const Ad& ad, const Matcher& matcher, const ScopeConfig& scope) {
  AdSignals s = AnalyzeAd(ad, matcher);
  std::cout << "matcher:\n  phones     ";
  if (s.phones.empty()) std::cout << "none";
  for (const auto& p : s.phones) std::cout << p.e164 << " (" << p.field << (p.obfuscated ? ", obfuscated" : "") << ") ";
  std::cout << "\n  ages       ";
  if (s.ages.empty()) std::cout << "none";
  for (int a : s.ages) std::cout << a << " ";
  std::cout << "\n  places     ";
  if (s.places.empty()) std::cout << "none";
  for (const auto& p : s.places) std::cout << p.name << " (" << p.municipality << ", " << p.country << ") ";
  std::cout << "\n  rule hits  ";
  if (s.hits.empty()) std::cout << "none";
  for (const auto& h : s.hits) std::cout << h.rule << " ";
  std::cout << "\n  score      " << s.score << " (" << ToString(s.severity) << ")\n";
  // The crawl counts such an ad as new, then does not keep it: say so here.
  if (OutsideScope(s, scope))
    std::cout << "  scope      OUTSIDE [scope]: every place is outside the configured municipalities, so this ad"
                 " is not kept (add the place to [scope] border_towns to keep it)\n";
}

int Test(const CommandContext& ctx, const Args& args) {
  const auto& pos = args.positional();
  if (pos.size() < 2 || pos.size() > 3) {
    std::cerr << "adwatch site test: give the site NAME (see adwatch site --help)\n";
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "site test");
  if (!config) return kExitUsage;
  const SiteConfig* site = nullptr;
  for (const auto& s : config->sites)
    if (s.name == pos[1]) site = &s;
  if (site == nullptr) {
    std::cerr << "adwatch site test: no site '" << pos[1] << "' in the configuration\n";
    return kExitUsage;
  }
  auto profile = CompileProfile(*site);
  if (!profile.ok()) {
    std::cerr << "adwatch site test: " << profile.status().message() << "\n";
    return kExitUsage;
  }
  auto matcher = MakeMatcher(config->matcher, config->alerts.municipalities);
  if (!matcher.ok()) {
    std::cerr << "adwatch site test: " << matcher.status().message() << "\n";
    return kExitUsage;
  }
  const bool offline = args.Has("html") || args.Has("listing-html");
  SystemClock clock;
  std::optional<OnePageFetcher> fetcher;
  if (!offline) fetcher.emplace(*config, *site, clock);
  const std::string type = site->kind == "json" ? "application/json" : "text/html";
  bool ok = true;

  // The listing page.
  std::string ad_url = args.ValueOr("ad", "");
  std::optional<std::string> listing_body;
  std::string listing_url = pos.size() == 3 ? pos[2] : site->start_urls.empty() ? "" : site->start_urls[0];
  std::string listing_type = type;
  if (args.Has("listing-html")) {
    auto body = ReadPage(*args.Value("listing-html"));
    if (!body.ok()) {
      std::cerr << "adwatch site test: " << body.status().message() << "\n";
      return kExitUsage;
    }
    listing_body = *body;
  } else if (!offline) {
    Fetched f = fetcher->Get(listing_url);
    if (!f.error.empty()) {
      std::cout << "listing page " << listing_url << ": cannot fetch: " << f.error << "\n";
      return kExitFailure;
    }
    listing_body = f.body;
    listing_url = f.url;
    listing_type = f.content_type;
  }
  if (listing_body) {
    std::cout << "listing page " << listing_url << "\n";
    auto page = ParsePage(*profile, listing_url, listing_type, *listing_body);
    if (!page.ok()) {
      std::cout << "  cannot parse: " << page.status().message() << "\n";
      ok = false;
    } else {
      if (!profile->ad_links.empty()) ok &= Show("ad_links", site->ad_links, profile->ad_links, *page);
      if (!profile->next_page.empty()) Show("next_page", site->next_page, profile->next_page, *page);
      if (!profile->listing_ids.empty()) Show("listing_ids", site->listing_ids, profile->listing_ids, *page);
      Listing l = ExtractListing(*profile, *page);
      if (!l.next_url.empty()) std::cout << "  next URL    " << l.next_url << "\n";  // as the crawl follows it
      if (auto next = ApplyRule(profile->next_page, *page);
          profile->next_page_template.empty() && !next.empty() && next[0].find_first_of("/?.:") == std::string::npos)
        std::cout << "  next_page   '" << next[0] << "' does not look like a link; for a cursor or page number"
                  << " set next_page_template (\"?cursor={next}\")\n";
      if (!profile->detail_url_template.empty())
        std::cout << "  detail URLs " << l.ad_urls.size() << " from the ids"
                  << (l.ad_urls.empty() ? "" : ", first " + l.ad_urls.front()) << "\n";
      if (!profile->ad_items.empty()) {
        // Whole ads on the listing: show the first one as the crawl would store it.
        std::cout << "  ad_items    " << l.ads.size() << " ads read from the listing";
        if (!l.broken.empty()) std::cout << "; " << l.broken.size() << " items gave no ad (" << l.broken.front() << ")";
        std::cout << "\n";
        if (l.ads.empty()) {
          std::cout << "  ad_items    MATCHED NOTHING: " << RuleText(site->ad_items) << "\n";
          return kExitFailure;
        }
        if (ad_url.empty() && !args.Has("html")) {
          std::cout << "first ad of the listing\n";
          bool fields_ok = ShowAd(l.ads.front(), *site);
          ShowSignals(l.ads.front(), *matcher, config->scope);
          return ok && fields_ok ? kExitOk : kExitFailure;
        }
      }
      if (ad_url.empty() && !l.ad_urls.empty()) ad_url = l.ad_urls.front();
    }
  }

  // The ad page.
  std::optional<std::string> ad_body;
  std::string ad_type = type;
  if (args.Has("html")) {
    auto body = ReadPage(*args.Value("html"));
    if (!body.ok()) {
      std::cerr << "adwatch site test: " << body.status().message() << "\n";
      return kExitUsage;
    }
    ad_body = *body;
    if (ad_url.empty()) ad_url = "file://" + *args.Value("html");
  } else if (!offline && !ad_url.empty()) {
    Fetched f = fetcher->Get(ad_url);
    if (!f.error.empty()) {
      std::cout << "ad page " << ad_url << ": cannot fetch: " << f.error << "\n";
      return kExitFailure;
    }
    ad_body = f.body;
    ad_url = f.url;
    ad_type = f.content_type;
  }
  if (!ad_body) {
    if (!args.Has("listing-html")) std::cout << "no ad page: the listing gave no ad link (use --ad URL)\n";
    return ok && args.Has("listing-html") ? kExitOk : kExitFailure;
  }
  std::cout << "ad page " << ad_url << "\n";
  auto page = ParsePage(*profile, ad_url, ad_type, *ad_body);
  if (!page.ok()) {
    std::cout << "  cannot parse: " << page.status().message() << "\n";
    return kExitFailure;
  }
  std::vector<std::string> empty;
  for (const auto& [name, rule] : profile->fields)
    if (!Show(name, site->fields.at(name), rule, *page)) empty.push_back(name);
  auto ad = ExtractAd(*profile, *page);
  if (!ad.ok()) {
    std::cout << "profile broken: " << ad.status().message() << "\n";
    return kExitFailure;
  }
  ad->site = site->name;
  if (ad->region.empty()) ad->region = site->region;
  for (const auto& name : empty)
    if (name == "text" || name == "id") ok = false;
  if (!empty.empty()) {
    std::cout << "selectors that matched nothing:";
    for (const auto& name : empty) std::cout << " fields." << name << " (" << RuleText(site->fields.at(name)) << ")";
    std::cout << "\n";
  }
  ShowSignals(*ad, *matcher, config->scope);
  return ok ? kExitOk : kExitFailure;
}

}  // namespace

int RunSite(CommandContext& ctx) {
  Args args(ctx.args, {"html", "listing-html", "ad"}, {"help"});
  const auto& pos = args.positional();
  if (args.Has("help") && args.ok()) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args.ok()) {
    std::cerr << "adwatch site: " << args.error() << " (see adwatch site --help)\n";
    return kExitUsage;
  }
  if (pos.empty() || pos[0] != "test") {
    std::cerr << "adwatch site: expected 'site test NAME' (see adwatch site --help)\n";
    return kExitUsage;
  }
  return Test(ctx, args);
}

}  // namespace adwatch
