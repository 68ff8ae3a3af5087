// `aims monitor` as a CI/CD gate uses it: create a monitor from a file, run it over logs, read the
// JSON, and rely on the exit status (0 passed, 4 breached with --fail-on-breach, 1 failed).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backends.h"
#include "support/decision_log.h"
#include "support/process.h"

namespace aims {
namespace {

using nlohmann::json;
using testing::run_aims;

class MonitorCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init = testing::init_organisation(url_, "Gate Co", "admin@gate.test");
    ASSERT_EQ(init.exit_code, 0) << init.output;
    auto admin = db_->read([](store::Tx& tx) {
      return tx.query_row("SELECT id FROM users WHERE email = $1", {"admin@gate.test"});
    });
    ASSERT_TRUE(admin.ok() && admin->has_value());
    // No --org: the database holds one organisation.
    auto system = run_aims({"systems", "add", "--db", url_, "--set", "name=Loan gate", "--set",
                            "purpose=loan decisions", "--set", "org_role=deployer", "--set",
                            "owner_id=" + std::to_string((*admin)->int64(0))});
    ASSERT_EQ(system.exit_code, 0) << system.output;
    system_id_ = json::parse(system.output.substr(system.output.find('{')))["id"];
    write("monitor.json", R"({"name": "Fairness gate", "human_review_on_breach": true,
      "config": {"columns": {"id": "id", "prediction": "pred", "label": "label",
                             "sensitive_attributes": ["g"]}, "min_group_size": 1},
      "thresholds": [{"metric": "fairness.disparate_impact", "scope": "attribute:g",
                      "comparison": "below", "value": 0.8}]})");
    auto created = monitor({"create", "--file", path("monitor.json")});
    ASSERT_EQ(created.exit_code, 0) << created.output;
  }
  std::string path(const std::string& name) const { return scratch_.path(name); }
  void write(const std::string& name, const std::string& text) const { scratch_.write(name, text); }
  testing::CommandResult monitor(std::vector<std::string> args) {
    args.insert(args.begin(), "monitor");
    args.insert(args.end(), {"--db", url_, "--system", std::to_string(system_id_)});
    return run_aims(args);
  }

  testing::ScratchDir scratch_{"aims-monitor-cli"};
  int64_t system_id_ = 0;
};

TEST_P(MonitorCommandTest, AFairLogPassesTheGate) {
  write("fair.csv",
        testing::two_group_log(4, 4));  // selection rates 4/8 and 4/8: disparate impact 1
  auto r = monitor({"run", "--log", path("fair.csv"), "--fail-on-breach"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("16 rows"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("No threshold breached."), std::string::npos) << r.output;
}

TEST_P(MonitorCommandTest, ABreachFailsTheGateAndSwitchesToHumanReview) {
  // Selection rates: a 2/8 = 0.25, b 4/8 = 0.5; disparate impact 0.25 / 0.5 = 0.5 < 0.8.
  write("unfair.csv", testing::two_group_log(2, 4));
  auto r = monitor({"run", "--log", path("unfair.csv"), "--fail-on-breach", "--json"});
  ASSERT_EQ(r.exit_code, 4) << r.output;
  const json run = json::parse(r.output.substr(r.output.find('{')));
  EXPECT_EQ(run["status"], "completed");
  EXPECT_EQ(run["rows"], 16);
  EXPECT_EQ(run["source"], "cli");
  ASSERT_EQ(run["alerts"].size(), 1u);
  EXPECT_EQ(run["alerts"][0]["metric"], "fairness.disparate_impact");
  EXPECT_EQ(run["alerts"][0]["scope"], "attribute:g");
  EXPECT_DOUBLE_EQ(run["alerts"][0]["value"].get<double>(), 0.5);
  EXPECT_TRUE(run["incident_id"].is_number());
  EXPECT_EQ(run["oversight"]["human_review_required"], true);
  EXPECT_EQ(run["oversight"]["source"], "breach");
  // Without --fail-on-breach the same breach is reported and the command succeeds.
  EXPECT_EQ(monitor({"run", "--log", path("unfair.csv")}).exit_code, 0);
  auto verified = run_aims({"audit", "verify", "--db", url_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
}

TEST_P(MonitorCommandTest, RobustnessPairsTheLogsAndGatesOnTheWorstGroupsFlipRate) {
  // Original: a and b each predict 1 for their first 4 of 8 rows; perturbed: a only for its
  // first 2. Rows r3 and r4 flip: 2 of 16 overall (0.125), 2 of 8 in group a (0.25), 0 in b.
  write("original.csv", testing::two_group_log(4, 4));
  write("perturbed.csv", testing::two_group_log(2, 4));
  const std::vector<std::string> pair = {"robustness", "--original", path("original.csv"),
                                         "--perturbed", path("perturbed.csv")};
  auto strict = pair;
  strict.insert(strict.end(), {"--max-flip-rate", "0.2", "--json"});
  auto r = monitor(strict);
  ASSERT_EQ(r.exit_code, 4) << r.output;
  const json report = json::parse(r.output.substr(r.output.find('{')));
  EXPECT_EQ(report["overall"]["pairs"], 16);
  EXPECT_DOUBLE_EQ(report["overall"]["flip_rate"]["value"].get<double>(), 0.125);
  ASSERT_EQ(report["groups"].size(), 2u);
  EXPECT_EQ(report["groups"][0]["group"], "a");
  EXPECT_DOUBLE_EQ(report["groups"][0]["flip_rate"]["value"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(report["groups"][1]["flip_rate"]["value"].get<double>(), 0.0);
  ASSERT_EQ(report["breaches"].size(), 1u);
  EXPECT_EQ(report["breaches"][0], "g = a: flip rate 0.2500 above 0.2000");

  auto lenient = pair;
  lenient.insert(lenient.end(), {"--max-flip-rate", "0.3"});
  auto passed = monitor(lenient);
  EXPECT_EQ(passed.exit_code, 0) << passed.output;
  EXPECT_NE(passed.output.find("flip rate         0.1250"), std::string::npos) << passed.output;

  write("twice.csv", "id,g,pred,label\nr1,a,1,1\nr1,a,0,0\n");
  auto refused = monitor(
      {"robustness", "--original", path("twice.csv"), "--perturbed", path("perturbed.csv")});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("line 3: id 'r1' appears more than once in the original log"),
            std::string::npos)
      << refused.output;
}

TEST_P(MonitorCommandTest, AMalformedLogFailsWithTheLine) {
  write("broken.csv", "id,g,pred,label\nr1,a,1,1\nr2,a,\"1,1\n");
  auto r = monitor({"run", "--log", path("broken.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("line 3"), std::string::npos) << r.output;
  auto missing = monitor({"run", "--log", path("no-such.csv")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("no-such.csv"), std::string::npos) << missing.output;
}

TEST_P(MonitorCommandTest, ALogPastALimitFailsNamingTheOptionThatRaisesIt) {
  write("fair.csv", testing::two_group_log(4, 4));  // 16 rows
  auto r = monitor({"run", "--log", path("fair.csv"), "--max-log-rows", "15"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("the log has more than 15 rows, the limit for one run (raise it with "
                          "--max-log-rows)"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(monitor({"run", "--log", path("fair.csv"), "--max-log-rows", "16"}).exit_code, 0);
}

TEST_P(MonitorCommandTest, SeveralMonitorsMustBeChosenBetween) {
  write("second.json", R"({"name": "Second", "config": {"columns": {"prediction": "pred",
                          "label": "label"}}})");
  ASSERT_EQ(monitor({"create", "--file", path("second.json")}).exit_code, 0);
  write("fair.csv", testing::two_group_log(4, 4));
  auto r = monitor({"run", "--log", path("fair.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("--monitor"), std::string::npos) << r.output;
  auto listed = run_aims({"monitor", "list", "--db", url_, "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const json monitors = json::parse(listed.output.substr(listed.output.find('[')));
  ASSERT_EQ(monitors.size(), 2u);
  auto chosen =
      run_aims({"monitor", "run", "--db", url_, "--monitor",
                std::to_string(monitors[1]["id"].get<int64_t>()), "--log", path("fair.csv")});
  EXPECT_EQ(chosen.exit_code, 0) << chosen.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitorCommandTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
