// `aims gate check` as a delivery pipeline uses it: exit 0 when every criterion is met, 4 when one
// is not, 2 on a usage error, and JSON as the API answers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using nlohmann::json;
using testing::run_aims;

class GateCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init = testing::init_organisation(url_, "Gate Co", "admin@gate.test");
    ASSERT_EQ(init.exit_code, 0) << init.output;
    // A fresh database's first user, the administrator, has id 1.
    auto system = run_aims({"systems", "add", "--db", url_, "--set", "name=Forecast", "--set",
                            "purpose=demand", "--set", "org_role=developer", "--set", "owner_id=1",
                            "--set", "risk_tier=low"});
    ASSERT_EQ(system.exit_code, 0) << system.output;
    system_ = std::to_string(
        json::parse(system.output.substr(system.output.find('{')))["id"].get<int64_t>());
  }
  testing::CommandResult gate(std::vector<std::string> args) {
    args.insert(args.begin(), {"gate", "check", "--db", url_});
    return run_aims(args);
  }
  std::string system_;
};

TEST_P(GateCommandTest, ExitStatusSaysWhetherTheGatePassed) {
  // Development at the low tier asks only that no hold is in force.
  auto passed = gate({"--system", system_, "--stage", "development"});
  EXPECT_EQ(passed.exit_code, 0) << passed.output;
  EXPECT_NE(passed.output.find("PASSED"), std::string::npos) << passed.output;

  // Deployment asks for an impact assessment, treated risks and agreed requirements too.
  auto failed = gate({"--system", system_, "--stage", "deployment", "--json"});
  ASSERT_EQ(failed.exit_code, 4) << failed.output;
  const json check = json::parse(failed.output.substr(failed.output.find('{')));
  EXPECT_EQ(check["passed"], false);
  EXPECT_EQ(check["source"], "cli");
  EXPECT_EQ(check["risk_tier"], "low");
  std::vector<std::string> keys;
  for (const auto& c : check["criteria"])
    keys.push_back(c["key"]);
  EXPECT_EQ(keys, (std::vector<std::string>{"no_hold", "impact_assessment", "risks_treated",
                                            "requirements"}));
  EXPECT_EQ(check["criteria"][1]["reason"], "no approved assessment");
  // The check is evidence: it is in the audit trail, which still verifies.
  auto verified = run_aims({"audit", "verify", "--db", url_});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
}

TEST_P(GateCommandTest, AUsageErrorExitsWithTwo) {
  auto stage = gate({"--system", system_, "--stage", "launch"});
  EXPECT_EQ(stage.exit_code, 2) << stage.output;
  EXPECT_NE(stage.output.find("choose the stage to enter"), std::string::npos) << stage.output;
  EXPECT_EQ(gate({"--stage", "deployment"}).exit_code, 2);  // no --system
  EXPECT_EQ(
      gate({"--system", system_, "--stage", "deployment", "--perturbed-log", "x.csv"}).exit_code,
      2);
  EXPECT_EQ(gate({"--system", "999999", "--stage", "deployment"}).exit_code, 1);  // not found
}

INSTANTIATE_TEST_SUITE_P(Backends, GateCommandTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
