// Per-ad matcher throughput on one core, with baselines measured in the same
// run: a memchr pass and one RE2 scan for digit runs over the same texts,
// and rule matching without RE2::Set (each pattern on its own). Then the cost
// per ad when the rule count grows tenfold with synthetic word rules.
//
// usage: adwatch_bench_analyze [--ads N] [--seconds S] [--profile]
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <re2/re2.h>
#include <string>
#include <vector>

#include "config/loader.h"
#include "matcher/analyze.h"

using namespace adwatch;

namespace {

const char* kSentences[] = {
    "Hoi lieve heren, ik ben Lisa, 24 jaar, en ik ontvang je graag in mijn eigen appartement in Heerlen.",
    "Ik ben een spontane, lieve dame met een warm hart en gevoel voor humor.",
    "Hygiene vind ik erg belangrijk, een douche en schone handdoeken staan voor je klaar.",
    "Betalen contant of met een tikkie vooraf. Half uur 80 euro, een uur 130 euro.",
    "Bereikbaar van maandag tot en met vrijdag van 11:00 tot 22:00, in het weekend op afspraak.",
    "Bel of app: 06-@@, geen anonieme nummers en geen sms-gesprekken van uren.",
    "Willkommen auf meinem Profil! Ich bin eine selbständige Frau aus Aachen, 32 J., schlank.",
    "Nur nach Terminvereinbarung. Ich spreche Deutsch, Niederländisch und Englisch.",
    "Hello gentlemen, I am a friendly and discreet companion, available for incall and outcall.",
    "Gratis parkeren voor de deur, de ingang is volledig discreet. Ik ontvang in Sittard-Geleen.",
    "Maten 90-60-90, 1.68 m, maat 38, natuurlijke cup C. Foto's zijn echt en recent.",
    "Vermeld bij het bellen advertentie #1000833. Postcode 6411 AB, vlakbij het station.",
    "Nieuw in de stad! Alleen deze week in Maastricht, dus wees er snel bij.",
    "Bel nul zes een twee drie vier vijf zes zeven acht of app naar O6-l@@.",
    "Ik werk uitsluitend veilig, altijd met condoom. Geen haast, ik neem de tijd voor je.",
    "Meestal bereikbaar tussen 13:00 en 20:00. Het adres krijg je na je telefoontje.",
};

std::vector<Ad> MakeAds(size_t n) {
  std::mt19937 rng(7);
  std::vector<Ad> ads(n);
  for (size_t i = 0; i < n; ++i) {
    ads[i].title = "Lieve dame in Maastricht - discreet en spontaan";
    // Every ad has its own number, so no work is shared between ads.
    std::string number = std::to_string(20000000 + rng() % 60000000);
    while (ads[i].text.size() < 1450) {
      std::string s = kSentences[rng() % (sizeof(kSentences) / sizeof(*kSentences))];
      if (auto at = s.find("@@"); at != std::string::npos) s.replace(at, 2, at > 40 ? number.substr(1) : number);
      ads[i].text += s + ' ';
    }
    ads[i].city = i % 3 ? "Heerlen" : "Geleen";
  }
  return ads;
}

// Synthetic word rules in the style of the real ones, that rarely match.
std::vector<RuleSpec> SyntheticRules(size_t n) {
  std::mt19937 rng(11);
  const char* syl[] = {"ka", "lo", "mir", "ten", "vo", "zu", "bel", "dra", "ni", "sko", "pre", "ul", "gan", "tor"};
  auto word = [&] {
    std::string w;
    for (int k = 0; k < 3; ++k) w += syl[rng() % 14];
    return w;
  };
  std::vector<RuleSpec> out;
  for (size_t i = 0; i < n; ++i) {
    RuleSpec r;
    r.id = "synthetic." + std::to_string(i);
    r.category = "synthetic";
    r.patterns = {"(?i)\\b(?:" + word() + "|" + word() + ")\\s+" + word() + "\\b", "(?i)\\b" + word() + "(?:en|s)?\\b"};
    r.weight = 1;
    out.push_back(std::move(r));
  }
  return out;
}

// CPU time of this thread: "per core" figures that other processes on the
// (shared) machine do not distort.
double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

template <typename F>
double NsPerAd(const std::vector<Ad>& ads, double seconds, F&& f) {
  size_t done = 0;
  double start = CpuSeconds(), elapsed = 0;
  while (elapsed < seconds) {
    for (const Ad& ad : ads) f(ad);
    done += ads.size();
    elapsed = CpuSeconds() - start;
  }
  return elapsed * 1e9 / static_cast<double>(done);
}

Matcher Build(std::vector<RuleSpec> rules) {
  MatcherConfig mc;
  mc.rules = std::move(rules);
  mc.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
  auto m = MakeMatcher(std::move(mc));
  if (!m.ok()) {
    std::fprintf(stderr, "%s\n", m.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(m).value();
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 2000;
  double seconds = 1.0;
  bool profile = false;  // --profile: only AnalyzeAd with the default rules, for perf
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--profile")) profile = true;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--ads")) n = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--seconds")) seconds = std::stod(argv[++i]);
  }
  // ADWATCH_BENCH_RULES: another rule file, to find which rule costs what.
  const char* rules_env = std::getenv("ADWATCH_BENCH_RULES");
  LoadResult lr = LoadRuleFiles({rules_env ? std::string(rules_env)
                                           : std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
  if (!lr.ok()) {
    for (const auto& e : lr.errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
    return 1;
  }
  std::vector<RuleSpec> base = lr.config.matcher.rules;
  size_t pattern_rules = 0;
  for (const auto& r : base) pattern_rules += !r.patterns.empty();
  std::vector<RuleSpec> big = base;
  for (auto& r : SyntheticRules(pattern_rules * 9)) big.push_back(std::move(r));
  // --profile needs only the default rules (compiling x10 dominates a
  // callgrind run).
  Matcher m1 = Build(base), m10 = profile ? Matcher() : Build(big);
  std::vector<Ad> ads = MakeAds(n);
  size_t bytes = 0;
  for (const auto& a : ads) bytes += a.title.size() + a.text.size();
  std::printf("times are CPU time of one thread (per core)\n");
  std::printf("ads: %zu synthetic ads, %.0f bytes each on average; rules: %zu (%zu with patterns); x10: %zu\n", n,
              double(bytes) / n, base.size(), pattern_rules, big.size());

  volatile size_t sink = 0;
  if (profile) {
    // A fixed amount of work (5 passes), so `perf stat -e instructions:u`
    // compares two builds on a busy machine.
    for (int pass = 0; pass < 5; ++pass)
      for (const Ad& a : ads) sink = sink + AnalyzeAd(a, m1).hits.size();
    std::printf("analysed %zu ads\n", 5 * ads.size());
    return 0;
  }
  double memchr_ns = NsPerAd(ads, seconds, [&](const Ad& a) {
    const char* p = a.text.data();
    size_t left = a.text.size(), c = 0;
    while (const void* q = std::memchr(p, '.', left)) {
      ++c;
      left -= static_cast<const char*>(q) - p + 1;
      p = static_cast<const char*>(q) + 1;
    }
    sink = sink + c;
  });
  RE2 digits("(\\+?\\d[\\d .\\-/]{6,}\\d)");
  double re2_ns = NsPerAd(ads, seconds, [&](const Ad& a) {
    re2::StringPiece in(a.text);
    std::string m;
    size_t c = 0;
    while (RE2::FindAndConsume(&in, digits, &m)) ++c;
    sink = sink + c;
  });
  double full1 = NsPerAd(ads, seconds, [&](const Ad& a) { sink = sink + AnalyzeAd(a, m1).hits.size(); });
  double full10 = NsPerAd(ads, seconds, [&](const Ad& a) { sink = sink + AnalyzeAd(a, m10).hits.size(); });
  auto rules_only = [&](const Matcher& m, bool set) {
    return NsPerAd(ads, seconds, [&](const Ad& a) {
      size_t h = set ? m.rules.Match("title", a.title).size() + m.rules.Match("text", a.text).size()
                     : m.rules.MatchEachPattern("title", a.title).size() + m.rules.MatchEachPattern("text", a.text).size();
      sink = sink + h;
    });
  };
  double set1 = rules_only(m1, true), set10 = rules_only(m10, true);
  double each1 = rules_only(m1, false), each10 = rules_only(m10, false);

  std::printf("baseline memchr pass            %8.2f us/ad  %10.0f ads/s\n", memchr_ns / 1e3, 1e9 / memchr_ns);
  std::printf("baseline one RE2 digit scan     %8.2f us/ad  %10.0f ads/s\n", re2_ns / 1e3, 1e9 / re2_ns);
  std::printf("AnalyzeAd, default rules        %8.2f us/ad  %10.0f ads/s per core\n", full1 / 1e3, 1e9 / full1);
  std::printf("AnalyzeAd, rules x10            %8.2f us/ad  %10.0f ads/s per core\n", full10 / 1e3, 1e9 / full10);
  std::printf("rules only, RE2::Set    x1 %8.2f us/ad, x10 %8.2f us/ad (x%.2f)\n", set1 / 1e3, set10 / 1e3, set10 / set1);
  std::printf("rules only, per pattern x1 %8.2f us/ad, x10 %8.2f us/ad (x%.2f)  [baseline without RE2::Set]\n",
              each1 / 1e3, each10 / 1e3, each10 / each1);
  std::printf("set failures: %llu\n", static_cast<unsigned long long>(m1.rules.set_failures() + m10.rules.set_failures()));
  std::printf("analyze: %.0f ads/s per core (target 20000), %.1fx the cost of one RE2 scan; rules x10: cost x%.2f "
              "(RE2::Set x%.2f vs per-pattern x%.2f)\n",
              1e9 / full1, full1 / re2_ns, full10 / full1, set10 / set1, each10 / each1);
  return sink == 42 ? 2 : 0;
}
