// The demo ad network's content generator: synthetic sex-work ads for three
// demo sites, deterministic from (seed, ad index), with planted risk patterns
// and the ground truth that says which ads form which pattern.
//
// Contract:
// - Every fact of ad i at epoch e is a pure function of (seed, ads, i, e):
//   nothing is stored per ad, so --ads 1,000,000 costs no memory per ad. Only
//   the plan of planted patterns (a few hundred ads) is kept in memory.
// - Ad i lives on site i % 3 as that site's ad number seq = i / 3.
// - Phone numbers are valid mobile numbers per libphonenumber's metadata
//   (NL +31 6 [1-5]…, BE +32 4[79]…, DE +49 17…) and are distinct per ad
//   unless a pattern shares them on purpose.
// - Epochs 0..kMaxEpoch: ads are born (new ids), vanish, change text and move
//   town between epochs; planted ads live in every epoch.
// Names, numbers and texts are invented.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adwatch::demo {

constexpr int kMaxEpoch = 9;
constexpr int kSiteCount = 3;
enum Site { kHtml = 0, kApi = 1, kNext = 2 };
const char* SiteName(int site);  // "demo-html", "demo-api", "demo-next"

// Unix seconds of epoch e: 2026-11-01T12:00:00Z plus e days.
int64_t EpochTime(int epoch);
std::string Iso8601(int64_t unix_seconds);  // "2026-11-01T12:00:00Z"

struct Place {
  std::string name;          // "Geleen"
  std::string slug;          // "geleen"
  std::string municipality;  // "Sittard-Geleen"; empty outside Zuid-Limburg
  std::string region;        // "zuid-limburg", "nederland", "belgie", "duitsland"
  std::string country;       // "NL", "BE", "DE"
};
const std::vector<Place>& Places();
const std::vector<std::string>& Regions();
int FindPlaceBySlug(const std::string& slug);  // -1 if unknown

struct Rate {
  std::string label;  // "30 min", "1 uur"
  int minutes = 0;
  int eur = 0;
};

// One ad as shown at one epoch.
struct AdView {
  uint64_t index = 0;  // global ad index
  int site = 0;
  uint64_t seq = 0;    // number of the ad within its site
  std::string id;      // the site's id ("1000042")
  std::string slug;    // demo-next: "lisa-3000042"
  std::string path;    // canonical path ("/advertentie/1000042")
  std::string name;
  int age = 0;                 // stated age, 0 = not stated in the age field
  int text_age = 0;            // age written in the text (0 = none)
  std::string age_field;       // "19 jaar"; empty when no age field
  int place = 0;               // index into Places()
  std::string lang;            // "nl", "en", "de", "fr"
  std::vector<std::string> phones;   // every number in the ad, E.164
  std::string phone_field;           // formatted number for the phone field, or empty
  std::string tel_link;              // "tel:+316…" or empty
  std::string wa_link;               // "https://wa.me/316…" or empty
  std::vector<std::string> phone_display;  // "field", "tel", "wa", "text_plain", "text_obfuscated"
  std::vector<std::string> obfuscations;   // kinds used in the text ("words_nl", "emoji", …)
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<Rate> rates;
  int64_t posted = 0;   // unix seconds
  int64_t updated = 0;  // unix seconds: epoch time of the last change
  int photo_count = 0;
  std::vector<std::string> kinds;  // planted pattern kinds this ad belongs to
  std::vector<std::string> planted;  // the planted sentences in the text, as written
  std::string Text() const;        // paragraphs joined by blank lines
};

struct PatternInstance {
  std::string kind;
  bool expect_alert = false;
  std::string note;
  std::vector<uint64_t> members;     // global ad indices
  std::vector<std::string> phones;   // E.164 numbers involved, if the pattern is about phones
};

enum class Life { kUnborn, kLive, kVanished };

class Network {
 public:
  Network(uint64_t seed, uint64_t ads);
  ~Network();
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  uint64_t seed() const { return seed_; }
  uint64_t ads() const { return ads_; }
  // Ads that exist in epoch e or before (live or vanished).
  uint64_t BornCount(int epoch) const;
  uint64_t SiteBornCount(int site, int epoch) const;
  uint64_t UniverseSize() const { return BornCount(kMaxEpoch); }

  int BirthEpoch(uint64_t index) const;
  int DeathEpoch(uint64_t index) const;  // first epoch it is gone; kMaxEpoch+1 = never
  Life LifeAt(uint64_t index, int epoch) const;
  int PlaceAt(uint64_t index, int epoch) const;
  int TextVersion(uint64_t index, int epoch) const;
  // Epoch of the latest change of place or text at or before `epoch`.
  int LastChangeEpoch(uint64_t index, int epoch) const;

  // Parses a site id ("1000042") into the global index; false if malformed.
  bool ParseId(int site, const std::string& id, uint64_t* index) const;
  std::string IdOf(uint64_t index) const;

  // The ad as shown; without text (no paragraphs) for listings, which is
  // much cheaper.
  AdView View(uint64_t index, int epoch, bool with_text = true) const;
  uint64_t TextHash(uint64_t index, int epoch) const;

  // A listing: all ads of a site, or of one region or town. Pages are 1-based;
  // a page lists at most page_size ads (fewer where ads vanished).
  struct Filter {
    int region = -1;  // index into Regions(), or -1
    int place = -1;   // index into Places(), or -1
  };
  int TotalPages(int site, const Filter& f, int epoch, int page_size) const;
  std::vector<uint64_t> Page(int site, const Filter& f, int epoch, int page, int page_size) const;

  const std::vector<PatternInstance>& patterns() const { return patterns_; }
  bool IsPlanted(uint64_t index) const;

 private:
  struct Role;
  const Role* RoleOf(uint64_t index) const;
  bool InFilter(int place, const Filter& f) const;
  const std::vector<uint32_t>& Residues(const Filter& f) const;
  uint64_t RegularCount(int site, const Filter& f, int epoch) const;
  std::vector<uint64_t> Featured(int site, const Filter& f, int epoch) const;
  void BuildPlan();

  uint64_t seed_;
  uint64_t ads_;
  uint64_t new_per_epoch_;
  std::vector<int> slots_;                              // residue -> place
  std::vector<std::vector<uint32_t>> place_residues_;   // place -> residues
  std::vector<std::vector<uint32_t>> region_residues_;  // region -> residues
  std::vector<uint32_t> all_residues_;
  std::vector<PatternInstance> patterns_;
  std::vector<std::pair<uint64_t, int>> role_index_;    // sorted (ad index, role id)
  std::vector<Role> roles_;
};

// The ground truth as JSON text. `origins` are the sites' origins
// ("http://127.0.0.1:P1"), indexed by Site. Lists every ad when the
// universe has at most `max_listed` ads, else the planted ads plus a sample.
std::string GroundTruthJson(const Network& net, const std::vector<std::string>& origins,
                            uint64_t max_listed = 20000);

// The canonical URL of an ad.
std::string CanonicalUrl(const AdView& ad, const std::vector<std::string>& origins);

}  // namespace adwatch::demo
