// Extraction: a site profile (config SiteConfig / FieldRule) compiled once,
// applied to pages parsed once.
//
// A FieldRule is either
// - a CSS selector (crawler/html.h) with an optional "@attr" suffix taking
//   that attribute instead of the text; in a selector list each alternative
//   may carry its own "@attr" ("dd.phone, a[href^='tel:']@href"), or
// - "@url" alone: the page's own URL, for sites whose ad id is only in the
//   address ({ selector = "@url", regex = '/ad/(\d+)' }), or
// - a JSON pointer (RFC 6901) over the page's JSON; a "*" segment stands for
//   every element of an array (or value of an object): "/items/*/api_url".
//   For html pages of kind "embedded-json" the JSON is the content of the
//   script element named by embedded_json_selector.
// Each value may then pass an RE2 regex: the first capture group (or the whole
// match) is kept, a value that does not match is dropped. With `all` every
// value is kept (phones, photos), otherwise the first; for `text` the values
// are joined as paragraphs (a description split over several <p>).
// Phone values that are tel: links are percent-decoded ("tel:06%2012…"), so
// the matcher sees the number as the page shows it.
//
// Pages: JSON responses are parsed as JSON only (never by Gumbo); HTML pages
// once by Gumbo.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "core/ad.h"
#include "core/status.h"
#include "crawler/html.h"
#include "crawler/page_budget.h"

namespace re2 {
class RE2;
}

namespace adwatch {

struct CompiledRule {
  CompiledRule();
  CompiledRule(CompiledRule&&) noexcept;
  CompiledRule& operator=(CompiledRule&&) noexcept;
  ~CompiledRule();

  struct Css {
    Selector selector;
    std::string attr;  // empty = text
  };
  std::vector<Css> css;              // empty if JSON pointer rule
  std::vector<std::string> pointer;  // unescaped segments; valid if is_json
  bool is_json = false;
  bool page_url = false;             // "@url": the page's URL itself
  std::unique_ptr<re2::RE2> regex;
  bool all = false;
  bool empty() const { return css.empty() && !is_json && !page_url; }
};

// Compiles one rule; errors name the field and the rule's config position.
Result<CompiledRule> CompileRule(const std::string& field, const FieldRule& rule);

struct CompiledProfile {
  std::string site;
  std::string kind;  // html | json | embedded-json
  std::string region;
  CompiledRule ad_links;
  CompiledRule next_page;
  CompiledRule listing_ids;  // optional; always "all"
  // Optional; always "all": each match is one whole ad on the listing page
  // itself (a JSON API that returns complete ads in its list, or an HTML
  // listing without detail pages). The fields are then read inside each item:
  // JSON pointers from the item, CSS selectors within the item's element.
  CompiledRule ad_items;
  std::optional<Selector> embedded_json;
  // JSON APIs whose listing gives ids only: each listing id becomes a detail
  // URL, "{id}" replaced by the id (percent-encoded), resolved against the
  // listing page's URL. Empty: the ad links come from ad_links alone.
  std::string detail_url_template;
  // Cursor or page-number APIs whose next_page value is a token, not a URL:
  // "{next}" replaced by that value (percent-encoded), resolved against the
  // listing page's URL ("?limit=20&cursor={next}"). Empty: next_page is a URL.
  std::string next_page_template;
  std::map<std::string, CompiledRule> fields;
};

// Fields a profile may name (id, url, title, text, name, age, city, phones,
// price, posted, photos); an unknown field name is an error. `id` is required.
Result<CompiledProfile> CompileProfile(const SiteConfig& site);

// One fetched page, parsed once, in the form the profile needs.
struct Page {
  std::string url;
  std::unique_ptr<HtmlDocument> html;  // null for JSON
  std::optional<nlohmann::json> json;  // JSON body or embedded JSON
};

// Parses by content type and profile kind. A JSON body that does not parse,
// or an embedded-json page without its script, is kCorruption. A page over
// `limits` (size, HTML nesting or element count, JSON nesting beyond
// kMaxJsonDepth) is refused before any parser sees it, with an error for
// which IsPageBudgetError (crawler/page_budget.h) is true. The CPU budget is
// the caller's (ScopedCpuBudget).
Result<Page> ParsePage(const CompiledProfile& p, const std::string& url, const std::string& content_type,
                       const std::string& body, const PageLimits& limits = {});

// Every value of `rule` on the page (first only unless rule.all).
std::vector<std::string> ApplyRule(const CompiledRule& rule, const Page& page);

struct Listing {
  std::vector<std::string> ad_urls;  // absolute, in page order, deduplicated
  std::string next_url;              // absolute (next_page, through next_page_template if set), or empty
  std::vector<std::string> ids;      // ad ids shown (profile's listing_ids and ad_items), deduplicated
  std::vector<Ad> ads;               // ads read whole from the listing (ad_items)
  std::vector<std::string> broken;   // why an ad_items item gave no ad (no id, no title or text)
};
Listing ExtractListing(const CompiledProfile& p, const Page& page);

// The ad on a detail page. A page from which the profile gets no id, or
// neither title nor text, is kCorruption with a "profile broken" message
// naming the site and URL. url defaults to the page URL; URLs (url, photos)
// are made absolute.
Result<Ad> ExtractAd(const CompiledProfile& p, const Page& page);

}  // namespace adwatch
