// `aims <register> list` as people read it: people and referenced records by the names the web
// pages show, never by their ids; `--format json` keeps the ids for scripts.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using testing::run_aims;

class ListCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto init = run_aims({"init", "--db", url_, "--org", "Cli Co", "--admin", "admin@cli.test",
                          "--admin-name", "Ada Admin"},
                         {"AIMS_ADMIN_PASSWORD=a long admin passphrase"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }

  // Runs `aims ARGS --db URL` and returns its standard output; fails the test on an error.
  std::string run(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(url_);
    auto result = run_aims(args);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return result.output;
  }

  // The id `aims <register> add` printed (the JSON of the new record).
  std::string add(const std::string& command, const std::vector<std::string>& sets) {
    std::vector<std::string> args = {command, "add"};
    for (const auto& s : sets) {
      args.push_back("--set");
      args.push_back(s);
    }
    const std::string out = run(args);
    const auto brace = out.find('{');
    if (brace == std::string::npos) return "";
    return std::to_string(nlohmann::json::parse(out.substr(brace))["id"].get<int64_t>());
  }
};

TEST_P(ListCommandTest, PeopleAndReferencedRecordsAppearByName) {
  // `aims user add` prints "id <tab> email <tab> name <tab> role <tab> status".
  auto added = run_aims({"user", "add", "--db", url_, "--email", "owner@cli.test", "--name",
                         "Bo Owner", "--role", "contributor"},
                        {"AIMS_USER_PASSWORD=a long user passphrase"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const auto line = added.output.find("\towner@cli.test\t");
  ASSERT_NE(line, std::string::npos) << added.output;
  const std::string owner = added.output.substr(added.output.rfind('\n', line) + 1,
                                                line - added.output.rfind('\n', line) - 1);

  const std::string supplier = add("suppliers", {"name=Data vendor", "provides=data"});
  const std::string model =
      add("models", {"name=Scorer", "model_version=2.1", "model_type=classifier",
                     "provider=supplier", "supplier_id=" + supplier});
  const std::string system =
      add("systems", {"name=Credit scoring", "purpose=Scores applications.", "org_role=deployer",
                      "owner_id=" + owner, "model_ids=" + model});
  const std::string incident = add("incidents", {"title=Drift in October", "system_id=" + system});
  ASSERT_FALSE(supplier.empty() || model.empty() || system.empty() || incident.empty());

  // The owner by name; the other columns as the description's defaults label them.
  EXPECT_NE(run({"systems", "list"})
                .find("\n" + system +
                      "\tCredit scoring\tBo Owner\tDesign\tNot yet assessed\t"
                      "Medium\tyes\n"),
            std::string::npos);
  // The supplier by its name; the model by its display name, "name version".
  EXPECT_NE(run({"models", "list"})
                .find("\n" + model + "\tScorer 2.1\t2.1\tClassifier\tA supplier\tData vendor\n"),
            std::string::npos);
  // The AI system by its name; then severity, status and breaches (last seen is the clock's).
  EXPECT_NE(run({"incidents", "list"})
                .find("\n" + incident + "\tDrift in October\tCredit scoring\tMedium\tOpen\t0\t"),
            std::string::npos);

  // JSON is for scripts: ids stay ids.
  const std::string json = run({"incidents", "list", "--format", "json"});
  const auto items = nlohmann::json::parse(json.substr(json.find('[')));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(std::to_string(items[0]["system_id"].get<int64_t>()), system);
}

INSTANTIATE_TEST_SUITE_P(Backends, ListCommandTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims
