// HTML pages for extraction: UTF-8 guaranteed, parsed once with Gumbo, and
// CSS selectors over the tree.
//
// Gumbo 0.10.1 requires UTF-8 input: Parse() keeps valid UTF-8 as it is and
// reads anything else as Windows-1252 (the usual charset of legacy Dutch
// pages), so Gumbo never sees invalid bytes.
//
// Selectors (crawler/selector.cc) support: type (`div`), `*`, `.class`,
// `#id`, `[attr]`, `[attr=v]`, `[attr^=v]`, `[attr$=v]`, `[attr*=v]`,
// `[attr~=v]` (values quoted or bare), descendant (` `) and child (`>`)
// combinators, and selector lists (`a, b`). Anything else is an
// InvalidArgument naming the position. Results are in document order,
// without duplicates.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace adwatch {

// `bytes` if valid UTF-8, else its Windows-1252 reading converted to UTF-8.
std::string EnsureUtf8(std::string_view bytes);

// Gumbo 0.10.1 has no limits of its own: deep nesting and long runs of
// unclosed tags cost it super-linear time (100,000 nested <div>s: 45 s;
// 900,000 unclosed <b>: minutes). Callers check the page with
// HtmlNestingEstimate first and refuse it above kMaxHtmlDepth.
constexpr int kMaxHtmlDepth = 1000;

// The deepest element nesting the tags of `html` would build if every start
// tag of a non-void element stayed open until its end tag: one linear scan,
// no parse. Comments and the contents of <script>/<style> are skipped. An
// over-estimate for sloppy pages (unclosed <p>, <li>), never an under-estimate
// of what a parser nests; stops counting above `limit`.
int HtmlNestingEstimate(std::string_view html, int limit = kMaxHtmlDepth);

// The same scan, also counting start tags (elements a parser would build,
// give or take implied ones). Stops as soon as either limit is passed.
struct HtmlShape {
  int depth = 0;
  int64_t elements = 0;
};
HtmlShape ScanHtml(std::string_view html, int depth_limit, int64_t element_limit);

class HtmlDocument {
 public:
  static std::unique_ptr<HtmlDocument> Parse(std::string_view bytes);
  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;
  const GumboNode* root() const;

 private:
  HtmlDocument() = default;
  std::string utf8_;  // Gumbo's tree points into this buffer
  GumboOutput* output_ = nullptr;
};

// The text of a node as a reader sees it: whitespace runs collapsed,
// <br> a line break, block elements (p, div, li, …) separated by a blank line,
// lines trimmed.
std::string NodeText(const GumboNode* node);
// The value of attribute `name`, or "" (and *found=false) if absent.
std::string NodeAttr(const GumboNode* node, const std::string& name, bool* found = nullptr);
// The raw text inside an element (for <script> contents).
std::string NodeRawText(const GumboNode* node);

struct SelectorImpl;

class Selector {
 public:
  static Result<Selector> Parse(std::string_view css);
  Selector(Selector&&) noexcept;
  Selector& operator=(Selector&&) noexcept;
  ~Selector();

  std::vector<const GumboNode*> SelectAll(const GumboNode* root) const;
  const GumboNode* SelectFirst(const GumboNode* root) const;  // nullptr if none
  bool Matches(const GumboNode* element) const;

 private:
  Selector();
  std::unique_ptr<SelectorImpl> impl_;
};

}  // namespace adwatch
