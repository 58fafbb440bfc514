// Conformance: signals, entities, alerts, outbox, audit.
#include "core/hash.h"
#include "tests/store/store_fixture.h"

namespace adwatch {
namespace {

AdSignals Signals(const std::string& e164, const std::string& town) {
  AdSignals s;
  s.phones = {{e164, false, "phones", "06-12345678"}};
  s.places = {{town, town, "Limburg", "NL"}};
  s.ages = {19};
  s.age_hints = {"age-young"};
  Hit h;
  h.rule = "control-driver";
  h.category = "control";
  h.severity = Severity::kMedium;
  h.weight = 12.5;
  h.field = "text";
  h.begin = 3;
  h.end = 9;
  h.evidence = "…word…";
  h.description = "third party";
  s.hits = {h};
  s.score = 12.5;
  s.severity = Severity::kMedium;
  return s;
}

TEST_P(StoreTest, SignalsRoundTripWithProvenanceAndSightings) {
  ASSERT_OK(store_->UpsertAds({MakeAd("1"), MakeAd("2")}, Now()));
  const std::string hash = ContentHash(MakeAd("1"));
  ASSERT_OK(store_->SaveAdSignals({"demo", "1"}, hash, Signals("+31612345678", "Heerlen"), "rules-v1", Now()));
  clock_.Advance(Seconds(3600));
  ASSERT_OK(store_->SaveAdSignals({"demo", "2"}, ContentHash(MakeAd("2")), Signals("+31612345678", "Maastricht"),
                                  "rules-v1", Now()));
  // Saving again replaces, it does not add.
  ASSERT_OK(store_->SaveAdSignals({"demo", "1"}, hash, Signals("+31612345678", "Heerlen"), "rules-v2", Now()));
  EXPECT_EQ(Count("hits"), 2);
  EXPECT_EQ(Count("phones"), 1);
  EXPECT_EQ(Raw("SELECT pseudonym FROM phones"), HmacSha256Hex("test-pseudonym-key", "+31612345678"));
  EXPECT_EQ(store_->Pseudonym("+31612345678"), HmacSha256Hex("test-pseudonym-key", "+31612345678"));

  auto rec = store_->LoadAd({"demo", "1"});
  ASSERT_OK(rec);
  ASSERT_TRUE(rec->has_signals);
  EXPECT_EQ(rec->rules_version, "rules-v2");
  EXPECT_EQ(rec->signals_hash, hash);
  ASSERT_EQ(rec->signals.hits.size(), 1u);
  EXPECT_EQ(rec->signals.hits[0].rule, "control-driver");
  EXPECT_EQ(rec->signals.hits[0].rules_version, "rules-v2");
  EXPECT_EQ(rec->signals.hits[0].begin, 3u);
  EXPECT_EQ(rec->signals.hits[0].evidence, "…word…");
  EXPECT_DOUBLE_EQ(rec->signals.score, 12.5);
  EXPECT_EQ(rec->signals.ages, std::vector<int>{19});
  ASSERT_EQ(rec->signals.phones.size(), 1u);
  EXPECT_EQ(rec->signals.phones[0].e164, "+31612345678");
  ASSERT_EQ(rec->signals.places.size(), 1u);
  EXPECT_EQ(rec->signals.places[0].municipality, "Heerlen");

  auto sightings = store_->LoadSightings(Now() - Seconds(7200));
  ASSERT_OK(sightings);
  ASSERT_EQ(sightings->size(), 2u);
  EXPECT_EQ((*sightings)[0].place.name, "Heerlen");
  EXPECT_EQ((*sightings)[1].place.name, "Maastricht");
  EXPECT_EQ((*sightings)[1].ad.id, "2");
  EXPECT_EQ(store_->LoadSightings(Now() - Seconds(10))->size(), 1u);
  auto ads = store_->AdsWithPhone("+31612345678");
  ASSERT_OK(ads);
  EXPECT_EQ(ads->size(), 2u);
  EXPECT_EQ(store_->SaveAdSignals({"demo", "x"}, "h", {}, "r", Now()).code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, EntitiesAreReplacedWhole) {
  ASSERT_OK(store_->UpsertAds({MakeAd("1"), MakeAd("2")}, Now()));
  StoredEntity e;
  e.id = "e1";
  e.ads = {{"demo", "1"}, {"demo", "2"}, {"demo", "gone"}};
  e.phones = {"+31612345678"};
  e.score = 40;
  e.severity = Severity::kHigh;
  e.contributions = {{"shared-phone", "network", 30, "3 names", {"https://demo.example/ad/1"}}};
  ASSERT_OK(store_->ReplaceEntities({e}, Now()));
  ASSERT_OK(store_->ReplaceEntities({e}, Now()));
  auto got = store_->LoadEntities();
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].ads.size(), 2u);
  EXPECT_EQ((*got)[0].phones, e.phones);
  ASSERT_EQ((*got)[0].contributions.size(), 1u);
  EXPECT_EQ((*got)[0].contributions[0].ad_urls, e.contributions[0].ad_urls);
  ASSERT_OK(store_->ReplaceEntities({}, Now()));
  EXPECT_TRUE(store_->LoadEntities()->empty());
  EXPECT_EQ(Count("entity_ads"), 0);
}

TEST_P(StoreTest, AlertsUpdateTheOpenAlertAndRecordWhoDecided) {
  Alert a;
  a.subject_key = "ad:demo/1";
  a.severity = Severity::kMedium;
  a.score = 55;
  a.municipalities = {"Heerlen"};
  a.contributions = {{"age-young", "age", 20, "19 jaar", {"https://demo.example/ad/1"}}};
  auto u1 = store_->UpsertAlert(a, Now());
  ASSERT_OK(u1);
  EXPECT_TRUE(u1->created);
  a.score = 85;
  a.severity = Severity::kCritical;
  auto u2 = store_->UpsertAlert(a, Now() + Seconds(10));
  ASSERT_OK(u2);
  EXPECT_FALSE(u2->created);
  EXPECT_EQ(u2->id, u1->id);
  EXPECT_EQ(u2->previous, Severity::kMedium);
  ASSERT_OK(store_->SetAlertState(u1->id, AlertState::kAcknowledged, "coord1", "bekeken", Now() + Seconds(20)));
  AlertOutcome o{Outcome::kRisicofactoren, "coord1", "gesprek", "zorgcoördinator", Now() + Seconds(30)};
  ASSERT_OK(store_->RecordOutcome(u1->id, o));
  ASSERT_OK(store_->SetAlertState(u1->id, AlertState::kClosed, "coord1", "", Now() + Seconds(40)));
  // Assessed and closed, the same evidence again: it stays closed.
  auto same = store_->UpsertAlert(a, Now() + Seconds(45));
  ASSERT_OK(same);
  EXPECT_FALSE(same->created);
  EXPECT_TRUE(same->kept_closed);
  EXPECT_EQ(same->id, u1->id);
  a.members = {"ad:demo/2"};  // a new ad of the subject: a new alert, linked to the assessed one
  auto u3 = store_->UpsertAlert(a, Now() + Seconds(50));
  ASSERT_OK(u3);
  EXPECT_TRUE(u3->created);
  EXPECT_NE(u3->id, u1->id);
  EXPECT_EQ(u3->reopened_from, u1->id);
  EXPECT_EQ(store_->GetAlert(u3->id)->reopened_from, u1->id);

  auto got = store_->GetAlert(u1->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->state, AlertState::kClosed);
  EXPECT_EQ(got->severity, Severity::kCritical);
  EXPECT_EQ(got->municipalities, a.municipalities);
  EXPECT_EQ(got->contributions[0].evidence, "19 jaar");
  auto h = store_->AlertHistory(u1->id);
  ASSERT_OK(h);
  ASSERT_EQ(h->size(), 3u);
  EXPECT_EQ((*h)[0].who, "adwatch");
  EXPECT_EQ((*h)[1].to, AlertState::kAcknowledged);
  EXPECT_EQ((*h)[1].who, "coord1");
  EXPECT_EQ((*h)[1].note, "bekeken");
  EXPECT_EQ((*h)[2].from, AlertState::kAcknowledged);
  auto outs = store_->AlertOutcomes(u1->id);
  ASSERT_OK(outs);
  ASSERT_EQ(outs->size(), 1u);
  EXPECT_EQ((*outs)[0].outcome, Outcome::kRisicofactoren);
  EXPECT_EQ((*outs)[0].forwarded_to, "zorgcoördinator");

  auto open = store_->ListAlerts({{AlertState::kNew}, "", std::nullopt, 100});
  ASSERT_OK(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].id, u3->id);
  EXPECT_EQ(store_->ListAlerts({{}, "Heerlen", std::nullopt, 100})->size(), 2u);
  EXPECT_TRUE(store_->ListAlerts({{}, "Venlo", std::nullopt, 100})->empty());
  EXPECT_EQ(store_->SetAlertState(999, AlertState::kClosed, "x", "", Now()).code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, OutboxIsIdempotentAndAuditsEachSentDigestOnce) {
  OutboxMessage m;
  m.message_id = "<1@adwatch>";
  m.recipients = {"coord@heerlen.example", "fg@heerlen.example"};
  m.subject = "Signalen";
  m.body = "Subject: Signalen\r\n\r\nbody\r\n";
  m.alert_ids = {4, 7};
  ASSERT_OK(store_->EnqueueMail(m, Now()));
  ASSERT_OK(store_->EnqueueMail(m, Now()));
  EXPECT_EQ(Count("outbox"), 1);
  auto due = store_->DueMail(Now(), 10);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].body, m.body);
  EXPECT_EQ((*due)[0].alert_ids, m.alert_ids);
  ASSERT_OK(store_->MarkMailFailed(m.message_id, "421 try later", false, Now() + Seconds(60)));
  EXPECT_TRUE(store_->DueMail(Now(), 10)->empty());
  EXPECT_EQ(store_->DueMail(Now() + Seconds(60), 10)->size(), 1u);
  ASSERT_OK(store_->MarkMailSent(m.message_id, "adwatch", Now() + Seconds(61)));
  ASSERT_OK(store_->MarkMailSent(m.message_id, "adwatch", Now() + Seconds(62)));
  auto got = store_->GetMail(m.message_id);
  EXPECT_EQ(got->state, MailState::kSent);
  EXPECT_EQ(got->attempts, 2);
  EXPECT_TRUE(store_->DueMail(Now() + Seconds(999), 10)->empty());
  auto audit = store_->ListAudit({std::nullopt, std::nullopt, "digest-sent", 10});
  ASSERT_OK(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].os_user, "adwatch");
  EXPECT_NE((*audit)[0].detail.find("coord@heerlen.example"), std::string::npos);
  EXPECT_NE((*audit)[0].detail.find("alerts 4 7"), std::string::npos);
}

// The hour of immediate mail a rate limit counts: by id prefix (taken as
// text, '_' and '%' included) and creation time, whatever the state, oldest first.
TEST_P(StoreTest, MailCreatedSinceSelectsByIdPrefixAndTimeInAnyState) {
  auto put = [&](const std::string& id, int at) {
    OutboxMessage m;
    m.message_id = id;
    m.recipients = {"coord@heerlen.example"};
    m.subject = "s";
    m.body = "Subject: s\r\n\r\nb\r\n";
    return store_->EnqueueMail(m, Now() + Seconds(at));
  };
  ASSERT_OK(put("<adwatch.immediate-1-critical-a@x>", 0));
  ASSERT_OK(put("<adwatch.immediate-2-critical-a@x>", 20));
  ASSERT_OK(put("<adwatch.immediate-3-critical-a@x>", 10));
  ASSERT_OK(put("<adwatch.digest-1-a@x>", 30));
  ASSERT_OK(put("<adwatchXimmediate-4-critical-a@x>", 30));  // '.' is no wildcard
  ASSERT_OK(store_->MarkMailSent("<adwatch.immediate-2-critical-a@x>", "adwatch", Now() + Seconds(40)));
  auto got = store_->MailCreatedSince("<adwatch.immediate-", Now() + Seconds(5));
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].message_id, "<adwatch.immediate-3-critical-a@x>");
  EXPECT_EQ((*got)[1].message_id, "<adwatch.immediate-2-critical-a@x>");
  EXPECT_EQ((*got)[1].state, MailState::kSent);
  EXPECT_EQ(ToUnixSeconds((*got)[0].created), ToUnixSeconds(Now() + Seconds(10)));
  ASSERT_OK(put("<a_b%@x>", 0));
  ASSERT_OK(put("<axbz@x>", 0));
  EXPECT_EQ(store_->MailCreatedSince("<a_b%", Now())->size(), 1u);
}

TEST_P(StoreTest, AuditLogIsQueryableByTimeAndAction) {
  for (int i = 0; i < 3; ++i)
    ASSERT_OK(store_->AppendAudit({0, Now() + Seconds(i), "alice", i == 1 ? "config-reload" : "alerts-lookup", "x"}));
  EXPECT_EQ(store_->ListAudit({})->size(), 3u);
  EXPECT_EQ(store_->ListAudit({std::nullopt, std::nullopt, "config-reload", 10})->size(), 1u);
  auto later = store_->ListAudit({Now() + Seconds(1), std::nullopt, "", 10});
  ASSERT_OK(later);
  ASSERT_EQ(later->size(), 2u);
  EXPECT_EQ((*later)[0].action, "config-reload");
  EXPECT_EQ((*later)[0].time, Now() + Seconds(1));
}

// The review console's tables: accounts, hashed sessions, assessment details, re-routing.
TEST_P(StoreTest, ConsoleAccountsSessionsAndAssessmentDetails) {
  ConsoleUser u;
  u.name = "j.jansen";
  u.role = "coordinator";
  u.municipalities = {"Heerlen", "Kerkrade"};
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$x$y";
  ASSERT_OK(store_->SaveUser(u, Now()));
  u.failures = 3;
  u.locked_until = Now() + Seconds(900);
  ASSERT_OK(store_->SaveUser(u, Now() + Seconds(5)));
  auto got = store_->GetUser("j.jansen");
  ASSERT_OK(got);
  EXPECT_EQ(got->municipalities, u.municipalities);
  EXPECT_EQ(got->failures, 3);
  EXPECT_EQ(got->locked_until, Now() + Seconds(900));
  EXPECT_EQ(got->created, Now()) << "a replace keeps the creation time";
  EXPECT_EQ(store_->GetUser("nobody").status().code(), Status::Code::kNotFound);
  ASSERT_OK(store_->SaveSession({"hash1", "j.jansen", "csrf1", Now(), Now()}));
  ASSERT_OK(store_->SaveSession({"hash1", "j.jansen", "csrf1", Now(), Now() + Seconds(60)}));
  ASSERT_OK(store_->SaveSession({"hash2", "j.jansen", "csrf2", Now(), Now()}));
  auto s = store_->GetSession("hash1");
  ASSERT_OK(s);
  EXPECT_EQ(s->last_seen, Now() + Seconds(60));
  ASSERT_OK(store_->DeleteSessions("hash1", ""));
  EXPECT_FALSE(store_->GetSession("hash1").ok());
  ASSERT_OK(store_->DeleteSessions("", "j.jansen"));
  EXPECT_FALSE(store_->GetSession("hash2").ok());
  ASSERT_OK(store_->SaveSession({"old", "j.jansen", "c", Now(), Now()}));
  ASSERT_OK(store_->SaveSession({"new", "j.jansen", "c", Now() + Seconds(100), Now() + Seconds(100)}));
  ASSERT_OK(store_->DeleteExpiredSessions(Now() + Seconds(50), Now()));
  EXPECT_FALSE(store_->GetSession("old").ok());
  EXPECT_TRUE(store_->GetSession("new").ok());

  Alert a;
  a.subject_key = "ad:demo/9";
  a.severity = Severity::kHigh;
  a.score = 60;
  a.municipalities = {"Heerlen"};
  auto up = store_->UpsertAlert(a, Now());
  ASSERT_OK(up);
  AlertOutcome o;
  o.outcome = Outcome::kErnstigeVermoedens, o.who = "console:j.jansen", o.note = "n", o.at = Now();
  o.forwarded_to = "Veilig Thuis", o.registration = "VT-7", o.passed_on = Now() - Seconds(86400);
  o.look_again = Now() + Seconds(86400 * 30), o.reason = "";
  ASSERT_OK(store_->RecordOutcome(up->id, o));
  auto outs = store_->AlertOutcomes(up->id);
  ASSERT_OK(outs);
  ASSERT_EQ(outs->size(), 1u);
  EXPECT_EQ((*outs)[0].registration, "VT-7");
  EXPECT_EQ((*outs)[0].passed_on, o.passed_on);
  EXPECT_EQ((*outs)[0].look_again, o.look_again);
  ASSERT_OK(store_->SetAlertMunicipalities(up->id, {"Kerkrade"}, "console:j.jansen", "verkeerde gemeente", Now()));
  EXPECT_EQ(store_->GetAlert(up->id)->municipalities, std::vector<std::string>{"Kerkrade"});
  EXPECT_EQ(store_->AlertHistory(up->id)->back().note, "verkeerde gemeente");
}

// "Verkeerde gemeente": the matcher keeps finding the old municipality, but
// the person's re-route stands through updates and a reopened subject, until
// someone re-routes again.
TEST_P(StoreTest, RerouteSticksThroughUpdatesAndReopening) {
  Alert a;
  a.subject_key = "entity:e1";
  a.members = {"ad:demo/1", "phone:p1"};
  a.severity = Severity::kMedium;
  a.score = 40;
  a.municipalities = {"Heerlen"};
  a.contributions = {{"control-driver", "control", 12.5, "", {"https://demo/1"}, {}}};
  auto up = store_->UpsertAlert(a, Now());
  ASSERT_OK(up);
  ASSERT_OK(store_->SetAlertMunicipalities(up->id, {"Kerkrade"}, "console:j.jansen", "verkeerde gemeente", Now()));

  a.score = 45;
  a.severity = Severity::kHigh;
  auto again = store_->UpsertAlert(a, Now() + Seconds(60));
  ASSERT_OK(again);
  EXPECT_EQ(again->id, up->id);
  auto cur = store_->GetAlert(up->id);
  ASSERT_OK(cur);
  EXPECT_EQ(cur->municipalities, std::vector<std::string>{"Kerkrade"});
  EXPECT_EQ(cur->score, 45);  // the rest is updated as before
  EXPECT_EQ(store_->ListAlerts(AlertQuery{{}, "Kerkrade", {}, 10})->size(), 1u);
  EXPECT_TRUE(store_->ListAlerts(AlertQuery{{}, "Heerlen", {}, 10})->empty());

  // Kerkrade's coordinator re-routes again: that one stands now.
  ASSERT_OK(store_->SetAlertMunicipalities(up->id, {"Maastricht", "Heerlen"}, "console:k.klaassen", "beide", Now()));
  ASSERT_OK(store_->UpsertAlert(a, Now() + Seconds(120)));
  EXPECT_EQ(store_->GetAlert(up->id)->municipalities, (std::vector<std::string>{"Maastricht", "Heerlen"}));

  // Dismissed, then new evidence reopens the subject: the new alert keeps the re-route.
  ASSERT_OK(store_->SetAlertState(up->id, AlertState::kDismissed, "console:k.klaassen", "nee", Now()));
  a.members.push_back("ad:demo/2");
  auto reopened = store_->UpsertAlert(a, Now() + Seconds(180));
  ASSERT_OK(reopened);
  ASSERT_TRUE(reopened->created);
  EXPECT_EQ(reopened->reopened_from, up->id);
  EXPECT_EQ(store_->GetAlert(reopened->id)->municipalities, (std::vector<std::string>{"Maastricht", "Heerlen"}));
  ASSERT_OK(store_->UpsertAlert(a, Now() + Seconds(240)));
  EXPECT_EQ(store_->GetAlert(reopened->id)->municipalities, (std::vector<std::string>{"Maastricht", "Heerlen"}));

  // A subject nobody re-routed follows the matcher.
  Alert b = a;
  b.subject_key = "entity:e9";
  b.members = {"ad:demo/9"};
  auto ub = store_->UpsertAlert(b, Now());
  ASSERT_OK(ub);
  b.municipalities = {"Sittard-Geleen"};
  ASSERT_OK(store_->UpsertAlert(b, Now() + Seconds(60)));
  EXPECT_EQ(store_->GetAlert(ub->id)->municipalities, std::vector<std::string>{"Sittard-Geleen"});
}

// Cross-ad counts are stored with the alert; a row written before them reads
// with none (the readers fall back to its evidence text).
TEST_P(StoreTest, CrossAdFactsRoundTripAndOldRowsReadWithout) {
  Alert a;
  a.subject_key = "entity:e2";
  a.severity = Severity::kHigh;
  a.score = 50;
  a.municipalities = {"Heerlen"};
  Contribution k{"touring", "touring", 10, "3 towns within 14d: A -> B -> C", {"https://demo/1"}, {}};
  CrossAdFact f;
  f.ads = 3, f.places = 3, f.days = 14, f.towns = {"A", "B", "C"}, f.scored = false;
  k.facts = {f};
  Contribution t{"template", "template", 20, "", {}, {}};
  CrossAdFact g;
  g.phone = "", g.ads = 4, g.identities = 2, g.phrase = "lief en “discreet”";
  t.facts = {g};
  a.contributions = {k, t};
  auto up = store_->UpsertAlert(a, Now());
  ASSERT_OK(up);
  auto got = store_->GetAlert(up->id);
  ASSERT_OK(got);
  ASSERT_EQ(got->contributions.size(), 2u);
  ASSERT_EQ(got->contributions[0].facts.size(), 1u);
  const CrossAdFact& r = got->contributions[0].facts[0];
  EXPECT_EQ(r.ads, 3);
  EXPECT_EQ(r.places, 3);
  EXPECT_EQ(r.days, 14);
  EXPECT_EQ(r.towns, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_FALSE(r.scored);
  EXPECT_EQ(got->contributions[1].facts[0].identities, 2);
  EXPECT_EQ(got->contributions[1].facts[0].phrase, "lief en “discreet”");

  Raw("UPDATE alerts SET contributions = '[{\"rule\":\"touring\",\"category\":\"touring\",\"points\":0,"
      "\"evidence\":\"2 towns within 14d: A -> B\",\"ad_urls\":[]}]' WHERE id = " + std::to_string(up->id) + " RETURNING id");
  auto old = store_->GetAlert(up->id);
  ASSERT_OK(old);
  ASSERT_EQ(old->contributions.size(), 1u);
  EXPECT_TRUE(old->contributions[0].facts.empty());
  EXPECT_EQ(old->contributions[0].evidence, "2 towns within 14d: A -> B");
}

}  // namespace
}  // namespace adwatch
