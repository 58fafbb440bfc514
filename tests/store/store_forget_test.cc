// Conformance: complete erasure. After ForgetPhone no table holds the number
// in any written form, her ads' URLs or her pseudonym (SQLite: not even the
// database file's free pages); others in the same entity keep their data;
// the messages about her are returned with their recipients. Export leaves
// others' data out. Evaluation counts survive purge and erasure.
#include <fstream>
#include <sstream>

#include "tests/store/store_fixture.h"

namespace adwatch {
namespace {

const char* kTables[] = {"frontier", "ads", "ad_versions", "phones", "ad_phones", "places", "ad_places",
                         "ad_signals", "hits", "sightings", "entities", "entity_ads", "entity_phones", "alerts",
                         "alert_history", "alert_outcomes", "outbox", "audit_log", "evaluation_counts"};

// The forms the number +31612345678 is written in.
const char* kForms[] = {"612345678", "0612345678", "06-12345678", "06 12345678", "+31 6 12345678", "12 34 56 78"};

class ForgetTest : public StoreTest {
 protected:
  // Everything the store holds, as text: PostgreSQL's tables, SQLite's
  // database file and WAL as bytes (free pages included).
  std::string Dump() {
    std::string all;
    if (GetParam() == "postgresql") {
      for (const char* t : kTables)
        all += Raw(std::string("SELECT COALESCE(string_agg(x::text, '|'), '') FROM ") + t + " x") + "\n";
      return all;
    }
    for (const std::string& f : {config_.path, config_.path + "-wal"}) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      all += s.str();
    }
    return all;
  }

  Ad Her(const std::string& id, const std::string& phone_text) {
    Ad ad = MakeAd(id, "Nieuw in Heerlen, bel " + phone_text);
    ad.phones = {phone_text};
    return ad;
  }

  void SaveWith(const Ad& ad, const std::vector<std::string>& e164s) {
    ASSERT_OK(store_->UpsertAds({ad}, Now()));
    AdSignals s;
    for (const auto& p : e164s) s.phones.push_back({p, false, "phones", ad.phones.empty() ? p : ad.phones[0]});
    s.places = {{"Heerlen", "Heerlen", "Limburg", "NL"}};
    Hit h;
    h.rule = "r1";
    h.category = "cat";
    h.field = "text";
    h.evidence = ad.text;
    s.hits = {h};
    ASSERT_OK(store_->SaveAdSignals(KeyOf(ad), ContentHash(ad), s, "rv", Now()));
  }
};

TEST_P(ForgetTest, ForgetLeavesNoTraceAndTellsWhoWasMailed) {
  Ad a1 = Her("1", "06-12345678"), a2 = Her("2", "+31 6 12345678"), other = MakeAd("3", "Anna, bel 0699999999");
  other.phones = {"0699999999"};
  SaveWith(a1, {"+31612345678"});
  SaveWith(a2, {"+31612345678"});
  SaveWith(other, {"+31699999999"});
  ASSERT_OK(store_->Enqueue({{"demo", a1.url, UrlKind::kDetail, 0, Now()}, {"demo", other.url, UrlKind::kDetail, 0, Now()}},
                            1, Now()));
  StoredEntity e;
  e.id = "e1";
  e.ads = {KeyOf(a1), KeyOf(other)};
  e.phones = {"+31612345678", "+31699999999"};
  Contribution shared{"shared_phone", "network", 5, "06 12345678 in 2 ads", {a1.url, other.url}};
  Contribution hers{"r1", "cat", 2, "bel 06-12345678", {a2.url}};
  Contribution theirs{"r1", "cat", 2, "Anna, bel 0699999999", {other.url}};
  e.contributions = {shared, theirs};
  ASSERT_OK(store_->ReplaceEntities({e}, Now()));
  Alert ad_alert;
  ad_alert.subject_key = "ad:demo/2";
  ad_alert.municipalities = {"Heerlen"};
  ad_alert.contributions = {hers};
  auto up1 = store_->UpsertAlert(ad_alert, Now());
  ASSERT_OK(up1);
  Alert ent_alert;
  ent_alert.subject_key = "entity:e1";
  ent_alert.municipalities = {"Heerlen"};
  ent_alert.contributions = {shared, theirs};
  auto up2 = store_->UpsertAlert(ent_alert, Now());
  ASSERT_OK(up2);
  // Mail: one by alert id (sent), one naming her number in quoted-printable
  // split across a soft line break (queued), one about someone else only.
  OutboxMessage m1;
  m1.message_id = "<d1@adwatch>";
  m1.recipients = {"zorg@heerlen.example"};
  m1.alert_ids = {up1->id};
  m1.body = "Subject: signalen\r\n\r\nAlert " + std::to_string(up1->id);
  ASSERT_OK(store_->EnqueueMail(m1, Now()));
  ASSERT_OK(store_->MarkMailSent(m1.message_id, "adwatch", Now()));
  OutboxMessage m2;
  m2.message_id = "<d2@adwatch>";
  m2.recipients = {"regio@example"};
  m2.body = "Content-Transfer-Encoding: quoted-printable\r\n\r\nbel 06-1234=\r\n5678 =3D nu";
  ASSERT_OK(store_->EnqueueMail(m2, Now()));
  OutboxMessage m3;
  m3.message_id = "<d3@adwatch>";
  m3.recipients = {"zorg@heerlen.example"};
  m3.body = "Anna 06-99999999";
  ASSERT_OK(store_->EnqueueMail(m3, Now()));

  {
    // The check below can see the number at all: ad texts, evidence and
    // numbers are sealed (core/crypto.h), but alert evidence quotes it and
    // the pseudonym is in clear.
    const std::string before = Dump();
    EXPECT_NE(before.find("06-12345678"), std::string::npos);
    EXPECT_NE(before.find(store_->Pseudonym("+31612345678")), std::string::npos);
    EXPECT_NE(before.find(a2.url), std::string::npos);
  }
  auto c = store_->ForgetPhone("+31612345678", "alice", Now(), "verzoek betrokkene 2026-11");
  ASSERT_OK(c);
  EXPECT_EQ(c->ads, 2);
  EXPECT_EQ(c->alerts, 1);
  EXPECT_GE(c->alerts_redacted, 1);
  EXPECT_EQ(c->frontier, 1);
  ASSERT_EQ(c->mailed.size(), 2u);
  EXPECT_EQ(c->mailed[0].message_id, "<d1@adwatch>");
  EXPECT_EQ(c->mailed[0].state, MailState::kSent);
  EXPECT_EQ(c->mailed[0].recipients, std::vector<std::string>{"zorg@heerlen.example"});
  EXPECT_TRUE(c->mailed[0].sent.has_value());
  EXPECT_EQ(c->mailed[1].message_id, "<d2@adwatch>");
  EXPECT_EQ(c->mailed[1].state, MailState::kQueued);

  const std::string dump = Dump();
  for (const char* f : kForms) EXPECT_EQ(dump.find(f), std::string::npos) << "still holds " << f;
  EXPECT_EQ(dump.find(a1.url), std::string::npos);
  EXPECT_EQ(dump.find(a2.url), std::string::npos);
  EXPECT_EQ(dump.find(store_->Pseudonym("+31612345678")), std::string::npos);
  // The other person keeps her ad, her alert-worthy entity and her mail.
  EXPECT_EQ(Count("ads WHERE ad_id = '3'"), 1);
  EXPECT_EQ(Count("outbox"), 1);
  EXPECT_EQ(Count("frontier"), 1);
  auto kept = store_->GetAlert(up2->id);
  ASSERT_OK(kept);
  ASSERT_EQ(kept->contributions.size(), 2u);
  EXPECT_EQ(kept->contributions[0].ad_urls, std::vector<std::string>{other.url});
  EXPECT_EQ(kept->contributions[0].evidence, "[gewist] in 2 ads");
  EXPECT_EQ(kept->contributions[1].evidence, "Anna, bel 0699999999");
  auto audit = store_->ListAudit({std::nullopt, std::nullopt, "forget", 10});
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].reason, "verzoek betrokkene 2026-11");
  EXPECT_NE((*audit)[0].detail.find("<d1@adwatch> to zorg@heerlen.example"), std::string::npos);
  EXPECT_TRUE(store_->VerifyAudit()->ok);
}

TEST_P(ForgetTest, ForgetAdByUrlKeepsANumberOtherAdsCarry) {
  Ad a1 = Her("1", "06-12345678"), a2 = Her("2", "06-12345678");
  SaveWith(a1, {"+31612345678"});
  SaveWith(a2, {"+31612345678"});
  ASSERT_OK(store_->Enqueue({{"demo", a1.url, UrlKind::kDetail, 0, Now()}}, 1, Now()));
  auto c = store_->ForgetAd(a1.url, "alice", Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->ads, 1);
  EXPECT_EQ(c->frontier, 1);
  EXPECT_EQ(c->phones, 0);
  EXPECT_EQ(Count("ads"), 1);
  EXPECT_EQ(Count("phones"), 1);
  EXPECT_EQ(store_->ForgetAd(a1.url, "alice", Now()).status().code(), Status::Code::kNotFound);
}

TEST_P(ForgetTest, ExportLeavesOthersOut) {
  Ad a1 = Her("1", "06-12345678"), other = MakeAd("3", "Anna");
  a1.phones = {"06-12345678", "0699999999"};
  SaveWith(a1, {"+31612345678"});
  SaveWith(other, {"+31699999999"});
  Contribution shared{"shared_phone", "network", 5, "shared", {a1.url, other.url}};
  Contribution theirs{"r1", "cat", 2, "Anna tekst", {other.url}};
  StoredEntity e;
  e.id = "e1";
  e.ads = {KeyOf(a1), KeyOf(other)};
  ASSERT_OK(store_->ReplaceEntities({e}, Now()));
  Alert ent;
  ent.subject_key = "entity:e1";
  ent.contributions = {shared, theirs};
  ASSERT_OK(store_->UpsertAlert(ent, Now()));
  auto j = store_->ExportPhone("+31612345678", "alice", Now(), "inzageverzoek");
  ASSERT_OK(j);
  const std::string text = j->dump();
  EXPECT_EQ(text.find("0699999999"), std::string::npos) << text;
  EXPECT_EQ(text.find(other.url), std::string::npos) << text;
  EXPECT_EQ(text.find("Anna"), std::string::npos) << text;
  EXPECT_NE(text.find(a1.url), std::string::npos);
  EXPECT_EQ((*j)["alerts"][0]["contributions"][0]["ad_urls"].size(), 1u);
  auto audit = store_->ListAudit({std::nullopt, std::nullopt, "export", 10});
  EXPECT_EQ((*audit)[0].reason, "inzageverzoek");
}

TEST_P(ForgetTest, EvaluationCountsSurvivePurgeAndErasure) {
  Ad a1 = Her("1", "06-12345678"), a2 = MakeAd("2", "x");
  SaveWith(a1, {"+31612345678"});
  SaveWith(a2, {"+31699999999"});
  Alert al;
  al.subject_key = "ad:demo/1";
  al.municipalities = {"Heerlen"};
  al.contributions = {{"age.teen", "age", 3, "", {}}, {"r1", "cat", 1, "", {}}};
  auto up = store_->UpsertAlert(al, Now());
  ASSERT_OK(up);
  ASSERT_OK(store_->RecordOutcome(up->id, {Outcome::kRisicofactoren, "jan", "", "Zorg- en Veiligheidshuis", Now()}));
  al.subject_key = "ad:demo/2";
  al.municipalities = {"Kerkrade"};
  auto up2 = store_->UpsertAlert(al, Now());
  ASSERT_OK(up2);
  const int year = [&] {
    time_t t = static_cast<time_t>(ToUnixSeconds(Now()));
    struct tm tm {};
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
  }();
  auto before = store_->EvaluationCounts(year);
  ASSERT_OK(before);
  ASSERT_OK(store_->ForgetPhone("+31612345678", "alice", Now()));
  clock_.Advance(std::chrono::hours(24 * 400));
  ASSERT_OK(store_->Purge(RetentionConfig{}, "root", Now()));
  EXPECT_EQ(Count("alerts"), 0);
  auto after = store_->EvaluationCounts(year);
  ASSERT_OK(after);
  ASSERT_EQ(after->size(), before->size());
  for (size_t i = 0; i < after->size(); ++i) {
    EXPECT_EQ((*after)[i].municipality, (*before)[i].municipality);
    EXPECT_EQ((*after)[i].rule, (*before)[i].rule);
    EXPECT_EQ((*after)[i].outcome, (*before)[i].outcome);
    EXPECT_EQ((*after)[i].alerts, (*before)[i].alerts);
  }
  int64_t heerlen_alerts = 0, forwarded = 0;
  for (const auto& r : *after) {
    if (r.municipality == "Heerlen" && r.rule.empty()) heerlen_alerts += r.alerts;
    if (r.forwarded_to == "Zorg- en Veiligheidshuis" && r.rule.empty()) forwarded += r.alerts;
  }
  EXPECT_EQ(heerlen_alerts, 1);
  EXPECT_EQ(forwarded, 1);
  // A second purge counts nothing twice.
  ASSERT_OK(store_->Purge(RetentionConfig{}, "root", Now()));
  EXPECT_EQ(store_->EvaluationCounts(year)->size(), after->size());
  EXPECT_EQ((*store_->EvaluationCounts(year))[0].alerts, (*after)[0].alerts);
}

INSTANTIATE_TEST_SUITE_P(Backends, ForgetTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace adwatch
