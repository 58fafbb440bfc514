// Plain text from an ad page, for `adwatch analyze` on saved HTML.
//
// Not a general HTML parser (the crawler uses Gumbo): tags are dropped
// (block tags become line breaks), <script>/<style>/<head> contents are
// skipped, character references are decoded, and the targets of tel:,
// sms: and WhatsApp links are kept as text so the phone extractor sees them.
// The first <h1> (else <title>) is returned as the title. Never throws.
#pragma once

#include <string>
#include <string_view>

namespace adwatch {

struct HtmlText {
  std::string title;
  std::string text;
};

bool LooksLikeHtml(std::string_view s);
// Decodes HTML character references ("&amp;", "&#49;&#55;", "&eacute;");
// anything else is copied. Normalize (normalize.h) does this itself, with
// offsets kept; this is for code that wants plain decoded text.
std::string DecodeHtmlEntities(std::string_view s);
HtmlText HtmlToText(std::string_view html);

}  // namespace adwatch
