// Event-log requirements on both backends: the six-month retention a deployer owes a high-risk
// system (EU AI Act Art. 19, 26(6)) refused below it naming the field, the stale-log check around
// its cadence against fixed instants, and the A.6.2.8 readiness rule.
#include <gmock/gmock.h>

#include "base/time.h"
#include "inventory/fixture.h"
#include "monitoring/monitoring.h"

namespace aims::monitoring {
namespace {

using inventory::testing::kActor;
using inventory::testing::kTrailActor;
using records::Record;
using ::testing::HasSubstr;
using namespace std::string_literals;

// Instants worked out by hand: the newest log at midnight on 1 November 2026 and a daily cadence
// make midnight on 2 November exactly on time, and one microsecond later late.
constexpr const char* kNewestLog = "2026-11-01T00:00:00.000000Z";
constexpr const char* kOnTime = "2026-11-02T00:00:00.000000Z";

int64_t at(const char* timestamp) {
  return parse_timestamp(timestamp).value();
}

TEST(LogsStopped, OnTimeUpToTheCadenceAndLateAfterIt) {
  EXPECT_FALSE(logs_stopped(at(kNewestLog), 24, at(kOnTime)));
  EXPECT_TRUE(logs_stopped(at(kNewestLog), 24, at(kOnTime) + 1));
  EXPECT_FALSE(logs_stopped(at(kNewestLog), 25, at(kOnTime) + 1));
  EXPECT_TRUE(logs_stopped(std::nullopt, 24, at(kOnTime)));
}

class LoggingTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    define_readiness_rules();
  }

  // An AI system in operation of the given EU AI Act class and our role for it.
  int64_t add_system(const std::string& name, const std::string& eu_class,
                     const std::string& role) {
    Record r = system(name, alpha_.users[0]);
    r.values["eu_ai_act_class"] = eu_class;
    r.values["org_role"] = role;
    r.values["lifecycle_stage"] = "operation_monitoring"s;
    if (eu_class == "high_risk") r.values["annex_iii_area"] = "essential_services"s;
    return must_create(alpha_.org, inventory::ai_systems(), r);
  }

  Result<Record> create_requirement(const std::string& title, int64_t system, int64_t months,
                                    std::optional<int64_t> monitor = std::nullopt) {
    Record r;
    r.values = {{"title", title},
                {"system_id", system},
                {"what_is_logged", "Each decision with its model version"s},
                {"retention_months", months},
                {"owner_id", alpha_.users[0]}};
    if (monitor) {
      r.values["monitor_id"] = *monitor;
      r.values["cadence_hours"] = int64_t{24};
    }
    return records::create(*db_, logging_requirements(), alpha_.org, r, kActor);
  }

  int64_t add_monitor(int64_t system) {
    MonitorInput input;
    input.system_id = system;
    input.name = "Decisions";
    input.config_json = R"({"columns":{"prediction":"p","label":"y"},"task":"classification"})";
    auto created = create_monitor(*db_, alpha_.org, input, kTrailActor);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : 0;
  }

  // A stored run of `monitor`, as a run writes it: the newest log entry it read in window_to.
  void add_run(int64_t monitor, int64_t system, const std::string& status,
               const std::string& finished_at, std::optional<std::string> window_to) {
    ASSERT_TRUE(db_->write([&](store::Tx& tx) -> Result<int64_t> {
                     return tx.exec(
                         "INSERT INTO monitor_runs (org_id, monitor_id, system_id, source, status,"
                         " started_at, finished_at, window_to, actor_label)"
                         " VALUES ($1, $2, $3, 'upload', $4, $5, $5, $6, 'test')",
                         {alpha_.org, monitor, system, status, finished_at, window_to});
                   })
                    .ok());
  }
};

TEST_P(LoggingTest, AHighRiskSystemWeDeployKeepsItsLogsSixMonths) {
  const int64_t credit = add_system("Credit scorer", "high_risk", "deployer");
  auto short_kept = create_requirement("Credit decision log", credit, 5);
  ASSERT_FALSE(short_kept.ok());
  EXPECT_EQ(short_kept.error().field, "retention_months");
  EXPECT_THAT(short_kept.error().message, HasSubstr("at least 6 months (Art. 19 and 26(6))"));
  EXPECT_TRUE(create_requirement("Credit decision log", credit, 6).ok());
}

TEST_P(LoggingTest, ShorterRetentionIsAllowedWhereTheRuleDoesNotApply) {
  const int64_t chat = add_system("Chat assistant", "minimal", "deployer");
  EXPECT_TRUE(create_requirement("Chat log", chat, 3).ok());
  // The provider's own duty is not what this rule checks.
  const int64_t own = add_system("Own credit model", "high_risk", "provider");
  EXPECT_TRUE(create_requirement("Own model log", own, 3).ok());
}

TEST_P(LoggingTest, LogsStopArrivingOnceTheNewestIsOlderThanTheCadence) {
  const int64_t system = add_system("Fraud screen", "minimal", "deployer");
  const int64_t monitor = add_monitor(system);
  auto requirement = create_requirement("Fraud log", system, 12, monitor);
  ASSERT_TRUE(requirement.ok()) << requirement.error().message;

  auto check = check_logs(*db_, alpha_.org, *requirement, at(kOnTime));
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->stopped);
  EXPECT_THAT(check->reason, HasSubstr("none has reached its monitor yet"));

  // A log whose newest entry is kNewestLog, read a day later; a failed run is no log.
  add_run(monitor, system, "completed", "2026-11-02T08:00:00.000000Z", std::string(kNewestLog));
  add_run(monitor, system, "failed", "2026-11-05T08:00:00.000000Z", std::nullopt);
  check = check_logs(*db_, alpha_.org, *requirement, at(kOnTime));
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->stopped);
  EXPECT_EQ(check->reason,
            "Logs are arriving: the newest is from 2026-11-01 00:00 UTC (expected every 24 "
            "hours).");
  check = check_logs(*db_, alpha_.org, *requirement, at(kOnTime) + 1);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->stopped);
  EXPECT_EQ(check->reason,
            "Logs stopped arriving: the newest is from 2026-11-01 00:00 UTC, and one was expected "
            "every 24 hours.");
}

TEST_P(LoggingTest, ALogWithoutTimestampsCountsFromWhenItWasRead) {
  const int64_t system = add_system("Fraud screen", "minimal", "deployer");
  const int64_t monitor = add_monitor(system);
  auto requirement = create_requirement("Fraud log", system, 12, monitor);
  ASSERT_TRUE(requirement.ok());
  add_run(monitor, system, "completed", kNewestLog, std::nullopt);
  auto check = check_logs(*db_, alpha_.org, *requirement, at(kOnTime));
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->stopped);
  EXPECT_EQ(check->last_log_at, std::optional<std::string>(kNewestLog));
}

TEST_P(LoggingTest, A6_2_8NeedsALogPerSystemInOperationKeptLongEnoughAndArriving) {
  const int64_t credit = add_system("Credit scorer", "high_risk", "deployer");
  auto f = logging_finding(*db_, alpha_.org, at(kOnTime));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->status, readiness::Status::not_met);
  EXPECT_EQ(f->reason, "Credit scorer has no logging requirement.");

  const int64_t monitor = add_monitor(credit);
  ASSERT_TRUE(create_requirement("Credit decision log", credit, 6, monitor).ok());
  add_run(monitor, credit, "completed", kNewestLog, std::string(kNewestLog));
  f = logging_finding(*db_, alpha_.org, at(kOnTime));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->status, readiness::Status::met);
  EXPECT_EQ(f->reason,
            "Each of the 1 AI system in operation has a logging requirement, kept long enough, "
            "with logs arriving.");

  f = logging_finding(*db_, alpha_.org, at(kOnTime) + 1);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->status, readiness::Status::partial);
  EXPECT_EQ(f->reason, "Credit decision log: logs stopped arriving.");
  ASSERT_EQ(f->links.size(), 1u);
  EXPECT_EQ(f->links[0].label, "Credit decision log");

  ASSERT_NE(readiness::rule_for("iso-iec-42001-2023", "A.6.2.8"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Backends, LoggingTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::monitoring
