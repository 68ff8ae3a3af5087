// `aims lifecycle-policy show` and `set` as automation uses them: the default shown as JSON, a
// file adopted as the next version, and the exit status of each mistake (2 for usage errors).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using nlohmann::json;
using testing::run_aims;

class PolicyCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init = testing::init_organisation(url_, "Policy Co", "admin@policy.test");
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }
  testing::CommandResult policy(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--db", url_});
    args.insert(args.begin(), "lifecycle-policy");
    return run_aims(args);
  }
  json shown() {
    auto r = policy({"show", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return json::parse(r.output.substr(r.output.find('{')), nullptr, false);
  }
  testing::ScratchDir dir_{"policy-command"};
};

TEST_P(PolicyCommandTest, ShowPrintsTheDefaultAndSetAdoptsAFile) {
  auto text = policy({"show"});
  EXPECT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("Lifecycle policy (aims' default)"), std::string::npos);
  EXPECT_NE(text.output.find("  high tier: 1 approval from Admin or AIMS manager"),
            std::string::npos)
      << text.output;
  json p = shown();
  EXPECT_EQ(p["version"], 0);
  p.erase("version");  // a file written by hand builds on the version in force
  p["reason"] = "Critical systems need three";
  p["stages"]["deployment"]["approvals"]["critical"]["count"] = 3;
  auto set = policy({"set", "--file", dir_.write("policy.json", p.dump())});
  EXPECT_EQ(set.exit_code, 0) << set.output;
  EXPECT_NE(set.output.find("Adopted version 1"), std::string::npos) << set.output;
  const json after = shown();
  EXPECT_EQ(after["version"], 1);
  EXPECT_EQ(after["stages"]["deployment"]["approvals"]["critical"]["count"], 3);
  EXPECT_EQ(after["reason"], "Critical systems need three");
}

TEST_P(PolicyCommandTest, MistakesExitWithTwoAndNameTheField) {
  EXPECT_EQ(policy({"set"}).exit_code, 2);  // no --file
  EXPECT_EQ(policy({"set", "--file", dir_.path("missing.json")}).exit_code, 2);
  EXPECT_EQ(policy({"set", "--file", dir_.write("not.json", "stages:")}).exit_code, 2);
  json p = shown();
  p["reason"] = "Too many";
  p["stages"]["deployment"]["approvals"]["high"]["count"] = 4;
  auto bad = policy({"set", "--file", dir_.write("bad.json", p.dump())});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("stages.deployment.approvals.high.count"), std::string::npos)
      << bad.output;
  EXPECT_EQ(shown()["version"], 0);                                      // nothing adopted
  EXPECT_EQ(run_aims({"lifecycle-policy", "--db", url_}).exit_code, 2);  // no subcommand
}

INSTANTIATE_TEST_SUITE_P(Backends, PolicyCommandTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
