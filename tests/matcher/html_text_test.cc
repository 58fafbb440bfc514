#include "matcher/html_text.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

TEST(HtmlText, TextTitleLinksEntities) {
  std::string html =
      "<!doctype html><html><head><title>Site</title><style>p{}</style></head><body>"
      "<h1>Lisa &amp; Sanne</h1><script>var x='0612345678';</script>"
      "<p>Hoi&nbsp;daar, ik ben 19 jaar&#33;</p><a href=\"tel:+31612345678\">Bel</a>"
      "<a href='https://wa.me/31687654321'>app</a><!-- 0699999999 --></body></html>";
  ASSERT_TRUE(LooksLikeHtml(html));
  HtmlText t = HtmlToText(html);
  EXPECT_EQ(t.title, "Lisa & Sanne");
  EXPECT_NE(t.text.find("ik ben 19 jaar!"), std::string::npos) << t.text;
  EXPECT_NE(t.text.find("tel:+31612345678"), std::string::npos);
  EXPECT_NE(t.text.find("wa.me/31687654321"), std::string::npos);
  EXPECT_EQ(t.text.find("0699999999"), std::string::npos);
  EXPECT_EQ(t.text.find("var x"), std::string::npos);
}

TEST(HtmlText, DecodeHtmlEntities) {
  EXPECT_EQ(DecodeHtmlEntities("&#49;&#55; jaar &amp; lief"), "17 jaar & lief");
  EXPECT_EQ(DecodeHtmlEntities("caf&eacute; &Ouml; &#x20AC;5"), "caf\u00e9 \u00d6 \u20ac5");
  EXPECT_EQ(DecodeHtmlEntities("AT&T &bogus; & &#; &#xD800;"), "AT&T &bogus; & &#; &#xD800;");
}

TEST(HtmlText, PlainTextIsNotHtmlAndGarbageIsSafe) {
  EXPECT_FALSE(LooksLikeHtml("Hoi, ik ben Lisa <3 en 21 jaar"));
  (void)HtmlToText("<a href=");
  (void)HtmlToText("<<<>>>&#xFFFFFFFF;&#;&;<script>");
  EXPECT_EQ(HtmlToText("<title>T</title>").title, "T");
}

}  // namespace
}  // namespace adwatch
