// An incident's Art. 73 reporting clock as stored and read on both backends: the report's due day
// set only for a serious incident of a high-risk AI system, cleared by the report, the reason
// shown when the clock does not apply, and the A.8.4 readiness rule. Expected days are worked out
// by hand from the awareness instant (1 March 2026 10:00 UTC).
#include <array>

#include <gtest/gtest.h>

#include "base/time.h"
#include "improvement/clock.h"
#include "improvement/improvement.h"
#include "inventory/fixture.h"
#include "notify/settings.h"
#include "readiness/readiness.h"

namespace aims::improvement {
namespace {

using inventory::testing::kActor;
using records::Record;

class ReportingTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    Record high = system("Triage aid", alpha_.users[0]);
    high.values["eu_ai_act_class"] = std::string("high_risk");
    high.values["annex_iii_area"] = std::string("critical_infrastructure");
    high_risk_ = must_create(alpha_.org, inventory::ai_systems(), high);
    minimal_ = must_create(alpha_.org, inventory::ai_systems(), system("Chat", alpha_.users[0]));
  }

  Record serious(int64_t system_id, const char* kind = "general") const {
    Record r;
    r.values = {{"system_id", system_id},
                {"title", std::string("Wrong triage advice")},
                {"severity", std::string("critical")},
                {"owner_id", alpha_.users[0]},
                {"serious", true},
                {"serious_kind", std::string(kind)},
                {"became_aware_at", std::string("2026-03-01T10:00:00Z")}};
    return r;
  }

  Record must_add(const Record& r) {
    auto made = records::create(*db_, incidents(), alpha_.org, r, kActor);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().field + ": " + made.error().message);
    return made.ok() ? *made : Record{};
  }

  Result<Record> report(const Record& incident, const char* sent_at) {
    Record changes;
    changes.values = {{"report_sent_at", std::string(sent_at)},
                      {"authority_reference", std::string("MSA-2026-0042")}};
    return records::update(*db_, incidents(), alpha_.org, incident.id, changes, incident.version,
                           kActor);
  }

  readiness::Finding a84() {
    const auto* rule = readiness::rule_for("iso-iec-42001-2023", "A.8.4");
    EXPECT_NE(rule, nullptr);
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok());
    return f.ok() ? *f : readiness::Finding{};
  }

  int64_t high_risk_ = 0, minimal_ = 0;
};

TEST_P(ReportingTest, ASeriousIncidentOfAHighRiskSystemIsDueOnItsDeadlineDay) {
  // General: 15 days after 1 March is 16 March; death: 10 days, 11 March; critical: 2, 3 March.
  EXPECT_EQ(must_add(serious(high_risk_)).text("report_due_by"), "2026-03-16");
  EXPECT_EQ(must_add(serious(high_risk_, "death")).text("report_due_by"), "2026-03-11");
  EXPECT_EQ(must_add(serious(high_risk_, "critical")).text("report_due_by"), "2026-03-03");
}

TEST_P(ReportingTest, TheReportStopsTheClockAndLeavesMyWork) {
  const Record incident = must_add(serious(high_risk_));
  auto reported = report(incident, "2026-03-12T09:30:00Z");
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  EXPECT_FALSE(reported->is_set("report_due_by"));
  auto clock = incident_clock(*db_, alpha_.org, *reported, "2026-03-20T00:00:00Z");
  ASSERT_TRUE(clock.ok() && clock->has_value());
  EXPECT_TRUE((*clock)->applies);
  EXPECT_EQ((*clock)->clock.state, ClockState::stopped);
  EXPECT_FALSE((*clock)->clock.late);
}

TEST_P(ReportingTest, NoClockForASystemThatIsNotHighRiskAndThePageSaysWhy) {
  const Record incident = must_add(serious(minimal_));
  EXPECT_FALSE(incident.is_set("report_due_by"));
  auto clock = incident_clock(*db_, alpha_.org, incident, "2026-03-02T00:00:00Z");
  ASSERT_TRUE(clock.ok() && clock->has_value());
  EXPECT_FALSE((*clock)->applies);
  EXPECT_NE((*clock)->why_not.find("Chat is classed \"Minimal risk\""), std::string::npos)
      << (*clock)->why_not;
}

TEST_P(ReportingTest, ASeriousIncidentNeedsItsKindAndAwarenessAndAReportItsReference) {
  Record r = serious(high_risk_);
  r.values.erase("serious_kind");
  r.values.erase("became_aware_at");
  auto made = records::create(*db_, incidents(), alpha_.org, r, kActor);
  ASSERT_FALSE(made.ok());
  std::set<std::string> fields;
  for (const auto& p : made.error().problems)
    fields.insert(p.field);
  EXPECT_EQ(fields, (std::set<std::string>{"serious_kind", "became_aware_at"}));

  const Record incident = must_add(serious(high_risk_));
  Record early;
  early.values = {{"report_sent_at", std::string("2026-02-28T10:00:00Z")}};
  auto refused =
      records::update(*db_, incidents(), alpha_.org, incident.id, early, incident.version, kActor);
  ASSERT_FALSE(refused.ok());
  fields.clear();
  for (const auto& p : refused.error().problems)
    fields.insert(p.field);
  if (fields.empty()) fields.insert(refused.error().field);
  EXPECT_EQ(fields, (std::set<std::string>{"authority_reference", "report_sent_at"}));
}

TEST_P(ReportingTest, ReadinessIsNotMetWhileAReportIsOverdueAndMetOnceSentInTime) {
  // Aware on 1 March 2026, due 16 March: today (the real clock, after that) it is overdue.
  const Record incident = must_add(serious(high_risk_));
  auto overdue = a84();
  EXPECT_EQ(overdue.status, readiness::Status::not_met) << overdue.reason;
  EXPECT_NE(overdue.reason.find("1 serious incident is past its reporting deadline"),
            std::string::npos)
      << overdue.reason;
  ASSERT_TRUE(report(incident, "2026-03-12T09:30:00Z").ok());
  auto met = a84();
  EXPECT_EQ(met.status, readiness::Status::met) << met.reason;
}

TEST_P(ReportingTest, ReadinessNamesAnIncidentWithoutOwner) {
  Record r = serious(minimal_);
  r.values.erase("owner_id");
  const Record incident = must_add(r);
  auto f = a84();
  EXPECT_EQ(f.status, readiness::Status::partial) << f.reason;
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, "/improvement/incidents/" + std::to_string(incident.id));
}

// What the warning queued for alpha: (channel, event type, recipient) of every delivery; the
// outbox files every email under the event type "email".
std::vector<std::array<std::string, 3>> deliveries(store::Database& db, int64_t org) {
  auto rows = db.read([&](store::Tx& tx) {
    return tx.query(
        "SELECT channel, event_type, recipient FROM notify_deliveries WHERE org_id = $1 "
        "ORDER BY channel",
        {org});
  });
  EXPECT_TRUE(rows.ok());
  std::vector<std::array<std::string, 3>> out;
  if (rows.ok())
    for (const auto& r : *rows)
      out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

TEST_P(ReportingTest, ADayBeforeTheReportIsDueTheOwnerAndTheWebhooksAreWarnedOnce) {
  auto keys = trail::SigningKeys::open_or_create(aims::testing::fresh_key_file_path());
  ASSERT_TRUE(keys.ok());
  ASSERT_TRUE(notify::save_smtp_settings(
      *db_, *keys, alpha_.org,
      {.host = "127.0.0.1", .port = 2525, .security = "none", .from_address = "aims@alpha.test"},
      inventory::testing::kTrailActor));
  ASSERT_TRUE(notify::store_webhook(*db_, *keys, alpha_.org,
                                    {"https://hooks.alpha.test/aims", "", {"incident.clock"}},
                                    inventory::testing::kTrailActor));
  const Record incident = must_add(serious(high_risk_));
  // Aware 1 March 10:00, general kind: due 16 March 10:00. At 15 March 09:00 25 hours are left,
  // at 11:00 23 hours: only the second warns.
  auto early = warn_reporting_clocks(*db_, alpha_.org, "2026-03-15T09:00:00Z");
  ASSERT_TRUE(early.ok()) << early.error().message;
  EXPECT_EQ(*early, 0);
  auto due = warn_reporting_clocks(*db_, alpha_.org, "2026-03-15T11:00:00Z");
  ASSERT_TRUE(due.ok()) << due.error().message;
  EXPECT_EQ(*due, 1);
  const std::vector<std::array<std::string, 3>> expected = {{"email", "email", "owner@alpha.test"},
                                                            {"webhook", "incident.clock", ""}};
  EXPECT_EQ(deliveries(*db_, alpha_.org), expected);
  auto again = warn_reporting_clocks(*db_, alpha_.org, "2026-03-15T12:00:00Z");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0) << "one warning per clock";
  auto warned = records::get(*db_, incidents(), alpha_.org, incident.id);
  ASSERT_TRUE(warned.ok());
  EXPECT_EQ(warned->text("clock_warned_at"), "2026-03-15T11:00:00.000000Z");
  auto reported = report(*warned, "2026-03-15T15:00:00Z");
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  EXPECT_FALSE(reported->is_set("clock_warned_at"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportingTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::improvement
