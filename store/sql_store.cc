// Opening a store: secrets, backend, migrations; JSON codecs and the audit
// helper shared by the other sql_*.cc files.
#include "store/internal/sql_store.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <array>

#include "core/hash.h"

namespace adwatch {

using namespace store_internal;

const char* ToString(UrlKind k) {
  switch (k) {
    case UrlKind::kListing: return "listing";
    case UrlKind::kDetail: return "detail";
    case UrlKind::kApi: return "api";
  }
  return "?";
}

const char* ToString(MailState s) {
  switch (s) {
    case MailState::kQueued: return "queued";
    case MailState::kSent: return "sent";
    case MailState::kFailed: return "failed";
  }
  return "?";
}

std::string PurgeCounts::ToString() const {
  return "ads=" + std::to_string(ads) + " ad_versions=" + std::to_string(ad_versions) + " hits=" +
         std::to_string(hits) + " sightings=" + std::to_string(sightings) + " phones=" + std::to_string(phones) +
         " alerts=" + std::to_string(alerts) + " mail=" + std::to_string(mail) + " audit=" + std::to_string(audit) +
         " frontier_urls=" + std::to_string(frontier_urls) + " entities=" + std::to_string(entities) +
         " statistics=" + std::to_string(statistics);
}

int MaxSchemaVersion(const std::string& backend) {
  return static_cast<int>(backend == "postgresql" ? PgMigrations().size() : SqliteMigrations().size());
}

namespace {
// "file:/p" or a bare path → the path; other references are not files.
bool KeyFilePath(const std::string& ref, std::string* path) {
  if (ref.rfind("file:", 0) == 0) {
    *path = ref.substr(5);
    return true;
  }
  if (ref.rfind("env:", 0) == 0 || ref.rfind("credential:", 0) == 0) return false;
  *path = ref;
  return true;
}
}  // namespace

Status EnsurePseudonymKey(const std::string& reference, const Env& env) {
  std::string path;
  if (!KeyFilePath(reference, &path) || path.empty())
    return Status::InvalidArgument("pseudonym key " + reference + ": only a file reference can be created");
  if (env.FileExists(path)) return Status::Ok();
  unsigned char raw[32];
  if (RAND_bytes(raw, sizeof raw) != 1) return Status::Internal("pseudonym key: no random bytes available");
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (unsigned char c : raw) {
    key += hex[c >> 4];
    key += hex[c & 15];
  }
  key += '\n';
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Status::Ok();
    return Status::IoError("pseudonym key " + path + ": cannot create: " + strerror(errno));
  }
  bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::IoError("pseudonym key " + path + ": write failed");
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenStore(const StoreConfig& config, const Env& env, const Clock& clock) {
  auto key = ReadSecret(env, config.pseudonym_key);
  if (!key.ok() || key->empty()) {
    return Status::FailedPrecondition(
        "store: pseudonym key " + config.pseudonym_key + " is missing or empty" +
        (key.ok() ? std::string() : " (" + key.status().message() + ")") +
        ": create a secret of 32 random bytes there (file mode 0600) before the first run");
  }
  Status st;
  std::unique_ptr<Db> db;
  if (config.backend == "sqlite") {
    db = OpenSqliteDb(config.path, config.busy_timeout, &st);
  } else if (config.backend == "postgresql") {
    std::string password;
    if (!config.password.empty()) {
      auto pw = ReadSecret(env, config.password);
      if (!pw.ok()) return pw.status().Annotate("store: PostgreSQL password");
      password = *pw;
    }
    db = OpenPgDb(config.conninfo, password, &st);
  } else {
    return Status::InvalidArgument("store: unknown backend \"" + config.backend + "\" (sqlite or postgresql)");
  }
  if (!st.ok()) return st.Annotate("store");
  auto version = SqlStore::Migrate(*db, clock);
  if (!version.ok()) return version.status().Annotate("store");
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(db), *key, *version, env));
}

namespace store_internal {

SqlStore::SqlStore(std::unique_ptr<Db> db, std::string pseudonym_key, int schema_version, const Env& env)
    : db_(std::move(db)), key_(std::move(pseudonym_key)), box_(SecretBox::Derive(key_, "store data at rest")),
      schema_version_(schema_version), env_(env) {}

std::string SqlStore::Unseal(const std::string& stored) const {
  auto plain = box_.Open(stored);
  return plain.ok() ? *plain : std::string();
}

Result<int> SqlStore::Migrate(Db& db, const Clock& clock) {
  const bool pg = db.dialect() == Dialect::kPostgres;
  const auto& migrations = pg ? PgMigrations() : SqliteMigrations();
  const int max = static_cast<int>(migrations.size());
  int current = 0;
  Status st = db.Begin();
  auto body = [&]() -> Status {
    // Several processes may open a new PostgreSQL store at once.
    if (pg) ADWATCH_RETURN_IF_ERROR(db.Query("SELECT pg_advisory_xact_lock(7263001)").status());
    ADWATCH_RETURN_IF_ERROR(db.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL, applied_at BIGINT NOT NULL)"));
    auto rows = db.Query("SELECT MAX(version) FROM schema_version");
    if (!rows.ok()) return rows.status();
    current = static_cast<int>(rows->at(0).Int(0));
    if (current > max) {
      return Status::FailedPrecondition("store schema version " + std::to_string(current) +
                                        " is newer than this adwatch (max " + std::to_string(max) +
                                        "): upgrade adwatch");
    }
    for (int v = current + 1; v <= max; ++v) {
      ADWATCH_RETURN_IF_ERROR(db.ExecScript(migrations[v - 1]).Annotate("migration " + std::to_string(v)));
      ADWATCH_RETURN_IF_ERROR(
          db.Exec("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)", {I(v), T(clock.Now())})
              .status());
    }
    return Status::Ok();
  };
  if (st.ok()) st = body();
  if (st.ok()) st = db.Commit();
  if (!st.ok()) {
    db.Rollback();
    return st.Annotate(db.Describe());
  }
  return max;
}

std::string SqlStore::Pseudonym(const std::string& e164) const {
  if (e164.rfind("p:", 0) == 0) return e164.substr(2);  // a number kept only as its pseudonym
  return HmacSha256Hex(key_, e164);
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ParseJson(const std::string& s) {
  auto j = nlohmann::json::parse(s, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

nlohmann::json AdToJson(const Ad& ad) {
  return {{"site", ad.site},     {"id", ad.id},       {"url", ad.url},         {"title", ad.title},
          {"text", ad.text},     {"name", ad.name},   {"stated_age", ad.stated_age}, {"city", ad.city},
          {"region", ad.region}, {"phones", ad.phones}, {"price", ad.price},   {"posted", ad.posted},
          {"photos", ad.photos}};
}

namespace {

// The bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
// A table lookup per byte instead of four comparisons (ad texts are ~1.5 KB
// and every new or changed ad is written as JSON).
constexpr std::array<bool, 256> kPlainJson = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

// Appends s as a JSON string: quotes, backslashes and control characters
// escaped, valid UTF-8 kept as is, each invalid byte replaced by U+FFFD.
void AppendJsonString(std::string* out, const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (kPlainJson[c]) {
      size_t j = i + 1;  // a run of plain ASCII in one append
      while (j < n && kPlainJson[p[j]]) ++j;
      out->append(s, i, j - i);
      i = j;
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        case '\b': out->append("\\b"); break;
        case '\f': out->append("\\f"); break;
        default:
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
      }
      ++i;
      continue;
    }
    // A UTF-8 sequence: its length from the lead byte, the second byte's range
    // excluding overlong forms, surrogates and code points above U+10FFFF.
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    bool ok = len > 0 && i + len <= n && p[i + 1] >= lo && p[i + 1] <= hi;
    for (size_t k = 2; ok && k < len; ++k) ok = p[i + k] >= 0x80 && p[i + k] <= 0xBF;
    if (ok) {
      out->append(s, i, len);
      i += len;
    } else {
      out->append("\xEF\xBF\xBD");
      ++i;
    }
  }
  out->push_back('"');
}

void AppendJsonArray(std::string* out, const std::vector<std::string>& v) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(out, v[i]);
  }
  out->push_back(']');
}

}  // namespace

std::string AdJsonText(const Ad& ad) {
  std::string out;
  out.reserve(ad.text.size() + ad.title.size() + ad.url.size() * 4 + 256);
  const std::pair<const char*, const std::string*> fields[] = {
      {"city", &ad.city},   {"id", &ad.id},         {"name", &ad.name},   {"posted", &ad.posted},
      {"price", &ad.price}, {"region", &ad.region}, {"site", &ad.site},   {"stated_age", &ad.stated_age},
      {"text", &ad.text},   {"title", &ad.title},   {"url", &ad.url}};
  out += "{";
  for (const auto& [key, value] : fields) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += key;
    out += "\":";
    AppendJsonString(&out, *value);
  }
  out += ",\"phones\":";
  AppendJsonArray(&out, ad.phones);
  out += ",\"photos\":";
  AppendJsonArray(&out, ad.photos);
  out += '}';
  return out;
}

Ad AdFromJson(const nlohmann::json& j) {
  Ad ad;
  if (!j.is_object()) return ad;  // corrupt column: an empty ad, not an exception
  try {
    auto s = [&](const char* k) { return j.value(k, std::string()); };
    ad.site = s("site"), ad.id = s("id"), ad.url = s("url"), ad.title = s("title"), ad.text = s("text");
    ad.name = s("name"), ad.stated_age = s("stated_age"), ad.city = s("city"), ad.region = s("region");
    ad.price = s("price"), ad.posted = s("posted");
    ad.phones = j.value("phones", std::vector<std::string>());
    ad.photos = j.value("photos", std::vector<std::string>());
  } catch (const nlohmann::json::exception&) {
  }
  return ad;
}

nlohmann::json ContributionsToJson(const std::vector<Contribution>& cs) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : cs) {
    nlohmann::json e = {{"rule", c.rule}, {"category", c.category}, {"points", c.points}, {"evidence", c.evidence},
                        {"ad_urls", c.ad_urls}};
    if (!c.facts.empty()) {
      nlohmann::json facts = nlohmann::json::array();
      for (const CrossAdFact& f : c.facts)
        facts.push_back({{"phone", f.phone}, {"ads", f.ads}, {"names", f.names}, {"identities", f.identities},
                         {"places", f.places}, {"days", f.days}, {"phrase", f.phrase}, {"towns", f.towns},
                         {"scored", f.scored}});
      e["facts"] = std::move(facts);
    }
    a.push_back(std::move(e));
  }
  return a;
}

std::vector<Contribution> ContributionsFromJson(const nlohmann::json& j) {
  std::vector<Contribution> out;
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_object()) continue;
    try {
      Contribution c;
      c.rule = e.value("rule", std::string());
      c.category = e.value("category", std::string());
      c.points = e.value("points", 0.0);
      c.evidence = e.value("evidence", std::string());
      c.ad_urls = e.value("ad_urls", std::vector<std::string>());
      if (auto fs = e.find("facts"); fs != e.end() && fs->is_array())  // absent in rows stored before facts
        for (const auto& f : *fs) {
          if (!f.is_object()) continue;
          CrossAdFact x;
          x.phone = f.value("phone", std::string());
          x.ads = f.value("ads", 0), x.names = f.value("names", 0), x.identities = f.value("identities", 0);
          x.places = f.value("places", 0), x.days = f.value("days", 0);
          x.phrase = f.value("phrase", std::string());
          x.towns = f.value("towns", std::vector<std::string>());
          x.scored = f.value("scored", true);
          c.facts.push_back(std::move(x));
        }
      out.push_back(std::move(c));
    } catch (const nlohmann::json::exception&) {
      // a corrupt entry is skipped, not thrown
    }
  }
  return out;
}

}  // namespace store_internal
}  // namespace adwatch
