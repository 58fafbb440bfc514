// Erasure (GDPR art. 17): a person is gone from every table, not only from
// the ads. What was about her alone (her ads, their versions, hits, places,
// sightings, frontier URLs, alerts about her ads, her number) is deleted;
// what is about others too (entities and entity alerts that also hold other
// people's ads) keeps the others and loses her: her ad URLs and her number
// are cut out of the contributions. Messages that reported on her are
// deleted from the outbox and returned, so their recipients can be told
// (art. 17(2), 19). SQLite overwrites deleted content (secure_delete) and
// gives the pages back, so the number is not left in free pages.
#include <algorithm>
#include <set>

#include "store/internal/sql_store.h"

namespace adwatch {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Quoted-printable soft line breaks and =XX escapes undone (other text is
// returned as is), so a URL or number split by the encoder is found.
std::string UndoQuotedPrintable(const std::string& s) {
  auto hex = [](char c) -> int {
    if (IsDigit(c)) return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') {
      i += 2;
    } else if (s[i] == '=' && i + 1 < s.size() && s[i + 1] == '\n') {
      i += 1;
    } else if (s[i] == '=' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Calls fn(begin, end) for each run of digits with at most three separator
// characters (space, - . / ( ) +) between them, not glued to letters, whose
// digits contain `tail` (the last nine digits of the number). Returns false
// as soon as fn does.
template <typename F>
void ForEachNumberRun(const std::string& t, const std::string& tail, F&& fn) {
  size_t i = 0;
  while (i < t.size()) {
    if (!IsDigit(t[i]) && !(t[i] == '+' && i + 1 < t.size() && IsDigit(t[i + 1]))) {
      ++i;
      continue;
    }
    const size_t begin = i;
    std::string digits;
    size_t end = i, gap = 0;
    for (size_t j = i; j < t.size(); ++j) {
      if (IsDigit(t[j])) {
        digits += t[j];
        end = j + 1;
        gap = 0;
      } else if (std::string_view(" -./()+\t").find(t[j]) != std::string_view::npos && ++gap <= 3) {
        continue;
      } else {
        break;
      }
    }
    const bool glued = (begin > 0 && IsAlnum(t[begin - 1])) || (end < t.size() && IsAlnum(t[end]));
    if (!glued && !tail.empty() && digits.find(tail) != std::string::npos) {
      if (!fn(begin, end)) return;
    }
    i = std::max(end, i + 1);
  }
}

std::string NumberTail(const std::string& e164) {
  std::string d;
  for (char c : e164)
    if (IsDigit(c)) d += c;
  return d.size() > 9 ? d.substr(d.size() - 9) : d;
}

// The number's runs replaced by "[gewist]".
std::string RedactNumber(const std::string& t, const std::string& e164) {
  std::string out;
  size_t last = 0;
  ForEachNumberRun(t, NumberTail(e164), [&](size_t b, size_t e) {
    out += t.substr(last, b - last) + "[gewist]";
    last = e;
    return true;
  });
  return out + t.substr(last);
}

}  // namespace

bool MentionsPerson(const std::string& text, const std::string& e164, const std::vector<std::string>& urls) {
  const std::string plain = UndoQuotedPrintable(text);
  for (const auto& u : urls)
    if (!u.empty() && plain.find(u) != std::string::npos) return true;
  if (e164.empty()) return false;
  bool found = false;
  ForEachNumberRun(plain, NumberTail(e164), [&](size_t, size_t) {
    found = true;
    return false;
  });
  return found;
}

namespace store_internal {
namespace {

// Contributions with the erased URLs removed and the number redacted.
// Returns whether anything changed.
bool RedactContributions(std::vector<Contribution>* cs, const std::set<std::string>& urls, const std::string& e164) {
  bool changed = false;
  for (Contribution& c : *cs) {
    auto gone = std::remove_if(c.ad_urls.begin(), c.ad_urls.end(), [&](const std::string& u) { return urls.count(u); });
    if (gone != c.ad_urls.end()) {
      c.ad_urls.erase(gone, c.ad_urls.end());
      changed = true;
    }
    if (!e164.empty()) {
      std::string ev = RedactNumber(c.evidence, e164);
      if (ev != c.evidence) c.evidence = ev, changed = true;
      for (CrossAdFact& f : c.facts) {  // a template's shared sentence is ad text
        std::string phrase = RedactNumber(f.phrase, e164);
        if (phrase != f.phrase) f.phrase = phrase, changed = true;
      }
    }
  }
  return changed;
}

std::string IdsIn(const std::vector<int64_t>& ids) {
  std::string s = "(";
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + std::to_string(ids[i]);
  return s + ")";
}

}  // namespace

Status SqlStore::EraseTx(const std::vector<int64_t>& ads, const std::string& e164, ForgetCounts* c) {
  // What identifies the person outside the ad rows: URLs (ads and frontier)
  // and the subjects of alerts about her ads.
  std::set<std::string> urls;
  std::vector<std::pair<std::string, std::string>> keys;  // site, ad id
  std::set<int64_t> alerts;                               // about her or mentioning her
  std::set<std::string> entities;
  for (size_t b = 0; b < ads.size(); b += 500) {
    std::vector<int64_t> chunk(ads.begin() + b, ads.begin() + std::min(ads.size(), b + 500));
    auto rows = db_->Query("SELECT site, ad_id, url FROM ads WHERE id IN " + IdsIn(chunk));
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      keys.push_back({r.Str(0), r.Str(1)});
      urls.insert(r.Str(2));
      auto fr = db_->Query("SELECT url FROM frontier WHERE site = $1 AND ad_id = $2", {S(r.Str(0)), S(r.Str(1))});
      if (!fr.ok()) return fr.status();
      for (const Row& f : *fr) urls.insert(f.Str(0));
      auto al = db_->Query("SELECT id FROM alerts WHERE subject_key = $1", {S("ad:" + r.Str(0) + "/" + r.Str(1))});
      if (!al.ok()) return al.status();
      for (const Row& a : *al) alerts.insert(a.Int(0));
    }
    auto en = db_->Query("SELECT DISTINCT entity FROM entity_ads WHERE ad IN " + IdsIn(chunk));
    if (!en.ok()) return en.status();
    for (const Row& r : *en) entities.insert(r.Str(0));
  }
  if (!e164.empty()) {
    auto en = db_->Query(
        "SELECT ep.entity FROM entity_phones ep JOIN phones p ON p.id = ep.phone WHERE p.pseudonym = $1",
        {S(Pseudonym(e164))});
    if (!en.ok()) return en.status();
    for (const Row& r : *en) entities.insert(r.Str(0));
  }
  // Alerts about the entities she is part of stay (they are about others
  // too), without her: her URLs and number cut out of the contributions.
  const std::vector<std::string> url_list(urls.begin(), urls.end());
  for (const std::string& ent : entities) {
    auto al = db_->Query("SELECT id, contributions FROM alerts WHERE subject_key = $1", {S("entity:" + ent)});
    if (!al.ok()) return al.status();
    for (const Row& a : *al) {
      alerts.insert(a.Int(0));
      auto cs = ContributionsFromJson(ParseJson(a.Str(1)));
      if (RedactContributions(&cs, urls, e164)) {
        ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE alerts SET contributions = $2 WHERE id = $1",
                                          {I(a.Int(0)), S(DumpJson(ContributionsToJson(cs)))})
                                    .status());
        ++c->alerts_redacted;
      }
    }
    auto er = db_->Query("SELECT contributions FROM entities WHERE id = $1", {S(ent)});
    if (!er.ok()) return er.status();
    for (const Row& r : *er) {
      auto cs = ContributionsFromJson(ParseJson(r.Str(0)));
      if (RedactContributions(&cs, urls, e164)) {
        ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE entities SET contributions = $2 WHERE id = $1",
                                          {S(ent), S(DumpJson(ContributionsToJson(cs)))})
                                    .status());
        ++c->entities_redacted;
      }
    }
  }
  // Any other alert whose evidence names her (a number or URL quoted in
  // another ad's alert).
  auto others = db_->Query("SELECT id, contributions FROM alerts");
  if (!others.ok()) return others.status();
  for (const Row& a : *others) {
    if (alerts.count(a.Int(0)) || !MentionsPerson(a.Str(1), e164, url_list)) continue;
    auto cs = ContributionsFromJson(ParseJson(a.Str(1)));
    RedactContributions(&cs, urls, e164);
    ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE alerts SET contributions = $2 WHERE id = $1",
                                      {I(a.Int(0)), S(DumpJson(ContributionsToJson(cs)))})
                                .status());
    alerts.insert(a.Int(0));
    ++c->alerts_redacted;
  }
  // Messages that reported on her: by alert id, or by her URL or number in
  // the text. They are deleted (a mail body cannot be redacted reliably) and
  // their recipients returned.
  auto mail = db_->Query("SELECT message_id, recipients, body, alert_ids, state, created, finished FROM outbox");
  if (!mail.ok()) return mail.status();
  for (const Row& m : *mail) {
    bool about = MentionsPerson(m.Str(2), e164, url_list);
    auto ids = ParseJson(m.Str(3));
    if (ids.is_array())
      for (int64_t id : JsonAs<std::vector<int64_t>>(ids)) about = about || alerts.count(id);
    if (!about) continue;
    MailNotice n;
    n.message_id = m.Str(0);
    auto rc = ParseJson(m.Str(1));
    if (rc.is_array()) n.recipients = JsonAs<std::vector<std::string>>(rc);
    n.state = static_cast<MailState>(m.Int(4));
    n.created = m.Time(5);
    if (!m.IsNull(6) && n.state == MailState::kSent) n.sent = m.Time(6);
    c->mailed.push_back(std::move(n));
    auto d = db_->Exec("DELETE FROM outbox WHERE message_id = $1", {S(m.Str(0))});
    if (!d.ok()) return d.status();
    c->mail += *d;
  }
  // Her frontier URLs: the crawler must not fetch her ads back in.
  for (const auto& [site, id] : keys) {
    auto f = db_->Exec("DELETE FROM frontier WHERE site = $1 AND ad_id = $2", {S(site), S(id)});
    if (!f.ok()) return f.status();
    c->frontier += *f;
  }
  for (const std::string& u : urls) {
    auto f = db_->Exec("DELETE FROM frontier WHERE url = $1", {S(u)});
    if (!f.ok()) return f.status();
    c->frontier += *f;
  }
  for (size_t b = 0; b < ads.size(); b += 500) {
    std::vector<int64_t> chunk(ads.begin() + b, ads.begin() + std::min(ads.size(), b + 500));
    ADWATCH_RETURN_IF_ERROR(DeleteAdsTx("id IN " + IdsIn(chunk), {}, c));
  }
  if (!e164.empty()) {
    auto phone = db_->Query("SELECT id FROM phones WHERE pseudonym = $1", {S(Pseudonym(e164))});
    if (!phone.ok()) return phone.status();
    for (const Row& p : *phone) {
      const int64_t id = p.Int(0);
      auto s = db_->Exec("DELETE FROM sightings WHERE phone = $1", {I(id)});
      if (!s.ok()) return s.status();
      c->sightings += *s;
      ADWATCH_RETURN_IF_ERROR(db_->Exec("DELETE FROM entity_phones WHERE phone = $1", {I(id)}).status());
      ADWATCH_RETURN_IF_ERROR(db_->Exec("DELETE FROM ad_phones WHERE phone = $1", {I(id)}).status());
      auto n = db_->Exec("DELETE FROM phones WHERE id = $1", {I(id)});
      if (!n.ok()) return n.status();
      c->phones += *n;
    }
  }
  return DeleteOrphanPhonesTx(c);
}

namespace {

std::string ForgetDetail(const std::string& what, const ForgetCounts& c) {
  std::string d = what + ": " + c.ToString() + " frontier=" + std::to_string(c.frontier) +
                  " alerts_redacted=" + std::to_string(c.alerts_redacted);
  // Which messages reported on the person, and to whom: so it can be shown
  // later that the recipients were told (they are staff, not the subject).
  for (const MailNotice& n : c.mailed) {
    d += "; told " + n.message_id + " to";
    for (const auto& r : n.recipients) d += " " + r;
  }
  return d;
}

}  // namespace

Result<ForgetCounts> SqlStore::ForgetPhone(const std::string& e164, const std::string& os_user, TimePoint now,
                                           const std::string& reason) {
  ForgetCounts c;
  if (!pg()) ADWATCH_RETURN_IF_ERROR(db_->ExecScript("PRAGMA secure_delete = ON;"));
  Status st = InTx([&]() -> Status {
    c = ForgetCounts{};
    auto rows = db_->Query("SELECT DISTINCT ap.ad FROM ad_phones ap JOIN phones p ON p.id = ap.phone "
                           "WHERE p.pseudonym = $1 ORDER BY 1",
                           {S(Pseudonym(e164))});
    if (!rows.ok()) return rows.status();
    std::vector<int64_t> ads;
    for (const Row& r : *rows) ads.push_back(r.Int(0));
    ADWATCH_RETURN_IF_ERROR(EraseTx(ads, e164, &c));
    // The subject member that named the number, and the generation that tells
    // a running daemon to reload its cross-ad index (StoreGeneration).
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("DELETE FROM alert_members WHERE member = $1", {S("phone:" + Pseudonym(e164))}).status());
    ADWATCH_RETURN_IF_ERROR(BumpGenerationTx());
    // The erasure is recorded, the number (and its pseudonym) is not.
    AuditEntry e{0, now, os_user, "forget", ForgetDetail("erased one phone number", c)};
    e.record = "phone";
    e.reason = reason;
    return AuditTx(e);
  });
  if (!st.ok()) return st;
  if (!pg()) ADWATCH_RETURN_IF_ERROR(db_->ExecScript("PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);"));
  return c;
}

Result<ForgetCounts> SqlStore::ForgetAd(const std::string& url, const std::string& os_user, TimePoint now,
                                        const std::string& reason) {
  ForgetCounts c;
  bool found = false;
  if (!pg()) ADWATCH_RETURN_IF_ERROR(db_->ExecScript("PRAGMA secure_delete = ON;"));
  Status st = InTx([&]() -> Status {
    c = ForgetCounts{};
    auto rows = db_->Query(
        "SELECT id FROM ads WHERE url = $1 UNION SELECT a.id FROM ads a JOIN frontier f "
        "ON f.site = a.site AND f.ad_id = a.ad_id WHERE f.url = $1",
        {S(url)});
    if (!rows.ok()) return rows.status();
    std::vector<int64_t> ads;
    for (const Row& r : *rows) ads.push_back(r.Int(0));
    auto fr = db_->Query("SELECT COUNT(*) FROM frontier WHERE url = $1", {S(url)});
    if (!fr.ok()) return fr.status();
    found = !ads.empty() || fr->front().Int(0) > 0;
    if (!found) return Status::Ok();
    ADWATCH_RETURN_IF_ERROR(EraseTx(ads, "", &c));
    auto f = db_->Exec("DELETE FROM frontier WHERE url = $1", {S(url)});
    if (!f.ok()) return f.status();
    c.frontier += *f;
    ADWATCH_RETURN_IF_ERROR(BumpGenerationTx());
    AuditEntry e{0, now, os_user, "forget", ForgetDetail("erased one ad", c)};
    e.record = "ad";
    e.reason = reason;
    return AuditTx(e);
  });
  if (!st.ok()) return st;
  if (!found) return Status::NotFound("store: nothing is held under that URL");
  if (!pg()) ADWATCH_RETURN_IF_ERROR(db_->ExecScript("PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);"));
  return c;
}

}  // namespace store_internal
}  // namespace adwatch
