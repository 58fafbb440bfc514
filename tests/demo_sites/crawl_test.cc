// Integration tests: crawl each demo site over real HTTP with libcurl and
// compare what the pages say with the ground truth.
#include <set>

#include <gtest/gtest.h>

#include "tests/demo_sites/test_support.h"

namespace adwatch::demo::testing {
namespace {

using Json = nlohmann::json;

// True when a shown phone (any format) is the ground-truth E.164 number.
bool SamePhone(const std::string& shown, const std::string& e164) {
  std::string d = Digits(shown), g = Digits(e164);
  if (d == g) return true;
  if (d.rfind("00", 0) == 0 && d.substr(2) == g) return true;
  if (d.rfind("0", 0) == 0 && "31" + d.substr(1) == g) return true;
  if (d.size() > 3 && d.rfind("00", 0) != 0 && d[2] == '0') {  // "+49 (0)170 …"
    return d.substr(0, 2) + d.substr(3) == g;
  }
  return false;
}

std::string Unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (size_t i = 0; (i = s.find(from, i)) != std::string::npos; i += 1) s.replace(i, std::string(from).size(), to);
  }
  return s;
}

class DemoCrawl : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartDemo({"--seed", "5", "--ads", "600"});
    ASSERT_NE(server_, nullptr);
    ASSERT_TRUE(server_->gt.is_object());
  }
  std::unique_ptr<DemoServer> server_;
};

TEST_F(DemoCrawl, PrintsItsPortsAndServesTheGroundTruth) {
  EXPECT_EQ(server_->lines[1].rfind("site demo-html http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(server_->lines[2].rfind("site demo-api http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(server_->lines[3].rfind("site demo-next http://127.0.0.1:", 0), 0u);
  std::set<std::string> distinct(server_->origins.begin(), server_->origins.end());
  distinct.insert(server_->control);
  EXPECT_EQ(distinct.size(), 4u);
  Fetched f = Fetch(server_->control + "/control/ground-truth");
  ASSERT_EQ(f.status, 200);
  EXPECT_EQ(Json::parse(f.body), server_->gt);
  EXPECT_EQ(server_->gt["sites"]["demo-api"], server_->origins[1]);
}

TEST_F(DemoCrawl, HtmlSiteListingsAndDetailPagesMatchGroundTruth) {
  const std::string& origin = server_->origins[0];
  std::set<std::string> found;
  for (const char* region : {"zuid-limburg", "nederland", "belgie", "duitsland"}) {
    std::string url = origin + "/regio/" + region;
    int pages = 0;
    while (!url.empty()) {
      ASSERT_LT(++pages, 200) << "pagination does not terminate";
      Fetched f = Fetch(url);
      ASSERT_EQ(f.status, 200) << url;
      for (const auto& href : FindAll(f.body, "<a class=\"ad-link\" href=\"([^\"]+)\"")) {
        EXPECT_TRUE(found.insert(origin + href).second) << "listed twice: " << href;
      }
      auto next = FindAll(f.body, "<a class=\"next\" rel=\"next\" href=\"([^\"]+)\"");
      url = next.empty() ? "" : origin + next[0];
    }
    Fetched beyond = Fetch(origin + "/regio/" + std::string(region) + "?page=" + std::to_string(pages + 1));
    EXPECT_EQ(beyond.status, 404);
  }
  auto live = LiveAds(server_->gt, "demo-html", 0);
  std::set<std::string> expected;
  for (const auto& [url, ad] : live) expected.insert(url);
  EXPECT_EQ(found, expected);

  int phones_checked = 0;
  for (const auto& [url, ad] : live) {
    Fetched f = Fetch(url);
    ASSERT_EQ(f.status, 200) << url;
    auto name = FindAll(f.body, "<dd class=\"ad-name\">([^<]*)</dd>");
    auto city = FindAll(f.body, "<dd class=\"ad-city\">([^<]*)</dd>");
    ASSERT_EQ(name.size(), 1u) << url;
    EXPECT_EQ(Unescape(city.at(0)), ad["place"].get<std::string>()) << url;
    EXPECT_EQ(Unescape(name.at(0)), ad["name"].get<std::string>()) << url;
    auto age = FindAll(f.body, "<dd class=\"ad-age\">([0-9]+)");
    if (ad["age_field"].get<bool>()) {
      EXPECT_EQ(std::stoi(age.at(0)), ad["age"].get<int>()) << url;
    }
    auto canonical = FindAll(f.body, "<link rel=\"canonical\" href=\"([^\"]+)\"");
    EXPECT_EQ(canonical.at(0), url);
    for (const auto& shown : FindAll(f.body, "<dd class=\"ad-phone\">([^<]*)</dd>")) {
      EXPECT_TRUE(SamePhone(shown, ad["phones"][0].get<std::string>())) << shown;
      ++phones_checked;
    }
    for (const auto& tel : FindAll(f.body, "href=\"tel:([^\"]+)\"")) EXPECT_EQ(tel, ad["phones"][0]);
    if (ad["phone_display"].size() == 1 && ad["phone_display"][0] == "text_obfuscated") {
      EXPECT_EQ(f.body.find(Digits(ad["phones"][0].get<std::string>()).substr(3)), std::string::npos) << url;
    }
  }
  EXPECT_GT(phones_checked, 50);
}

TEST_F(DemoCrawl, ApiSiteJsonMatchesGroundTruth) {
  const std::string& origin = server_->origins[1];
  std::map<std::string, Json> items;
  std::string url = origin + "/api/v1/ads";
  int pages = 0;
  while (!url.empty()) {
    ASSERT_LT(++pages, 100);
    Fetched f = Fetch(url);
    ASSERT_EQ(f.status, 200) << url;
    EXPECT_NE(f.headers["content-type"].find("application/json"), std::string::npos);
    Json page = Json::parse(f.body);
    for (const auto& item : page["items"]) items[item["url"].get<std::string>()] = item;
    url = page["next_page"].is_null() ? "" : page["next_page"].get<std::string>();
  }
  auto live = LiveAds(server_->gt, "demo-api", 0);
  ASSERT_EQ(items.size(), live.size());
  for (const auto& [u, ad] : live) {
    ASSERT_TRUE(items.count(u)) << u;
    Fetched f = Fetch(items[u]["api_url"].get<std::string>());
    ASSERT_EQ(f.status, 200);
    Json d = Json::parse(f.body);
    EXPECT_EQ(d["url"], u);
    EXPECT_EQ(d["advertiser"]["name"], ad["name"]);
    EXPECT_EQ(d["location"]["city"], ad["place"]);
    if (ad["age_field"].get<bool>()) {
      EXPECT_EQ(d["advertiser"]["age"], ad["age"]);
    }
    if (!d["contact"]["phone"].is_null()) {
      EXPECT_TRUE(SamePhone(d["contact"]["phone"].get<std::string>(), ad["phones"][0].get<std::string>()));
    }
    EXPECT_EQ(Fetch(u).status, 200) << "public page " << u;
  }
  EXPECT_EQ(Fetch(origin + "/api/v1/ads/2999999").status, 404);
}

TEST_F(DemoCrawl, NextSiteEmbedsItsDataAsJson) {
  const std::string& origin = server_->origins[2];
  std::set<std::string> found;
  std::string url = origin + "/ads";
  int pages = 0;
  while (!url.empty()) {
    ASSERT_LT(++pages, 100);
    Fetched f = Fetch(url);
    ASSERT_EQ(f.status, 200) << url;
    Json data = NextData(f.body);
    ASSERT_TRUE(data.is_object()) << url;
    const Json& listing = data["props"]["pageProps"]["listing"];
    for (const auto& ad : listing["ads"]) found.insert(origin + ad["href"].get<std::string>());
    url = listing["nextPage"].is_null() ? "" : origin + "/ads?page=" + std::to_string(listing["nextPage"].get<int>());
  }
  auto live = LiveAds(server_->gt, "demo-next", 0);
  std::set<std::string> expected;
  for (const auto& [u, ad] : live) expected.insert(u);
  EXPECT_EQ(found, expected);
  for (const auto& [u, ad] : live) {
    Fetched f = Fetch(u);
    ASSERT_EQ(f.status, 200) << u;
    Json data = NextData(f.body);
    const Json& a = data["props"]["pageProps"]["ad"];
    EXPECT_EQ(a["canonical"], u);
    EXPECT_EQ(a["profile"]["displayName"], ad["name"]);
    EXPECT_EQ(a["city"]["name"], ad["place"]);
    EXPECT_EQ(a["city"]["municipality"], ad["municipality"]);
  }
  // A wrong slug redirects to the canonical URL.
  const std::string first = *expected.begin();
  std::string id = first.substr(first.rfind('-') + 1);
  Fetched moved = Fetch(origin + "/ad/wrong-" + id);
  EXPECT_EQ(moved.status, 308);
  EXPECT_EQ(origin + moved.headers["location"], first);
}

TEST_F(DemoCrawl, TownListingsOnEverySiteListThatTownsAds) {
  struct Town {
    std::string name, slug, region;
  };
  for (const Town& t : {Town{"Maastricht", "maastricht", "zuid-limburg"}, Town{"Geleen", "geleen", "zuid-limburg"},
                        Town{"Aachen", "aachen", "duitsland"}}) {
    const std::string& town = t.name;
    const std::string& slug = t.slug;
    const std::string& region = t.region;
    std::map<std::string, std::set<std::string>> expected, found;
    for (const auto& ad : server_->gt["ads"]) {
      if (ad["place"] == town && ad["epochs"][0] == 0) expected[ad["site"]].insert(ad["url"].get<std::string>());
    }
    // demo-html: /regio/<region>/<town>
    for (std::string url = server_->origins[0] + "/regio/" + region + "/" + slug; !url.empty();) {
      Fetched f = Fetch(url);
      ASSERT_EQ(f.status, 200) << url;
      for (const auto& href : FindAll(f.body, "<a class=\"ad-link\" href=\"([^\"]+)\"")) found["demo-html"].insert(server_->origins[0] + href);
      auto next = FindAll(f.body, "<a class=\"next\" rel=\"next\" href=\"([^\"]+)\"");
      url = next.empty() ? "" : server_->origins[0] + next[0];
    }
    // demo-api: ?city=<town>
    for (std::string url = server_->origins[1] + "/api/v1/ads?city=" + slug; !url.empty();) {
      Json page = Json::parse(Fetch(url).body);
      for (const auto& item : page["items"]) found["demo-api"].insert(item["url"].get<std::string>());
      url = page["next_page"].is_null() ? "" : page["next_page"].get<std::string>();
    }
    // demo-next: /plaats/<town>
    for (int p = 1;; ++p) {
      Json data = NextData(Fetch(server_->origins[2] + "/plaats/" + slug + "?page=" + std::to_string(p)).body);
      const Json& listing = data["props"]["pageProps"]["listing"];
      for (const auto& ad : listing["ads"]) found["demo-next"].insert(server_->origins[2] + ad["href"].get<std::string>());
      if (listing["nextPage"].is_null()) break;
    }
    for (const char* site : {"demo-html", "demo-api", "demo-next"}) EXPECT_EQ(found[site], expected[site]) << town << " " << site;
    EXPECT_FALSE(expected["demo-html"].empty() && expected["demo-api"].empty()) << town;
  }
  EXPECT_EQ(Fetch(server_->origins[0] + "/regio/duitsland/maastricht").status, 404);  // wrong region
}

TEST_F(DemoCrawl, RobotsSitemapsValidatorsAndGzip) {
  for (size_t s = 0; s < 3; ++s) {
    const std::string& origin = server_->origins[s];
    Fetched robots = Fetch(origin + "/robots.txt");
    ASSERT_EQ(robots.status, 200);
    EXPECT_NE(robots.body.find("Sitemap: " + origin + "/sitemap.xml"), std::string::npos);
    Fetched index = Fetch(origin + "/sitemap.xml");
    auto maps = FindAll(index.body, "<loc>([^<]+)</loc>");
    ASSERT_FALSE(maps.empty());
    std::set<std::string> locs;
    for (const auto& m : maps) {
      for (const auto& loc : FindAll(Fetch(m).body, "<loc>([^<]+)</loc>")) locs.insert(loc);
    }
    static const char* kSites[] = {"demo-html", "demo-api", "demo-next"};
    auto live = LiveAds(server_->gt, kSites[s], 0);
    EXPECT_EQ(locs.size(), live.size());
    for (const auto& loc : locs) EXPECT_TRUE(live.count(loc)) << loc;

    const std::string page = *locs.begin();
    Fetched plain = Fetch(page);
    ASSERT_EQ(plain.status, 200);
    ASSERT_FALSE(plain.headers["etag"].empty());
    ASSERT_FALSE(plain.headers["last-modified"].empty());
    EXPECT_EQ(Fetch(page, {{"If-None-Match: " + plain.headers["etag"]}}).status, 304);
    EXPECT_EQ(Fetch(page, {{"If-Modified-Since: " + plain.headers["last-modified"]}}).status, 304);
    EXPECT_EQ(Fetch(page, {{"If-None-Match: \"0000000000000000\""}}).status, 200);
    FetchOptions gz;
    gz.decode = true;
    Fetched zipped = Fetch(page, gz);
    EXPECT_EQ(zipped.headers["content-encoding"], "gzip");
    EXPECT_EQ(zipped.body, plain.body);
    EXPECT_NE(zipped.headers["etag"], plain.headers["etag"]);
    FetchOptions head;
    head.head = true;
    Fetched h = Fetch(page, head);
    EXPECT_EQ(h.status, 200);
    EXPECT_TRUE(h.body.empty());
    EXPECT_EQ(h.headers["content-length"], std::to_string(plain.body.size()));
    EXPECT_EQ(Fetch(page).body, plain.body);  // the connection is still in sync
  }
}

}  // namespace
}  // namespace adwatch::demo::testing
