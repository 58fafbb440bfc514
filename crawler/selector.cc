// A small CSS selector engine over Gumbo's tree (Gumbo has none). Matching
// is right to left, as browsers do: the rightmost compound filters
// candidates cheaply, combinators walk up the ancestors.
#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <vector>

#include "crawler/html.h"
#include "crawler/page_budget.h"

namespace adwatch {

struct AttrTest {
  std::string name;
  char op = 0;  // 0 presence, '=', '^', '$', '*', '~'
  std::string value;
};

struct Compound {
  std::string tag;  // lower-case; empty or "*" = any
  std::vector<std::string> classes;
  std::string id;
  std::vector<AttrTest> attrs;
};

struct Complex {
  std::vector<Compound> parts;   // left to right
  std::vector<char> combinators;  // between parts: ' ' or '>'
};

struct SelectorImpl {
  std::vector<Complex> alternatives;
};

namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Status Run(SelectorImpl* out) {
    for (;;) {
      Complex c;
      ADWATCH_RETURN_IF_ERROR(ParseComplex(&c));
      out->alternatives.push_back(std::move(c));
      SkipSpace();
      if (i_ == s_.size()) return Status::Ok();
      if (s_[i_] != ',') return Error("expected ',' or end");
      ++i_;
    }
  }

 private:
  Status Error(const std::string& what) const {
    return Status::InvalidArgument("selector \"" + std::string(s_) + "\" at " + std::to_string(i_ + 1) + ": " + what);
  }
  void SkipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  std::string Ident() {
    size_t b = i_;
    while (i_ < s_.size() && IsIdentChar(s_[i_])) ++i_;
    return std::string(s_.substr(b, i_ - b));
  }

  Status ParseComplex(Complex* c) {
    SkipSpace();
    for (;;) {
      Compound comp;
      ADWATCH_RETURN_IF_ERROR(ParseCompound(&comp));
      c->parts.push_back(std::move(comp));
      size_t before = i_;
      SkipSpace();
      if (i_ == s_.size() || s_[i_] == ',') return Status::Ok();
      if (s_[i_] == '>') {
        ++i_;
        SkipSpace();
        c->combinators.push_back('>');
      } else if (i_ > before) {
        c->combinators.push_back(' ');
      } else {
        return Error("unsupported syntax '" + std::string(1, s_[i_]) + "'");
      }
    }
  }

  Status ParseCompound(Compound* c) {
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '*') {
      ++i_;
      c->tag = "*";
    } else if (i_ < s_.size() && IsIdentChar(s_[i_])) {
      c->tag = Ident();
      std::transform(c->tag.begin(), c->tag.end(), c->tag.begin(), [](unsigned char ch) { return std::tolower(ch); });
    }
    while (i_ < s_.size()) {
      char ch = s_[i_];
      if (ch == '.' || ch == '#') {
        ++i_;
        std::string name = Ident();
        if (name.empty()) return Error("expected a name after '" + std::string(1, ch) + "'");
        if (ch == '.') c->classes.push_back(name);
        else c->id = name;
      } else if (ch == '[') {
        ++i_;
        AttrTest a;
        ADWATCH_RETURN_IF_ERROR(ParseAttr(&a));
        c->attrs.push_back(std::move(a));
      } else if (ch == ':') {
        return Error("pseudo-classes are not supported");
      } else {
        break;
      }
    }
    if (i_ == start) return Error("expected a selector");
    return Status::Ok();
  }

  Status ParseAttr(AttrTest* a) {
    SkipSpace();
    a->name = Ident();
    std::transform(a->name.begin(), a->name.end(), a->name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (a->name.empty()) return Error("expected an attribute name");
    SkipSpace();
    if (i_ >= s_.size()) return Error("unterminated '['");
    if (s_[i_] == ']') {
      ++i_;
      return Status::Ok();
    }
    char op = s_[i_];
    if (op == '=') {
      ++i_;
    } else if ((op == '^' || op == '$' || op == '*' || op == '~') && i_ + 1 < s_.size() && s_[i_ + 1] == '=') {
      i_ += 2;
    } else {
      return Error("unsupported attribute operator");
    }
    a->op = op;
    SkipSpace();
    if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
      char q = s_[i_++];
      size_t b = i_;
      while (i_ < s_.size() && s_[i_] != q) ++i_;
      if (i_ >= s_.size()) return Error("unterminated string");
      a->value = std::string(s_.substr(b, i_ - b));
      ++i_;
    } else {
      a->value = Ident();
    }
    SkipSpace();
    if (i_ >= s_.size() || s_[i_] != ']') return Error("expected ']'");
    ++i_;
    return Status::Ok();
  }

  std::string_view s_;
  size_t i_ = 0;
};

std::string TagName(const GumboNode* n) {
  GumboTag t = n->v.element.tag;
  if (t != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(t);
  GumboStringPiece p = n->v.element.original_tag;
  gumbo_tag_from_original_text(&p);
  std::string s(p.data, p.length);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

bool HasWord(const std::string& list, const std::string& word) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    size_t b = i;
    while (i < list.size() && !std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    if (i > b && list.compare(b, i - b, word) == 0 && i - b == word.size()) return true;
  }
  return false;
}

bool MatchCompound(const Compound& c, const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  if (!c.tag.empty() && c.tag != "*" && TagName(n) != c.tag) return false;
  if (!c.id.empty() && NodeAttr(n, "id") != c.id) return false;
  if (!c.classes.empty()) {
    std::string cls = NodeAttr(n, "class");
    for (const auto& k : c.classes)
      if (!HasWord(cls, k)) return false;
  }
  for (const auto& a : c.attrs) {
    bool found = false;
    std::string v = NodeAttr(n, a.name, &found);
    if (!found) return false;
    switch (a.op) {
      case 0: break;
      case '=': if (v != a.value) return false; break;
      case '^': if (a.value.empty() || v.rfind(a.value, 0) != 0) return false; break;
      case '$':
        if (a.value.empty() || v.size() < a.value.size() ||
            v.compare(v.size() - a.value.size(), a.value.size(), a.value) != 0)
          return false;
        break;
      case '*': if (a.value.empty() || v.find(a.value) == std::string::npos) return false; break;
      case '~': if (!HasWord(v, a.value)) return false; break;
    }
  }
  return true;
}

const GumboNode* ParentElement(const GumboNode* n) {
  const GumboNode* p = n->parent;
  return p && p->type == GUMBO_NODE_ELEMENT ? p : nullptr;
}

// Descendant combinators try every ancestor, so a deep page makes this
// costly (depth^parts at worst): it stops once the page's CPU budget is spent.
bool MatchFrom(const Complex& c, size_t i, const GumboNode* n) {
  if (CpuBudgetSpent() || !MatchCompound(c.parts[i], n)) return false;
  if (i == 0) return true;
  char comb = c.combinators[i - 1];
  if (comb == '>') {
    const GumboNode* p = ParentElement(n);
    return p && MatchFrom(c, i - 1, p);
  }
  for (const GumboNode* p = ParentElement(n); p; p = ParentElement(p))
    if (MatchFrom(c, i - 1, p)) return true;
  return false;
}

// Document order; fn returns false to stop. Iterative: the page decides the
// nesting depth, so recursion here could overflow the stack.
template <typename Fn>
void Walk(const GumboNode* root, Fn&& fn) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    if (CpuBudgetSpent()) return;  // the caller discards the page
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    if (n->type != GUMBO_NODE_DOCUMENT && !fn(n)) return;
    const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
  }
}

}  // namespace

Selector::Selector() : impl_(std::make_unique<SelectorImpl>()) {}
Selector::Selector(Selector&&) noexcept = default;
Selector& Selector::operator=(Selector&&) noexcept = default;
Selector::~Selector() = default;

Result<Selector> Selector::Parse(std::string_view css) {
  Selector s;
  Status st = Parser(css).Run(s.impl_.get());
  if (!st.ok()) return st;
  return s;
}

bool Selector::Matches(const GumboNode* n) const {
  for (const auto& c : impl_->alternatives)
    if (MatchFrom(c, c.parts.size() - 1, n)) return true;
  return false;
}

std::vector<const GumboNode*> Selector::SelectAll(const GumboNode* root) const {
  std::vector<const GumboNode*> out;
  Walk(root, [&](const GumboNode* n) {
    if (Matches(n)) out.push_back(n);  // each node visited once: no duplicates
    return true;
  });
  return out;
}

const GumboNode* Selector::SelectFirst(const GumboNode* root) const {
  const GumboNode* found = nullptr;
  Walk(root, [&](const GumboNode* n) {
    if (!Matches(n)) return true;
    found = n;
    return false;
  });
  return found;
}

}  // namespace adwatch
