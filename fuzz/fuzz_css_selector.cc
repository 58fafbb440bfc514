// The CSS selector parser, and a parsed selector run over a small document.
#include <cstddef>
#include <cstdint>
#include <string>

#include "crawler/html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto doc = adwatch::HtmlDocument::Parse(
      "<html><body><article class='ad-card' data-ad-id='7'><a class='ad-link' href='/ad/7'>x</a>"
      "<dl><dd class='ad-phone'>06 1234 5678</dd></dl><ul><li>a</li><li>b<b>c</b></li></ul></article></body></html>");
  auto sel = adwatch::Selector::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (sel.ok() && doc) (void)sel->SelectAll(doc->root());
  return 0;
}
