// CSS selectors over Gumbo, JSON pointers, RE2 post-processing and the
// "profile broken" error, on pages shaped like the demo network's.
#include <gtest/gtest.h>

#include "crawler/extract.h"
#include "crawler/html.h"
#include "crawler/url.h"

namespace adwatch {
namespace {

const char* kDetail = R"(<html><head><title>t</title></head><body>
<article class="ad-detail main" data-ad-id="1000042" id="ad">
 <h1 class="ad-title">Lisa  in
   Geleen</h1>
 <dl class="ad-facts">
  <dt>Naam</dt><dd class="ad-name">Lisa</dd>
  <dt>Leeftijd</dt><dd class="ad-age">19 jaar</dd>
  <dt>Telefoon</dt><dd class="ad-phone">06-12345678</dd>
  <dd><time class="ad-posted" datetime="2026-10-18T14:00:00Z">18 oktober 2026</time></dd>
 </dl>
 <p class="ad-contact"><a class="tel-link" href="tel:+31612345678">Bel</a>
   <a class="wa-link" href="https://wa.me/31612345678">WA</a></p>
 <div class="ad-description"><p>Eerste regel<br>tweede regel</p>
   <p>Tweede   alinea.</p></div>
 <div class="ad-photos"><img src="/foto/1-1.jpg"><img src="foto/1-2.jpg"><img alt="no src"></div>
 <ul><li><a href="/a" rel="next nofollow">x</a></li><li><span><a href="/b">y</a></span></li></ul>
</article></body></html>)";

std::vector<std::string> Texts(const std::string& css, const char* html = kDetail) {
  auto doc = HtmlDocument::Parse(html);
  auto sel = Selector::Parse(css);
  EXPECT_TRUE(sel.ok()) << sel.status().ToString();
  std::vector<std::string> out;
  if (!sel.ok()) return out;
  for (const GumboNode* n : sel->SelectAll(doc->root())) out.push_back(NodeText(n));
  return out;
}

using V = std::vector<std::string>;

TEST(SelectorTest, SimpleSelectors) {
  EXPECT_EQ(Texts("h1"), V{"Lisa in Geleen"});
  EXPECT_EQ(Texts(".ad-name"), V{"Lisa"});
  EXPECT_EQ(Texts("dd.ad-age"), V{"19 jaar"});
  EXPECT_EQ(Texts("span.ad-age"), V{});
  EXPECT_EQ(Texts("#ad h1").size(), 1u);
  EXPECT_EQ(Texts("article.ad-detail.main > h1").size(), 1u);
  EXPECT_EQ(Texts("[data-ad-id]").size(), 1u);
  EXPECT_EQ(Texts("[data-ad-id=1000042]").size(), 1u);
  EXPECT_EQ(Texts("[data-ad-id='1000043']").size(), 0u);
  EXPECT_EQ(Texts("a[href^='tel:']"), V{"Bel"});
  EXPECT_EQ(Texts("a[href*=\"wa.me\"]"), V{"WA"});
  EXPECT_EQ(Texts("a[href$=\".me/31612345678\"]"), V{"WA"});
  EXPECT_EQ(Texts("a[rel~=next]"), V{"x"});
  EXPECT_EQ(Texts("*[class=ad-name]"), V{"Lisa"});
}

TEST(SelectorTest, CombinatorsAndLists) {
  EXPECT_EQ(Texts("ul a"), (V{"x", "y"}));  // descendant
  EXPECT_EQ(Texts("li > a"), V{"x"});       // child only
  EXPECT_EQ(Texts("ul > li > span > a"), V{"y"});
  EXPECT_EQ(Texts("article ul  li a"), (V{"x", "y"}));
  // A list yields document order, each node once.
  EXPECT_EQ(Texts("dd.ad-phone, .ad-name, dd"), (V{"Lisa", "19 jaar", "06-12345678", "18 oktober 2026"}));
}

TEST(SelectorTest, TextKeepsParagraphsAndLineBreaks) {
  EXPECT_EQ(Texts("div.ad-description"), V{"Eerste regel\ntweede regel\n\nTweede alinea."});
}

TEST(SelectorTest, RejectsUnsupportedSyntaxWithPosition) {
  for (const char* bad : {"", "a:hover", "a[", "a[x", "a[x|=y]", "a + b", "a ~ b", "..x", "a[x='y]", ",a"}) {
    auto s = Selector::Parse(bad);
    EXPECT_FALSE(s.ok()) << bad;
  }
  EXPECT_NE(Selector::Parse("a:hover").status().message().find("at 2"), std::string::npos);
}

TEST(SelectorTest, SurvivesGarbage) {
  std::string junk;
  uint32_t x = 12345;
  for (int i = 0; i < 2000; ++i) {
    x = x * 1103515245 + 12345;
    junk.push_back(static_cast<char>((x >> 16) & 0xff));
    (void)Selector::Parse(junk.substr(junk.size() > 20 ? junk.size() - 20 : 0));
  }
  auto doc = HtmlDocument::Parse(junk);  // invalid UTF-8 is repaired first
  EXPECT_NE(doc->root(), nullptr);
}

// Pages decide their own nesting. Gumbo itself is super-linear on deep pages
// (100,000 nested <div>s took 45 s), so such pages are refused before they are
// parsed, and what is parsed is walked without recursion.
TEST(SelectorTest, NestingEstimateSeesDepthCheaply) {
  EXPECT_EQ(HtmlNestingEstimate("<html><body><p>a<br>b<img src=x></p></body></html>"), 3);
  EXPECT_EQ(HtmlNestingEstimate("<div><!-- <div><div> --><script>if (a<b) '<div>'</script></div>"), 2);
  EXPECT_EQ(HtmlNestingEstimate("<div/><div></div>"), 1);
  std::string deep;
  for (int i = 0; i < 900000; ++i) deep += "<b>";
  EXPECT_GT(HtmlNestingEstimate(deep), kMaxHtmlDepth);  // returns as soon as it passes the limit
}

TEST(SelectorTest, TextAndSelectorsWalkWithoutRecursion) {
  std::string html = "<html><body>";
  for (int i = 0; i < kMaxHtmlDepth - 10; ++i) html += "<div>";
  html += "<p class=deep>bodem</p></body></html>";
  ASSERT_LE(HtmlNestingEstimate(html), kMaxHtmlDepth);
  auto doc = HtmlDocument::Parse(html);
  ASSERT_NE(doc->root(), nullptr);
  EXPECT_NE(NodeText(doc->root()).find("bodem"), std::string::npos);
  auto sel = Selector::Parse("p.deep");
  ASSERT_TRUE(sel.ok());
  const GumboNode* p = sel->SelectFirst(doc->root());
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(NodeText(p), "bodem");
}

TEST(Utf8Test, RepairsWindows1252) {
  EXPECT_EQ(EnsureUtf8("caf\xe9 \x80 5"), "caf\xc3\xa9 \xe2\x82\xac 5");
  EXPECT_EQ(EnsureUtf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(EnsureUtf8("\xed\xa0\x80"), "\xc3\xad\xc2\xa0\xe2\x82\xac");  // surrogate: not UTF-8
}

TEST(UrlTest, Resolves) {
  EXPECT_EQ(ResolveUrl("http://h:1/regio/x?page=2", "?page=3"), "http://h:1/regio/x?page=3");
  EXPECT_EQ(ResolveUrl("http://h:1/regio/x", "/advertentie/5#top"), "http://h:1/advertentie/5");
  EXPECT_EQ(ResolveUrl("http://h:1/a/b", "c"), "http://h:1/a/c");
  EXPECT_EQ(ResolveUrl("http://h:1/a/b", "javascript:alert(1)"), "");
  EXPECT_EQ(UrlOrigin("http://h:1/a?b"), "http://h:1");
  EXPECT_EQ(UrlPathAndQuery("http://h:1/a?b=1"), "/a?b=1");
}

FieldRule Css(const std::string& s, bool all = false, const std::string& re = "") {
  FieldRule r;
  r.selector = s;
  r.all = all;
  r.regex = re;
  return r;
}
FieldRule Json(const std::string& s, bool all = false, const std::string& re = "") {
  FieldRule r;
  r.json_pointer = s;
  r.all = all;
  r.regex = re;
  return r;
}

TEST(ExtractTest, HtmlAdFieldByField) {
  SiteConfig site;
  site.name = "demo-html";
  site.fields = {{"id", Css("article[data-ad-id]@data-ad-id")},
                 {"title", Css("h1.ad-title")},
                 {"text", Css("div.ad-description")},
                 {"name", Css("dd.ad-name")},
                 {"age", Css("dd.ad-age", false, R"((\d+))")},
                 {"phones", Css("dd.ad-phone, a.tel-link@href, a.wa-link@href", true,
                                R"(^(?:tel:|https?://wa\.me/)?(.+)$)")},
                 {"posted", Css("time.ad-posted@datetime")},
                 {"photos", Css(".ad-photos img@src", true)}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto page = ParsePage(*p, "http://127.0.0.1:9/advertentie/1000042", "text/html", kDetail);
  ASSERT_TRUE(page.ok());
  auto ad = ExtractAd(*p, *page);
  ASSERT_TRUE(ad.ok()) << ad.status().ToString();
  EXPECT_EQ(ad->id, "1000042");
  EXPECT_EQ(ad->url, "http://127.0.0.1:9/advertentie/1000042");
  EXPECT_EQ(ad->title, "Lisa in Geleen");
  EXPECT_EQ(ad->name, "Lisa");
  EXPECT_EQ(ad->stated_age, "19");
  EXPECT_EQ(ad->posted, "2026-10-18T14:00:00Z");
  EXPECT_EQ(ad->phones, (V{"06-12345678", "+31612345678", "31612345678"}));
  EXPECT_EQ(ad->photos, (V{"http://127.0.0.1:9/foto/1-1.jpg", "http://127.0.0.1:9/advertentie/foto/1-2.jpg"}));
  EXPECT_EQ(ad->site, "demo-html");
}

TEST(ExtractTest, BrokenProfileIsReported) {
  SiteConfig site;
  site.name = "demo-html";
  site.fields = {{"id", Css("article[data-ad-id]@data-id")}, {"title", Css("h1")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok());
  auto page = ParsePage(*p, "http://x/1", "text/html", kDetail);
  auto ad = ExtractAd(*p, *page);
  ASSERT_FALSE(ad.ok());
  EXPECT_NE(ad.status().message().find("profile broken"), std::string::npos);
  EXPECT_NE(ad.status().message().find("http://x/1"), std::string::npos);
}

TEST(ExtractTest, ProfileErrorsNameTheField) {
  SiteConfig site;
  site.name = "s";
  site.fields = {{"id", Css("a[")}};
  EXPECT_NE(CompileProfile(site).status().message().find("id"), std::string::npos);
  site.fields = {{"id", Css("a")}, {"colour", Css("b")}};
  EXPECT_NE(CompileProfile(site).status().message().find("colour"), std::string::npos);
  site.fields = {{"id", Css("a", false, "(")}};
  EXPECT_NE(CompileProfile(site).status().message().find("bad regex"), std::string::npos);
  site.fields = {{"title", Css("a")}};
  EXPECT_NE(CompileProfile(site).status().message().find("id is required"), std::string::npos);
}

TEST(ExtractTest, JsonApiListingAndDetail) {
  SiteConfig site;
  site.name = "demo-api";
  site.kind = "json";
  site.ad_links = Json("/items/*/api_url", true);
  site.next_page = Json("/next_page");
  site.fields = {{"id", Json("/id")}, {"url", Json("/url")}, {"title", Json("/title")},
                 {"age", Json("/advertiser/age")}, {"phones", Json("/contact/*", true, R"(^(?:https://wa\.me/)?(.+)$)")},
                 {"photos", Json("/photos", true)}, {"price", Json("/rates/0/price_eur")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto list = ParsePage(*p, "http://h/api/v1/ads?page=1", "application/json",
                        R"({"next_page":"http://h/api/v1/ads?page=2","items":[{"api_url":"http://h/api/v1/ads/1"},
                           {"api_url":"/api/v1/ads/2"},{"api_url":"http://h/api/v1/ads/1"}]})");
  ASSERT_TRUE(list.ok());
  Listing l = ExtractListing(*p, *list);
  EXPECT_EQ(l.ad_urls, (V{"http://h/api/v1/ads/1", "http://h/api/v1/ads/2"}));
  EXPECT_EQ(l.next_url, "http://h/api/v1/ads?page=2");
  auto last = ParsePage(*p, "http://h/x", "application/json", R"({"next_page":null,"items":[]})");
  EXPECT_EQ(ExtractListing(*p, *last).next_url, "");

  auto detail = ParsePage(*p, "http://h/api/v1/ads/1", "application/json",
                          R"({"id":"2000042","url":"http://h/profiel/2000042","title":"T","advertiser":{"age":19},
                             "contact":{"phone":"+31 6 12345678","whatsapp":null},"photos":["/foto/1.jpg"],
                             "rates":[{"price_eur":80}]})");
  auto ad = ExtractAd(*p, *detail);
  ASSERT_TRUE(ad.ok()) << ad.status().ToString();
  EXPECT_EQ(ad->url, "http://h/profiel/2000042");
  EXPECT_EQ(ad->stated_age, "19");
  EXPECT_EQ(ad->phones, V{"+31 6 12345678"});
  EXPECT_EQ(ad->photos, V{"http://h/foto/1.jpg"});
  EXPECT_EQ(ad->price, "80");
  EXPECT_FALSE(ParsePage(*p, "http://h/x", "application/json", "{broken").ok());
}

// A JSON API whose listing gives ids only: the detail URL is made from each id.
TEST(ExtractTest, JsonApiDetailUrlFromListedIds) {
  SiteConfig site;
  site.name = "ids-api";
  site.kind = "json";
  site.listing_ids = Json("/data/*/id", true);
  site.detail_url_template = "/api/ad/{id}?full=1";
  site.fields = {{"id", Json("/id")}, {"text", Json("/body")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto list = ParsePage(*p, "https://h/api/ads?p=1", "application/json",
                        R"({"data":[{"id":17},{"id":"a b/../x"},{"id":17}]})");
  ASSERT_TRUE(list.ok());
  Listing l = ExtractListing(*p, *list);
  // Numbers and strings alike; an id cannot climb out of the path.
  EXPECT_EQ(l.ad_urls, (V{"https://h/api/ad/17?full=1", "https://h/api/ad/a%20b%2F..%2Fx?full=1"}));
  EXPECT_EQ(l.ids, (V{"17", "a b/../x"}));

  site.detail_url_template = "/api/ad/";  // no {id}
  EXPECT_FALSE(CompileProfile(site).ok());
  site.detail_url_template = "/api/ad/{id}";
  site.listing_ids = {};
  EXPECT_FALSE(CompileProfile(site).ok());  // nothing to fill it with
}

// Whole ads on the listing itself: a JSON API that returns complete ads.
TEST(ExtractTest, AdItemsFromAJsonList) {
  SiteConfig site;
  site.name = "list-api";
  site.kind = "json";
  site.ad_items = Json("/results/*");
  site.next_page = Json("/links/next");
  site.fields = {{"id", Json("/uuid")}, {"title", Json("/headline")}, {"text", Json("/body")},
                 {"phones", Json("/phones", true)}, {"url", Json("/permalink")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto list = ParsePage(*p, "https://h/api/search?page=3", "application/json",
                        R"({"links":{"next":"/api/search?page=4"},"results":[
                           {"uuid":"a1","headline":"Lisa","body":"Nieuw","phones":["+31612345678"],"permalink":"/p/a1"},
                           {"uuid":"a2","headline":"Mia","body":"Hoi"},
                           {"headline":"no id"}, 7]})");
  ASSERT_TRUE(list.ok());
  Listing l = ExtractListing(*p, *list);
  ASSERT_EQ(l.ads.size(), 2u);
  EXPECT_EQ(l.ads[0].id, "a1");
  EXPECT_EQ(l.ads[0].url, "https://h/p/a1");
  EXPECT_EQ(l.ads[0].phones, V{"+31612345678"});
  EXPECT_EQ(l.ads[1].url, "https://h/api/search?page=3");  // no permalink: the listing
  EXPECT_EQ(l.ids, (V{"a1", "a2"}));                     // listed, so never swept as vanished
  ASSERT_EQ(l.broken.size(), 1u);                          // the item without an id, named
  EXPECT_NE(l.broken[0].find("extracted no id"), std::string::npos);
  EXPECT_EQ(l.next_url, "https://h/api/search?page=4");
  EXPECT_TRUE(l.ad_urls.empty());
}

// An HTML listing without detail pages: selectors read within each item.
TEST(ExtractTest, AdItemsFromAnHtmlListing) {
  SiteConfig site;
  site.name = "cards";
  site.kind = "html";
  site.ad_items = Css("div.card");
  site.fields = {{"id", Css("div.card@data-id")}, {"title", Css("h3")}, {"text", Css("p.body")},
                 {"phones", Css("a[href^='tel:']@href", true)}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto list = ParsePage(*p, "http://h/list", "text/html",
                        R"(<div class="card" data-id="1"><h3>Anna</h3><p class="body">Nieuw in Heerlen</p>
                           <a href="tel:+31611111111">bel</a></div>
                           <div class="card" data-id="2"><h3>Eva</h3><p class="body">Ook nieuw</p></div>)");
  ASSERT_TRUE(list.ok());
  Listing l = ExtractListing(*p, *list);
  ASSERT_EQ(l.ads.size(), 2u);
  EXPECT_EQ(l.ads[0].title, "Anna");
  EXPECT_EQ(l.ads[0].phones, V{"tel:+31611111111"});
  EXPECT_EQ(l.ads[1].title, "Eva");  // not Anna's title: each item on its own
  EXPECT_TRUE(l.ads[1].phones.empty());
}

TEST(ExtractTest, EmbeddedJsonInScript) {
  SiteConfig site;
  site.name = "demo-next";
  site.kind = "embedded-json";
  site.ad_links = Json("/props/pageProps/listing/ads/*/href", true);
  site.next_page = Css("a[rel=next]@href");
  site.fields = {{"id", Json("/props/pageProps/ad/id")}, {"title", Json("/props/pageProps/ad/title")},
                 {"photos", Json("/props/pageProps/ad/images/*/src", true)}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::string html = R"(<html><body><div id="__next"><a rel="next" href="/ads?page=3">n</a></div>
    <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"listing":{"ads":[{"href":"/ad/lisa-3"}]},
    "ad":{"id":"3","title":"<b>T</b>","images":[{"src":"/uploads/3-1.jpg"}]}}}}</script></body></html>)";
  auto page = ParsePage(*p, "http://h/ads?page=2", "text/html", html);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  Listing l = ExtractListing(*p, *page);
  EXPECT_EQ(l.ad_urls, V{"http://h/ad/lisa-3"});
  EXPECT_EQ(l.next_url, "http://h/ads?page=3");
  auto ad = ExtractAd(*p, *page);
  ASSERT_TRUE(ad.ok());
  EXPECT_EQ(ad->title, "<b>T</b>");
  EXPECT_EQ(ad->photos, V{"http://h/uploads/3-1.jpg"});
  EXPECT_FALSE(ParsePage(*p, "http://h/", "text/html", "<html></html>").ok());
}

TEST(ExtractTest, DeepPagesAreRefusedWithTheirUrl) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>bodem</p></body></html>";
  SiteConfig site;
  site.name = "s";
  site.fields = {{"id", Css("p")}, {"text", Css("p")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto page = ParsePage(*p, "http://127.0.0.1:1/ad/1", "text/html", html);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("http://127.0.0.1:1/ad/1"), std::string::npos);
  EXPECT_NE(page.status().message().find("deep"), std::string::npos);
}

// A cursor API: next_page gives a token, next_page_template makes the URL.
TEST(ExtractTest, CursorPaginationThroughNextPageTemplate) {
  SiteConfig site;
  site.name = "cursor-api";
  site.kind = "json";
  site.listing_ids = Json("/data/items/*/id", true);
  site.detail_url_template = "/api/v3/listings/{id}";
  site.next_page = Json("/paging/next_cursor");
  site.next_page_template = "?limit=8&cursor={next}";
  site.fields = {{"id", Json("/listing/id")}, {"text", Json("/listing/body")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto list = ParsePage(*p, "http://h/api/v3/listings?limit=8", "application/json",
                        R"({"data":{"items":[{"id":"a1"}]},"paging":{"next_cursor":"eyJvIjo4fQ=="}})");
  ASSERT_TRUE(list.ok());
  Listing l = ExtractListing(*p, *list);
  // The token is percent-encoded and replaces the query; the base path stays.
  EXPECT_EQ(l.next_url, "http://h/api/v3/listings?limit=8&cursor=eyJvIjo4fQ%3D%3D");
  EXPECT_EQ(l.ad_urls, V{"http://h/api/v3/listings/a1"});

  // The last page: null cursor, no next page.
  auto last = ParsePage(*p, l.next_url, "application/json", R"({"data":{"items":[]},"paging":{"next_cursor":null}})");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(ExtractListing(*p, *last).next_url, "");

  // A page number works the same way.
  site.next_page_template = "/api/v3/listings?page={next}";
  auto numbered = CompileProfile(site);
  ASSERT_TRUE(numbered.ok());
  auto page2 = ParsePage(*numbered, "http://h/api/v3/listings", "application/json", R"({"paging":{"next_cursor":2}})");
  ASSERT_TRUE(page2.ok());
  EXPECT_EQ(ExtractListing(*numbered, *page2).next_url, "http://h/api/v3/listings?page=2");

  site.next_page_template = "?cursor=";  // no {next}
  EXPECT_FALSE(CompileProfile(site).ok());
  site.next_page_template = "?cursor={next}";
  site.next_page = {};
  EXPECT_FALSE(CompileProfile(site).ok());  // nothing to fill it with
}

// A description split over several <p>: with all = true the paragraphs are
// joined, so text = "div.card-body p" leaves out the title and badges around them.
TEST(ExtractTest, TextFromSeveralParagraphs) {
  SiteConfig site;
  site.name = "cards";
  site.ad_items = Css("div.card");
  site.fields = {{"id", Css("div.card@data-id")}, {"text", Css("div.body p", true)},
                 {"title", Css("h3", true)}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto page = ParsePage(*p, "http://h/", "text/html",
                        R"(<div class="card" data-id="c1"><div class="body"><h3>Titel</h3><h3>Tweede</h3>)"
                        R"(<span>21</span><span>Eupen</span><p>Eerste alinea.</p><p>Tweede &amp; laatste.</p></div></div>)");
  ASSERT_TRUE(page.ok());
  Listing l = ExtractListing(*p, *page);
  ASSERT_EQ(l.ads.size(), 1u);
  EXPECT_EQ(l.ads[0].text, "Eerste alinea.\n\nTweede & laatste.");
  EXPECT_EQ(l.ads[0].title, "Titel");  // other fields keep the first value
}

// tel: links written with percent-escapes reach the matcher as the page shows them.
TEST(ExtractTest, TelLinksArePercentDecoded) {
  SiteConfig site;
  site.name = "tel";
  site.fields = {{"id", Css("main@data-id")}, {"text", Css("main p")},
                 {"phones", Css("a[href^='tel:']@href, a[href^='TEL:']@href, a.wa@href", true)}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto page = ParsePage(*p, "http://h/ad/1", "text/html",
                        R"(<main data-id="1"><p>x</p><a href="tel:06%2012%2034%2056%2078">Bel</a>)"
                        R"(<a href="TEL:%2B32%20470%2012%2034%2056">Bel</a><a href="tel:%zz1">?</a>)"
                        R"(<a class="wa" href="https://wa.me/31612345678?text=Hoi%20daar">WA</a></main>)");
  ASSERT_TRUE(page.ok());
  auto ad = ExtractAd(*p, *page);
  ASSERT_TRUE(ad.ok()) << ad.status().ToString();
  // Only tel: links are decoded; a broken escape stays as written.
  EXPECT_EQ(ad->phones, (V{"tel:06 12 34 56 78", "TEL:+32 470 12 34 56", "tel:%zz1",
                           "https://wa.me/31612345678?text=Hoi%20daar"}));
}

// A site whose ad id is only in the address: "@url" reads the page's URL.
TEST(ExtractTest, IdFromThePageUrl) {
  SiteConfig site;
  site.name = "url-id";
  site.fields = {{"id", Css("@url", false, R"(/advertentie/(\d+)-)")}, {"text", Css("div.tekst")},
                 {"url", Css("@url")}};
  auto p = CompileProfile(site);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto page = ParsePage(*p, "http://h/advertentie/5113-mireille-meerssen.html", "text/html",
                        R"(<div class="tekst">Hallo</div>)");
  ASSERT_TRUE(page.ok());
  auto ad = ExtractAd(*p, *page);
  ASSERT_TRUE(ad.ok()) << ad.status().ToString();
  EXPECT_EQ(ad->id, "5113");
  EXPECT_EQ(ad->url, "http://h/advertentie/5113-mireille-meerssen.html");

  // An address that does not fit the regex gives no id: the profile is broken there.
  auto other = ParsePage(*p, "http://h/zoeken?q=x", "text/html", R"(<div class="tekst">Hallo</div>)");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(ExtractAd(*p, *other).ok());
  // "@url" after an element is that element's url attribute, as before.
  site.fields["id"] = Css("div@url");
  auto q = CompileProfile(site);
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->fields.at("id").page_url);
}

}  // namespace
}  // namespace adwatch
