#include "crawler/extract.h"

#include <algorithm>
#include <cctype>

#include <re2/re2.h>

#include <set>

#include "core/json_depth.h"
#include "crawler/url.h"

namespace adwatch {
namespace {

const std::set<std::string> kFields = {"id", "url", "title", "text", "name", "age", "region",
                                       "city", "phones", "price", "posted", "photos"};

// Splits a selector list at top-level commas (not inside [] or quotes).
std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  char quote = 0;
  for (char c : s) {
    if (quote) { if (c == quote) quote = 0; }
    else if (c == '"' || c == '\'') quote = c;
    else if (c == '[') ++depth;
    else if (c == ']') --depth;
    else if (c == ',' && depth == 0) { out.push_back(cur); cur.clear(); continue; }
    cur.push_back(c);
  }
  out.push_back(cur);
  return out;
}

// "sel@attr" → sel, attr; '@' inside [] or quotes does not count.
void SplitAttr(const std::string& s, std::string* sel, std::string* attr) {
  int depth = 0;
  char quote = 0;
  size_t at = std::string::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) { if (c == quote) quote = 0; }
    else if (c == '"' || c == '\'') quote = c;
    else if (c == '[') ++depth;
    else if (c == ']') --depth;
    else if (c == '@' && depth == 0) at = i;
  }
  *sel = at == std::string::npos ? s : s.substr(0, at);
  *attr = at == std::string::npos ? "" : s.substr(at + 1);
  attr->erase(0, attr->find_first_not_of(' '));
  attr->erase(attr->find_last_not_of(' ') + 1);
}

// "@url" with no element before it: the page's own URL.
bool IsPageUrl(const std::string& selector) {
  std::string sel, attr;
  SplitAttr(selector, &sel, &attr);
  return attr == "url" && sel.find_first_not_of(" \t") == std::string::npos;
}

std::string JsonToString(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();  // numbers, booleans; objects as JSON text
}

void Walk(const nlohmann::json& node, const std::vector<std::string>& ptr, size_t i,
          std::vector<const nlohmann::json*>* out) {
  if (i == ptr.size()) {
    out->push_back(&node);
    return;
  }
  const std::string& seg = ptr[i];
  if (node.is_array()) {
    if (seg == "*") {
      for (const auto& e : node) Walk(e, ptr, i + 1, out);
      return;
    }
    if (seg.empty() || seg.find_first_not_of("0123456789") != std::string::npos) return;
    size_t idx = std::stoul(seg);
    if (idx < node.size()) Walk(node[idx], ptr, i + 1, out);
  } else if (node.is_object()) {
    if (seg == "*") {
      for (const auto& [k, e] : node.items()) Walk(e, ptr, i + 1, out);
      return;
    }
    auto it = node.find(seg);
    if (it != node.end()) Walk(*it, ptr, i + 1, out);
  }
}

bool IsJsonType(const std::string& ct) {
  return ct.find("json") != std::string::npos;
}

// "%20" → ' ' and so on; a '%' not followed by two hex digits stays as it is.
std::string PercentDecode(const std::string& s) {
  auto hex = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

CompiledRule::CompiledRule() = default;
CompiledRule::CompiledRule(CompiledRule&&) noexcept = default;
CompiledRule& CompiledRule::operator=(CompiledRule&&) noexcept = default;
CompiledRule::~CompiledRule() = default;

Result<CompiledRule> CompileRule(const std::string& field, const FieldRule& rule) {
  CompiledRule r;
  r.all = rule.all;
  std::string where = rule.pos.file.empty() ? "" : rule.pos.ToString() + ": ";
  if (!rule.selector.empty() && !rule.json_pointer.empty())
    return Status::InvalidArgument(where + field + ": give a selector or a JSON pointer, not both");
  if (!rule.json_pointer.empty()) {
    if (rule.json_pointer[0] != '/')
      return Status::InvalidArgument(where + field + ": a JSON pointer starts with '/'");
    r.is_json = true;
    std::string p = rule.json_pointer.substr(1);
    size_t b = 0;
    for (;;) {
      size_t e = p.find('/', b);
      std::string seg = p.substr(b, e == std::string::npos ? std::string::npos : e - b);
      for (size_t k; (k = seg.find("~1")) != std::string::npos;) seg.replace(k, 2, "/");
      for (size_t k; (k = seg.find("~0")) != std::string::npos;) seg.replace(k, 2, "~");
      r.pointer.push_back(seg);
      if (e == std::string::npos) break;
      b = e + 1;
    }
  } else if (IsPageUrl(rule.selector)) {
    r.page_url = true;
  } else if (!rule.selector.empty()) {
    std::vector<std::pair<std::string, std::string>> alts;
    for (const std::string& alt : SplitList(rule.selector)) {
      std::string sel, attr;
      SplitAttr(alt, &sel, &attr);
      alts.emplace_back(sel, attr);
    }
    bool same_attr = std::all_of(alts.begin(), alts.end(), [&](const auto& a) { return a.second == alts[0].second; });
    if (same_attr) {  // one selector: results in document order
      std::string joined;
      for (const auto& a : alts) joined += (joined.empty() ? "" : ",") + a.first;
      alts = {{joined, alts[0].second}};
    }
    for (const auto& [sel, attr] : alts) {
      auto s = Selector::Parse(sel);
      if (!s.ok()) return s.status().Annotate(where + field);
      r.css.push_back({std::move(*s), attr});
    }
  }
  if (!rule.regex.empty()) {
    r.regex = std::make_unique<re2::RE2>(rule.regex, re2::RE2::Quiet);
    if (!r.regex->ok())
      return Status::InvalidArgument(where + field + ": bad regex: " + r.regex->error());
  }
  return r;
}

Result<CompiledProfile> CompileProfile(const SiteConfig& site) {
  CompiledProfile p;
  p.site = site.name;
  p.kind = site.kind;
  p.region = site.region;
  std::string ctx = "site " + site.name;
  auto links = CompileRule("ad_links", site.ad_links);
  if (!links.ok()) return links.status().Annotate(ctx);
  p.ad_links = std::move(*links);
  p.ad_links.all = true;  // every link of a listing, whatever the config says
  auto next = CompileRule("next_page", site.next_page);
  if (!next.ok()) return next.status().Annotate(ctx);
  p.next_page = std::move(*next);
  auto ids = CompileRule("listing_ids", site.listing_ids);
  if (!ids.ok()) return ids.status().Annotate(ctx);
  p.listing_ids = std::move(*ids);
  p.listing_ids.all = true;
  auto items = CompileRule("ad_items", site.ad_items);
  if (!items.ok()) return items.status().Annotate(ctx);
  p.ad_items = std::move(*items);
  p.ad_items.all = true;
  if (!site.detail_url_template.empty()) {
    if (site.detail_url_template.find("{id}") == std::string::npos)
      return Status::InvalidArgument(ctx + ": detail_url_template must contain {id}");
    if (p.listing_ids.empty())
      return Status::InvalidArgument(ctx + ": detail_url_template needs listing_ids (the ids it is filled with)");
    p.detail_url_template = site.detail_url_template;
  }
  if (!site.next_page_template.empty()) {
    if (site.next_page_template.find("{next}") == std::string::npos)
      return Status::InvalidArgument(ctx + ": next_page_template must contain {next}");
    if (p.next_page.empty())
      return Status::InvalidArgument(ctx + ": next_page_template needs next_page (the value it is filled with)");
    p.next_page_template = site.next_page_template;
  }
  if (site.kind == "embedded-json") {
    auto s = Selector::Parse(site.embedded_json_selector.empty() ? "script#__NEXT_DATA__"
                                                                 : site.embedded_json_selector);
    if (!s.ok()) return s.status().Annotate(ctx + ": embedded_json_selector");
    p.embedded_json = std::move(*s);
  } else if (site.kind != "html" && site.kind != "json") {
    return Status::InvalidArgument(ctx + ": kind must be html, json or embedded-json");
  }
  for (const auto& [name, rule] : site.fields) {
    if (!kFields.count(name)) return Status::InvalidArgument(ctx + ": unknown field \"" + name + "\"");
    auto r = CompileRule(name, rule);
    if (!r.ok()) return r.status().Annotate(ctx);
    p.fields.emplace(name, std::move(*r));
  }
  if (!p.fields.count("id") || p.fields.at("id").empty())
    return Status::InvalidArgument(ctx + ": fields.id is required");
  return p;
}

Result<Page> ParsePage(const CompiledProfile& p, const std::string& url, const std::string& content_type,
                       const std::string& body, const PageLimits& limits) {
  Page page;
  page.url = url;
  if (static_cast<int64_t>(body.size()) > limits.max_bytes)
    return PageBudgetError("body of " + std::to_string(body.size()) + " bytes, over " +
                               std::to_string(limits.max_bytes),
                           url);
  // The profile's kind decides; a JSON content type on an HTML site counts
  // only if the body looks like JSON (servers mislabel pages).
  size_t first = body.find_first_not_of(" \t\r\n");
  bool looks_json = first != std::string::npos && (body[first] == '{' || body[first] == '[');
  if (p.kind == "json" || (IsJsonType(content_type) && looks_json)) {
    if (JsonNestingDepth(body) > kMaxJsonDepth)
      return PageBudgetError("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", url);
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Status::Corruption("response is not valid JSON (" + url + ")");
    page.json = std::move(j);
    return page;
  }
  HtmlShape shape = ScanHtml(body, limits.max_depth, limits.max_elements);
  if (shape.depth > limits.max_depth)
    return PageBudgetError("page nests more than " + std::to_string(limits.max_depth) + " elements deep; not parsed",
                           url);
  if (shape.elements > limits.max_elements)
    return PageBudgetError("page has more than " + std::to_string(limits.max_elements) + " elements; not parsed",
                           url);
  page.html = HtmlDocument::Parse(body);
  if (p.embedded_json) {
    const GumboNode* script = p.embedded_json->SelectFirst(page.html->root());
    if (!script) return Status::Corruption("embedded JSON script not found (" + url + ")");
    std::string raw = NodeRawText(script);
    if (JsonNestingDepth(raw) > kMaxJsonDepth)
      return PageBudgetError("embedded JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", url);
    auto j = nlohmann::json::parse(raw, nullptr, false);
    if (j.is_discarded()) return Status::Corruption("embedded JSON does not parse (" + url + ")");
    page.json = std::move(j);
  }
  return page;
}

namespace {

// Where a rule looks: the whole page, or one ad_items item of it; "@url"
// reads the page's URL.
struct Scope {
  const nlohmann::json* json = nullptr;
  const GumboNode* html = nullptr;
  const std::string* url = nullptr;
};

Scope WholePage(const Page& page) {
  return {page.json ? &*page.json : nullptr, page.html ? page.html->root() : nullptr, &page.url};
}

std::vector<std::string> ApplyRuleIn(const CompiledRule& rule, Scope scope) {
  std::vector<std::string> raw;
  if (rule.page_url) {
    if (scope.url) raw.push_back(*scope.url);
  } else if (rule.is_json) {
    if (scope.json) {
      std::vector<const nlohmann::json*> hits;
      Walk(*scope.json, rule.pointer, 0, &hits);
      for (const auto* h : hits) {
        if (h->is_null()) continue;
        if (h->is_array() && rule.all) {
          for (const auto& e : *h) if (!e.is_null()) raw.push_back(JsonToString(e));
        } else {
          raw.push_back(JsonToString(*h));
        }
      }
    }
  } else if (scope.html) {
    for (const auto& c : rule.css) {
      for (const GumboNode* n : c.selector.SelectAll(scope.html)) {
        bool found = true;
        std::string v = c.attr.empty() ? NodeText(n) : NodeAttr(n, c.attr, &found);
        if (found) raw.push_back(std::move(v));
        if (!rule.all && !rule.regex && !raw.empty()) break;
      }
      if (!rule.all && !rule.regex && !raw.empty()) break;
    }
  }
  std::vector<std::string> out;
  for (auto& v : raw) {
    if (rule.regex) {
      re2::StringPiece groups[2];
      int n = std::min(rule.regex->NumberOfCapturingGroups(), 1) + 1;
      if (!rule.regex->Match(v, 0, v.size(), re2::RE2::UNANCHORED, groups, n)) continue;
      v = std::string(groups[n - 1].data(), groups[n - 1].size());
    }
    if (v.empty()) continue;
    out.push_back(std::move(v));
    if (!rule.all) break;
  }
  return out;
}

// The ad inside `scope`; URLs resolved against `page_url`.
Result<Ad> ExtractAdIn(const CompiledProfile& p, const std::string& page_url, Scope scope) {
  Ad ad;
  ad.site = p.site;
  ad.region = p.region;
  auto one = [&](const char* f) -> std::string {
    auto it = p.fields.find(f);
    if (it == p.fields.end()) return "";
    auto v = ApplyRuleIn(it->second, scope);
    return v.empty() ? "" : v[0];
  };
  auto many = [&](const char* f) -> std::vector<std::string> {
    auto it = p.fields.find(f);
    return it == p.fields.end() ? std::vector<std::string>{} : ApplyRuleIn(it->second, scope);
  };
  ad.id = one("id");
  ad.url = one("url");
  ad.url = ad.url.empty() ? page_url : ResolveUrl(page_url, ad.url);
  ad.title = one("title");
  for (const auto& para : many("text")) ad.text += (ad.text.empty() ? "" : "\n\n") + para;
  ad.name = one("name");
  ad.stated_age = one("age");
  ad.city = one("city");
  ad.price = one("price");
  ad.posted = one("posted");
  if (std::string r = one("region"); !r.empty()) ad.region = r;
  std::set<std::string> seen;
  for (auto& ph : many("phones")) {
    if (ph.size() > 4 && std::equal(ph.begin(), ph.begin() + 4, "tel:", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
      ph = PercentDecode(ph);
    if (seen.insert(ph).second) ad.phones.push_back(ph);
  }
  for (auto& u : many("photos")) {
    std::string abs = ResolveUrl(page_url, u);
    if (!abs.empty()) ad.photos.push_back(abs);
  }
  if (ad.id.empty() || (ad.title.empty() && ad.text.empty()))
    return Status::Corruption("profile broken: site " + p.site + " extracted no " +
                              (ad.id.empty() ? "id" : "title or text") + " from " + page_url);
  return ad;
}

// The items of an ad_items rule: JSON values or HTML elements.
std::vector<Scope> Items(const CompiledRule& rule, const Page& page) {
  std::vector<Scope> out;
  if (rule.is_json) {
    if (!page.json) return out;
    std::vector<const nlohmann::json*> hits;
    Walk(*page.json, rule.pointer, 0, &hits);
    for (const auto* h : hits) {
      if (h->is_array()) {
        for (const auto& e : *h) if (e.is_object()) out.push_back({&e, nullptr, &page.url});
      } else if (h->is_object()) {
        out.push_back({h, nullptr, &page.url});
      }
    }
  } else if (page.html) {
    for (const auto& c : rule.css)
      for (const GumboNode* n : c.selector.SelectAll(page.html->root())) out.push_back({nullptr, n, &page.url});
  }
  return out;
}

}  // namespace

std::vector<std::string> ApplyRule(const CompiledRule& rule, const Page& page) {
  return ApplyRuleIn(rule, WholePage(page));
}

// `key` ("{id}", "{next}") in the template replaced by the value, percent-encoded
// except for unreserved characters (RFC 3986), so a value cannot change the
// URL's path or query ("../admin", "1?x=2").
std::string FillTemplate(const std::string& tmpl, const std::string& key, const std::string& id) {
  std::string enc;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      enc.push_back(static_cast<char>(c));
    } else {
      static const char* kHex = "0123456789ABCDEF";
      enc += '%';
      enc += kHex[c >> 4];
      enc += kHex[c & 15];
    }
  }
  std::string out = tmpl;
  for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + enc.size()))
    out.replace(at, key.size(), enc);
  return out;
}

Listing ExtractListing(const CompiledProfile& p, const Page& page) {
  Listing l;
  std::set<std::string> seen;
  for (const auto& v : ApplyRule(p.ad_links, page)) {
    std::string u = ResolveUrl(page.url, v);
    if (!u.empty() && seen.insert(u).second) l.ad_urls.push_back(u);
  }
  auto next = ApplyRule(p.next_page, page);
  if (!next.empty())
    l.next_url = ResolveUrl(page.url, p.next_page_template.empty() ? next[0]
                                                                  : FillTemplate(p.next_page_template, "{next}", next[0]));
  std::set<std::string> ids;
  for (auto& id : ApplyRule(p.listing_ids, page))
    if (ids.insert(id).second) l.ids.push_back(std::move(id));
  if (!p.ad_items.empty()) {
    for (const Scope& item : Items(p.ad_items, page)) {
      auto ad = ExtractAdIn(p, page.url, item);
      if (!ad.ok()) {
        l.broken.push_back(ad.status().message());
        continue;
      }
      if (ids.insert(ad->id).second) l.ids.push_back(ad->id);
      l.ads.push_back(std::move(*ad));
    }
  }
  if (!p.detail_url_template.empty()) {
    for (const auto& id : l.ids) {
      std::string u = ResolveUrl(page.url, FillTemplate(p.detail_url_template, "{id}", id));
      if (!u.empty() && seen.insert(u).second) l.ad_urls.push_back(u);
    }
  }
  return l;
}

Result<Ad> ExtractAd(const CompiledProfile& p, const Page& page) {
  return ExtractAdIn(p, page.url, WholePage(page));
}

}  // namespace adwatch
