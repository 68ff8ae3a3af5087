// The technical file through the real server: the live draft as JSON and as a printable page that
// names its incomplete sections at the top, the AI system page's panel, and a file record's
// printable page.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

class TechnicalFilePagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("File Org");
    manager_ = std::make_unique<testing::HttpClient>(server_->signed_in(org_, Role::aims_manager));
    auto system = manager_->send_json("POST", "/api/v1/ai-systems",
                                      {{"name", "Loans"},
                                       {"purpose", "loan decisions"},
                                       {"intended_use", "Personal loans"},
                                       {"org_role", "deployer"},
                                       {"owner_id", org_.users[Role::admin].id}});
    ASSERT_EQ(system.status, 201) << system.body;
    system_ = std::to_string(system.json()["id"].get<int64_t>());
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> manager_;
  std::string system_;
};

TEST_F(TechnicalFilePagesTest, TheLiveDraftNamesItsIncompleteSections) {
  auto api = manager_->get("/api/v1/ai-systems/" + system_ + "/technical-file");
  ASSERT_EQ(api.status, 200) << api.body;
  const json file = api.json();
  EXPECT_EQ(file["system_name"], "Loans");
  EXPECT_EQ(file["complete"], false);
  // The intended use is stated, the EU AI Act class is not: general description is incomplete.
  EXPECT_EQ(file["sections"][0]["missing"], "the EU AI Act class is not decided");
  EXPECT_EQ(file["sections"][7]["key"], "changes");
  EXPECT_EQ(file["sections"][7]["complete"], true);

  auto page = manager_->get("/inventory/systems/" + system_ + "/technical-file");
  ASSERT_EQ(page.status, 200);
  const auto top = page.body.find("Incomplete sections:");
  ASSERT_NE(top, std::string::npos);
  EXPECT_LT(top, page.body.find("1. General description and intended purpose"));
  EXPECT_NE(page.body.find("Personal loans"), std::string::npos);

  auto panel = manager_->get("/inventory/systems/" + system_);
  EXPECT_NE(panel.body.find("1 of 9 sections complete"), std::string::npos);
  EXPECT_NE(panel.body.find("the system has no technical file"), std::string::npos);
}

TEST_F(TechnicalFilePagesTest, AFileRecordPrintsAsItWouldBeAssembledBeforeApproval) {
  auto made = manager_->send_json("POST", "/api/v1/technical-files",
                                  {{"name", "Loans file"},
                                   {"ai_system_id", std::stoll(system_)},
                                   {"design_choices", "Logistic regression for explainability"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = std::to_string(made.json()["id"].get<int64_t>());
  auto print = manager_->get("/lifecycle/technical-files/" + id + "/print");
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("draft assembled now, not approved"), std::string::npos);
  EXPECT_NE(print.body.find("Logistic regression for explainability"), std::string::npos);
  // Approval is refused while sections are incomplete, naming them.
  testing::HttpClient admin = server_->signed_in(org_, Role::admin);
  auto refused = admin.send_json("POST", "/api/v1/technical-files/" + id + "/transitions",
                                 {{"transition", "approve"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  const std::string message = refused.json()["error"]["message"];
  EXPECT_NE(message.find("complete these sections before approving: General description"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace aims
