// `aims technical-file show` as an auditor uses it: a summary naming each incomplete section and
// why, exit 4 while one is incomplete, JSON as the API answers, the whole file as Markdown, and
// exit 2 on a usage error.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using nlohmann::json;
using testing::run_aims;

class TechnicalFileCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init = testing::init_organisation(url_, "File Co", "admin@file.test");
    ASSERT_EQ(init.exit_code, 0) << init.output;
    // A fresh database's first user, the administrator, has id 1.
    auto system = run_aims({"systems", "add", "--db", url_, "--set", "name=Forecast", "--set",
                            "purpose=demand", "--set", "org_role=developer", "--set", "owner_id=1",
                            "--set", "intended_use=Branch cash planning"});
    ASSERT_EQ(system.exit_code, 0) << system.output;
    system_ = std::to_string(
        json::parse(system.output.substr(system.output.find('{')))["id"].get<int64_t>());
  }
  testing::CommandResult show(std::vector<std::string> args) {
    args.insert(args.begin(), {"technical-file", "show", "--db", url_});
    return run_aims(args);
  }
  std::string system_;
};

TEST_P(TechnicalFileCommandTest, NamesIncompleteSectionsAndExitsWithFour) {
  auto summary = show({"--system", system_});
  EXPECT_EQ(summary.exit_code, 4) << summary.output;
  EXPECT_NE(summary.output.find("INCOMPLETE Design choices: the design choices and their reasons "
                                "are not written in the technical file"),
            std::string::npos)
      << summary.output;
  EXPECT_NE(summary.output.find("complete   Changes"), std::string::npos) << summary.output;

  auto as_json = show({"--system", system_, "--json"});
  ASSERT_EQ(as_json.exit_code, 4) << as_json.output;
  const json file = json::parse(as_json.output.substr(as_json.output.find('{')));
  EXPECT_EQ(file["complete"], false);
  EXPECT_EQ(file["sections"].size(), 9u);
  EXPECT_EQ(file["sections"][0]["key"], "general");

  auto markdown = show({"--system", system_, "--markdown"});
  EXPECT_EQ(markdown.exit_code, 4);
  EXPECT_NE(markdown.output.find("# Technical file: Forecast"), std::string::npos);
  EXPECT_NE(markdown.output.find("Branch cash planning"), std::string::npos);
}

TEST_P(TechnicalFileCommandTest, AUsageErrorExitsWithTwo) {
  EXPECT_EQ(show({}).exit_code, 2);  // no --system
  EXPECT_EQ(show({"--system", system_, "--json", "--markdown"}).exit_code, 2);
  EXPECT_EQ(show({"--system", system_, "--model-version", "999"}).exit_code, 2);
  EXPECT_EQ(show({"--system", "999999"}).exit_code, 1);  // not found
}

INSTANTIATE_TEST_SUITE_P(Backends, TechnicalFileCommandTest,
                         ::testing::ValuesIn(testing::all_backends()), testing::backend_name);

}  // namespace
}  // namespace aims
