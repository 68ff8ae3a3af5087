// `aims oversight` as a pipeline uses it: metrics as JSON for a report, the exit status telling a
// usage error (2) from a refusal (1): no approved plan yet, an AI system that does not exist.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using nlohmann::json;
using testing::run_aims;

class OversightCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init = testing::init_organisation(url_, "Oversight Co", "admin@oversight.test");
    ASSERT_EQ(init.exit_code, 0) << init.output;
    auto admin = db_->read([](store::Tx& tx) {
      return tx.query_row("SELECT id FROM users WHERE email = $1", {"admin@oversight.test"});
    });
    ASSERT_TRUE(admin.ok() && admin->has_value());
    auto system = run_aims({"systems", "add", "--db", url_, "--set", "name=Loans", "--set",
                            "purpose=loan decisions", "--set", "org_role=deployer", "--set",
                            "owner_id=" + std::to_string((*admin)->int64(0))});
    ASSERT_EQ(system.exit_code, 0) << system.output;
    system_ = std::to_string(
        json::parse(system.output.substr(system.output.find('{')))["id"].get<int64_t>());
  }

  testing::CommandResult oversight(std::vector<std::string> args) {
    args.insert(args.begin(), "oversight");
    args.insert(args.end(), {"--db", url_});
    return run_aims(args);
  }

  std::string system_;
};

TEST_P(OversightCommandTest, MetricsAnswerAsJson) {
  auto r = oversight({"metrics", "--system", system_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json m = json::parse(r.output.substr(r.output.find('{')));
  EXPECT_EQ(m["decisions"], 0);
  EXPECT_TRUE(m["override_rate"].is_null());
}

TEST_P(OversightCommandTest, UsageErrorsExitTwoRefusalsOne) {
  EXPECT_EQ(oversight({"metrics", "--system", system_, "--days", "0"}).exit_code, 2);
  EXPECT_EQ(oversight({"submit", "--system", system_, "--decision-id", "a", "--outcome", "b",
                       "--score", "2"})
                .exit_code,
            2);
  EXPECT_EQ(oversight({"submit", "--system", system_, "--decision-id", "a", "--outcome", "b",
                       "--group", "novalue"})
                .exit_code,
            2);
  auto no_plan = oversight({"submit", "--system", system_, "--decision-id", "a", "--outcome", "b"});
  EXPECT_EQ(no_plan.exit_code, 1);
  EXPECT_NE(no_plan.output.find("no approved oversight plan"), std::string::npos) << no_plan.output;
  EXPECT_EQ(oversight({"metrics", "--system", "999999"}).exit_code, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, OversightCommandTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims
