// The configuration reference is the schema the loader reads (config/schema.h):
// the loader asks for exactly the keys it lists, takes their ranges from it,
// rejects the others with the nearest listed key, and adwatch.toml(5) as
// committed is what the schema generates, so no key can be missing from it.
#include "config/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "config/loader.h"

namespace adwatch {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Joined(const std::vector<ConfigError>& errors) {
  std::string all;
  for (const auto& e : errors) all += e.ToString() + "\n";
  return all;
}

TEST(ConfigReference, ManPageIsWhatTheSchemaGenerates) {
  const std::string path = std::string(ADWATCH_SOURCE_DIR) + "/deploy/adwatch.toml.5";
  const std::string committed = Slurp(path);
  const std::string generated = ConfigReferenceMan();
  if (committed != generated) {
    // Point at the first line that differs rather than print two pages.
    std::istringstream a(committed), b(generated);
    std::string la, lb;
    int line = 1;
    while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
    ADD_FAILURE() << path << " differs from the schema at line " << line << ":\n  committed: " << la
                  << "\n  generated: " << lb
                  << "\nregenerate it: build/app/adwatch check-config --man > deploy/adwatch.toml.5";
  }
}

// A documented default must be a value the key accepts (it is shown as such).
TEST(ConfigReference, DefaultsAreWithinTheirRanges) {
  for (const ConfigKey& k : ConfigKeys()) {
    if (k.def.empty()) continue;
    const std::string name = std::string(k.table) + "." + std::string(k.key), def(k.def);
    switch (k.kind) {
      case KeyKind::kDuration: {
        Duration d{};
        ASSERT_TRUE(ParseDuration(def, &d)) << name;
        EXPECT_GE(d, k.dmin) << name;
        EXPECT_LE(d, k.dmax) << name;
        break;
      }
      case KeyKind::kInt: {
        if (!std::isdigit(static_cast<unsigned char>(def[0]))) break;  // "[matcher] min_age"
        int64_t v = std::stoll(def);
        EXPECT_GE(v, k.imin) << name;
        EXPECT_LE(v, k.imax) << name;
        break;
      }
      case KeyKind::kNumber: {
        double v = std::stod(def);
        EXPECT_GE(v, k.nmin) << name;
        EXPECT_LE(v, k.nmax) << name;
        break;
      }
      case KeyKind::kBool: EXPECT_TRUE(def == "true" || def == "false") << name; break;
      case KeyKind::kOneOf: {
        if (def[0] != '"') break;
        std::string v = def.substr(1, def.find('"', 1) - 1);
        EXPECT_NE(std::find(k.allowed.begin(), k.allowed.end(), v), k.allowed.end()) << name;
        break;
      }
      default: break;
    }
  }
}

TEST(ConfigReference, EveryKeyIsDocumentedWithItsTable) {
  std::set<std::string_view> tables;
  for (const ConfigTable& t : ConfigTables()) EXPECT_TRUE(tables.insert(t.id).second) << "table twice: " << t.id;
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const ConfigKey& k : ConfigKeys()) {
    std::string name = std::string(k.table) + "." + std::string(k.key);
    EXPECT_TRUE(tables.count(k.table)) << name << ": no such table";
    EXPECT_TRUE(seen.insert({k.table, k.key}).second) << name << " listed twice";
    const bool is_table = k.kind == KeyKind::kTable || k.kind == KeyKind::kTableArray;
    if (!is_table) {
      EXPECT_FALSE(k.doc.empty()) << name << " has no text";
    }
    if (k.kind == KeyKind::kOneOf) {
      EXPECT_FALSE(k.allowed.empty()) << name;
    }
    if (k.kind == KeyKind::kInt) {
      EXPECT_LT(k.imin, k.imax) << name;
    }
    if (k.kind == KeyKind::kNumber) {
      EXPECT_LT(k.nmin, k.nmax) << name;
    }
  }
}

// A configuration that opens every table the loader reads: the keys the
// loader asks for are exactly the schema's, and none is read as another kind.
TEST(ConfigReference, LoaderReadsExactlyTheSchemaKeys) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("adwatch-reference-" + std::to_string(::getpid()));
  fs::create_directories(dir / "rules.d");
  std::ofstream(dir / "rules.d/local.toml") << R"(disable = []
[[override]]
id = "x"
weight = 1
[[rule]]
id = "x"
category = "age"
patterns = ['x']
weight = 1
description = "d"
source = "s"
examples = { match = ["x"], no_match = ["y"] }
[[site]]
name = "t"
purpose = "p"
legal_basis = "b"
start_urls = ["http://x.example/"]
ad_links = "a@href"
[site.fields]
id = "/id"
[signals]
category_cap = 60
)";
  std::ofstream(dir / "adwatch.toml") << R"(include = []
rules_dir = "rules.d"
[store]
[crawler]
[matcher]
[alerts]
[[alerts.municipality]]
name = "Maastricht"
recipients = ["a@b.example"]
[alerts.smtp]
url = "smtp://x:587"
[retention]
[scope]
[minimise]
[logging]
[daemon]
[console]
[register]
[signals]
[[site]]
name = "s"
purpose = "p"
legal_basis = "b"
start_urls = ["http://x.example/"]
ad_links = { selector = "a@href" }
[site.fields]
id = "/id"
)";
  LoadResult r = LoadConfig((dir / "adwatch.toml").string());
  fs::remove_all(dir);
  EXPECT_THAT(Joined(r.errors), ::testing::Not(HasSubstr("internal:")));
  std::set<std::string> schema;
  for (const ConfigKey& k : ConfigKeys())
    schema.insert(k.table.empty() ? std::string(k.key) : std::string(k.table) + "." + std::string(k.key));
  std::vector<std::string> unread, unlisted;
  for (const auto& k : schema)
    if (!r.accepted_keys.count(k)) unread.push_back(k);
  for (const auto& k : r.accepted_keys)
    if (!schema.count(k)) unlisted.push_back(k);
  EXPECT_THAT(unread, IsEmpty()) << "listed in config/schema_keys.cc but never read by the loader";
  EXPECT_THAT(unlisted, IsEmpty()) << "read by the loader but not in config/schema_keys.cc";
}

TEST(ConfigReference, UnknownKeyNamesTheNearestSchemaKey) {
  LoadResult r = LoadConfigFromString("[alerts]\nfrom = \"a@b.example\"\n[alerts.smtp]\nurl = \"smtp://x:587\"\n"
                                      "requre_tls = false\n",
                                      "adwatch.toml");
  EXPECT_THAT(Joined(r.errors),
              HasSubstr("adwatch.toml:5:1: unknown key 'requre_tls' in [alerts.smtp] (did you mean 'require_tls'?)"));
  // Nothing near: the table's keys, from the schema.
  r = LoadConfigFromString("[logging]\nverbosity = \"info\"\n", "adwatch.toml");
  EXPECT_THAT(Joined(r.errors),
              HasSubstr("adwatch.toml:2:1: unknown key 'verbosity' in [logging] (expected one of: level)"));
  // A field rule's table and a site's [fields] are schema tables too.
  r = LoadConfigFromString(R"toml([[site]]
name = "s"
purpose = "p"
legal_basis = "b"
start_urls = ["http://x.example/"]
ad_links = { selector = "a@href", regexp = "(x)" }
[site.fields]
id = "/id"
phone = "a.tel@href"
)toml",
                           "adwatch.toml");
  EXPECT_THAT(Joined(r.errors), HasSubstr("adwatch.toml:6:35: unknown key 'regexp' in [[site]] field 'ad_links' "
                                          "(did you mean 'regex'?)"));
  EXPECT_THAT(Joined(r.errors),
              HasSubstr("adwatch.toml:9:1: unknown key 'phone' in [[site]] [fields] (did you mean 'phones'?)"));
}

// Each duration's range is the schema's: one past the maximum is refused with it.
TEST(ConfigReference, DurationRangesComeFromTheSchema) {
  int checked = 0;
  for (const char* table : {"store", "crawler", "retention", "minimise", "daemon", "console", "alerts",
                            "alerts.smtp", "signals"}) {
    for (const ConfigKey* k : ConfigKeysOf(table)) {
      if (k->kind != KeyKind::kDuration || k->dmax == Duration::max()) continue;
      std::string too_long = FormatDuration(k->dmax + std::chrono::seconds(1));
      std::string text = "[" + std::string(table) + "]\n" + std::string(k->key) + " = \"" + too_long + "\"\n";
      if (std::string_view(table) == "alerts.smtp") text += "url = \"smtp://x:587\"\n";
      LoadResult r = LoadConfigFromString(text, "adwatch.toml");
      EXPECT_THAT(Joined(r.errors), HasSubstr("adwatch.toml:2:" + std::to_string(k->key.size() + 4) + ": duration '" +
                                              too_long + "' for '" + std::string(k->key) + "' in [" + table +
                                              "] is too long (maximum " + FormatDuration(k->dmax) + ")"))
          << text;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

// Allowed values are the schema's too: a builtin that does not exist is one
// error at its value, not also "needs patterns or a builtin".
TEST(ConfigReference, AllowedValuesComeFromTheSchema) {
  LoadResult r = LoadConfigFromString(R"([[rule]]
id = "x"
category = "age"
builtin = "stated_age_maybe"
description = "d"
source = "s"
)",
                                      "rules.toml");
  const std::string all = Joined(r.errors);
  std::string list;
  for (const auto& v : FindConfigKey("rule", "builtin")->allowed) list += (list.empty() ? "'" : ", '") + v + "'";
  EXPECT_THAT(all, HasSubstr("rules.toml:4:11: invalid value 'stated_age_maybe' for 'builtin' in [[rule]] 'x' "
                             "(expected one of " + list + ")"));
  EXPECT_THAT(all, HasSubstr("named_intermediary"));
  EXPECT_THAT(all, ::testing::Not(HasSubstr("needs either")));
}

// Every example the reference shows is a line the loader accepts in its table.
TEST(ConfigReference, ExamplesAreAccepted) {
  // What each table needs besides the example (left out when the example sets that key).
  const std::map<std::string, std::vector<std::pair<std::string, std::string>>> base = {
      {"alerts.smtp", {{"url", "url = \"smtp://x:587\""}}},
      {"alerts.municipality", {{"name", "name = \"Maastricht\""}, {"recipients", "recipients = [\"a@b.example\"]"}}},
      {"site",
       {{"name", "name = \"s\""}, {"purpose", "purpose = \"p\""}, {"legal_basis", "legal_basis = \"b\""},
        {"start_urls", "start_urls = [\"http://x.example/\"]"}, {"ad_links", "ad_links = \"a@href\""}}},
      {"rule",
       {{"id", "id = \"x\""}, {"category", "category = \"age\""}, {"patterns", "patterns = ['x']"},
        {"description", "description = \"d\""}, {"source", "source = \"s\""},
        {"examples", "examples = { match = [\"x\"], no_match = [\"y\"] }"}}},
  };
  int checked = 0;
  for (const ConfigKey& k : ConfigKeys()) {
    if (k.example.empty() || k.table == "rules" || k.table == "override") continue;  // rule files only
    const std::string table(k.table), example(k.example);
    std::string head = table.empty() ? "" : "[" + table + "]\n";
    if (table == "site" || table == "rule" || table == "alerts.municipality") head = "[" + head + "]\n";
    if (table == "site.fields" || table == "field") head = "[[site]]\n";
    std::string body;
    auto it = base.find(table == "site.fields" || table == "field" ? "site" : table);
    if (it != base.end())
      for (const auto& [key, line] : it->second)
        if (key != k.key) body += line + "\n";
    std::string text = head + body;
    // A field rule's example is a whole field of [site.fields].
    if (table == "site.fields" || table == "field")
      text += "[site.fields]\n" + std::string(k.key == "id" ? "" : "id = \"/id\"\n");
    const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    text += example + "\n";
    if (table == "site") text += "[site.fields]\nid = \"/id\"\n";
    LoadResult r = LoadConfigFromString(text, "adwatch.toml");
    for (const auto& e : r.errors)
      EXPECT_NE(e.pos.line, line) << e.ToString() << "\n" << text;
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST(ConfigReference, ExplainPrintsNestedKeysFromTheSchema) {
  std::string text = ExplainConfigKey("alerts.smtp.hold_off");
  EXPECT_THAT(text, HasSubstr("[alerts.smtp] hold_off (duration 0s..1h, default 60s)\n"));
  EXPECT_THAT(text, HasSubstr("silent server costs"));
  EXPECT_EQ(ExplainConfigKey("smtp.hold_off"), text);
  EXPECT_EQ(ExplainConfigKey("[alerts.smtp] hold_off"), text);
  text = ExplainConfigKey("site.fields.phones");
  EXPECT_THAT(text, HasSubstr("[site.fields] phones (field rule, all)\n"));
  EXPECT_THAT(text, HasSubstr("Example: phones = { selector = \"a.phone@href\", all = true }"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("[[site]]")));
  // A bare key: every table's entry.
  text = ExplainConfigKey("connect_timeout");
  EXPECT_THAT(text, HasSubstr("[crawler] connect_timeout"));
  EXPECT_THAT(text, HasSubstr("[alerts.smtp] connect_timeout"));
  EXPECT_EQ(ExplainConfigKey("alerts.no_such_key"), "");
  EXPECT_EQ(ExplainConfigKey("no_such_table.close_after"), "");
}

TEST(ConfigReference, ManPageEscapesRoff) {
  const std::string man = ConfigReferenceMan();
  EXPECT_THAT(man, HasSubstr(".B close_after \\fR(duration 1h..366d, default 30d)\n"));
  EXPECT_THAT(man, HasSubstr("\\(dqVis\\('e\\(dq"));
  EXPECT_THAT(man, HasSubstr("\\fBadwatch site test\\fR"));
  // No line of text may start as a request by accident.
  std::istringstream in(man);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] == '.') {
      EXPECT_THAT(line, ::testing::MatchesRegex("^\\.(\\\\\"|TH|SH|SS|TP|B|BR|PP|br|ad|nh)( .*)?$")) << line;
    }
}

}  // namespace
}  // namespace adwatch
