// HtmlDocument, charset repair and text of nodes.
#include <cctype>
#include <climits>
#include <cstring>
#include <set>
#include <vector>

#include "crawler/html.h"
#include "crawler/page_budget.h"

namespace adwatch {
namespace {

// Windows-1252 0x80..0x9F; the rest of the high half is Latin-1.
const char16_t kCp1252[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                              0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

bool ValidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;  // overlong, out of range or a surrogate
    i += len;
  }
  return true;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) { out->push_back(static_cast<char>(cp)); }
  else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_DL: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
      return true;
    default:
      return false;
  }
}

// Raw text with markers: '\v' for <br>, '\f' for block boundaries.
// Iterative, with an explicit stack: the nesting depth is the page's to
// choose (100,000 nested <div>s are 1 MB), the call stack is not.
void CollectText(const GumboNode* root, std::string* out) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  std::vector<Frame> stack{{root, 0}};
  while (!stack.empty()) {
    if (CpuBudgetSpent()) return;  // the caller discards the page
    Frame& f = stack.back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      for (const char* c = n->v.text.text; *c; ++c)
        out->push_back(*c == '\v' || *c == '\f' ? ' ' : *c);  // those two are our markers
      stack.pop_back();
      continue;
    }
    if (n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& kids = n->v.document.children;
      if (f.next_child < kids.length) {
        stack.push_back({static_cast<const GumboNode*>(kids.data[f.next_child++]), 0});  // invalidates f
        continue;
      }
      stack.pop_back();
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) {
      stack.pop_back();
      continue;
    }
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT) {
      stack.pop_back();
      continue;
    }
    if (t == GUMBO_TAG_BR) {
      out->push_back('\v');
      stack.pop_back();
      continue;
    }
    const GumboVector& kids = n->v.element.children;
    if (f.next_child == 0 && IsBlock(t)) out->push_back('\f');
    if (f.next_child < kids.length) {
      const GumboNode* child = static_cast<const GumboNode*>(kids.data[f.next_child++]);
      stack.push_back({child, 0});  // invalidates f
      continue;
    }
    if (IsBlock(t)) out->push_back('\f');
    else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) out->push_back(' ');
    stack.pop_back();
  }
}

}  // namespace

int HtmlNestingEstimate(std::string_view html, int limit) {
  return ScanHtml(html, limit, INT64_MAX).depth;
}

HtmlShape ScanHtml(std::string_view html, int limit, int64_t element_limit) {
  static const std::set<std::string, std::less<>> kVoid = {"area", "base", "br",   "col",   "embed",  "hr",
                                                           "img",  "input", "link", "meta", "source", "track",
                                                           "wbr",  "param", "keygen"};
  int depth = 0, deepest = 0;
  int64_t elements = 0;
  size_t i = 0;
  auto lower_name = [&](size_t from, std::string* name) {
    size_t j = from;
    name->clear();
    while (j < html.size() && std::isalnum(static_cast<unsigned char>(html[j])) && name->size() < 16)
      name->push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(html[j++]))));
    return j;
  };
  std::string name;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t after = lower_name(i + 1 + closing, &name);
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
      ++i;
      continue;
    }
    size_t gt = html.find('>', after);
    if (gt == std::string_view::npos) break;
    if (!closing && ++elements > element_limit) return {deepest, elements};
    if (closing) {
      if (depth > 0) --depth;
    } else if (!kVoid.count(name) && html[gt - 1] != '/') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return {deepest, elements};
      if (name == "script" || name == "style") {  // raw text up to the end tag
        size_t end = html.find("</" + name, gt);
        if (end == std::string_view::npos) break;
        gt = end - 1;
      }
    }
    i = gt + 1;
  }
  return {deepest, elements};
}

std::string EnsureUtf8(std::string_view bytes) {
  if (ValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
    else if (c < 0xA0) AppendUtf8(&out, kCp1252[c - 0x80]);
    else AppendUtf8(&out, c);
  }
  return out;
}

std::unique_ptr<HtmlDocument> HtmlDocument::Parse(std::string_view bytes) {
  std::unique_ptr<HtmlDocument> d(new HtmlDocument());
  d->utf8_ = EnsureUtf8(bytes);
  d->output_ = gumbo_parse_with_options(&kGumboDefaultOptions, d->utf8_.data(), d->utf8_.size());
  return d;
}

HtmlDocument::~HtmlDocument() {
  if (output_) gumbo_destroy_output(&kGumboDefaultOptions, output_);
}

const GumboNode* HtmlDocument::root() const { return output_->document; }

std::string NodeText(const GumboNode* node) {
  std::string raw;
  CollectText(node, &raw);
  // Collapse: spaces within a line, trim lines; '\v' (br) is one line break,
  // '\f' (block edge) a paragraph break; no leading/trailing breaks.
  std::string out, line;
  int pending = 0;  // 0 none, 1 line break, 2 paragraph break
  auto flush_line = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) return;
    if (!out.empty()) out += pending >= 2 ? "\n\n" : (pending == 1 ? "\n" : " ");
    out += line;
    line.clear();
    pending = 0;
  };
  for (char c : raw) {
    if (c == '\v' || c == '\f') {  // source newlines are mere whitespace
      flush_line();
      int p = c == '\f' ? 2 : 1;
      if (!out.empty()) pending = std::max(pending, p);
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else {
      line.push_back(c);
    }
  }
  flush_line();
  return out;
}

std::string NodeAttr(const GumboNode* node, const std::string& name, bool* found) {
  if (found) *found = false;
  if (node->type != GUMBO_NODE_ELEMENT) return "";
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name.c_str());
  if (!a) return "";
  if (found) *found = true;
  return a->value;
}

std::string NodeRawText(const GumboNode* node) {
  std::string out;
  if (node->type != GUMBO_NODE_ELEMENT) return out;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA || k->type == GUMBO_NODE_WHITESPACE)
      out += k->v.text.text;
  }
  return out;
}

}  // namespace adwatch
