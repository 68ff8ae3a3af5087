// The public transparency page through the real server: anyone holding the link, without signing
// in, reads only the published sections of the latest approved version (a draft's text, the
// unpublished sections, other systems and the people behind them never appear); a rotated,
// unpublished or unknown link answers 404, and every other page and API about the system still
// asks for a login.
#include <regex>

#include <gtest/gtest.h>

#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

class PublicPageTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    server_ = std::make_unique<testing::TestServer>(url_);
    org_ = server_->seed_org("Alpha Bank");
    admin_ = client(Role::admin);
    manager_ = client(Role::aims_manager);
    author_ = client(Role::contributor);
    system_ = add_system("Loans");
    instructions_ = approved_instructions(system_, "PUBLISHED");
    other_ = add_system("Hiring");
    approved_instructions(other_, "OTHER-SYSTEM");
  }

  std::unique_ptr<testing::HttpClient> client(Role role) {
    return std::make_unique<testing::HttpClient>(server_->signed_in(org_, role));
  }

  int64_t create(testing::HttpClient& as, const std::string& path, const json& body) {
    auto r = as.send_json("POST", path, body);
    EXPECT_EQ(r.status, 201) << path << ": " << r.body;
    return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
  }

  int64_t add_system(const std::string& name) {
    return create(*manager_, "/api/v1/ai-systems",
                  {{"name", name},
                   {"purpose", "decisions"},
                   {"org_role", "deployer"},
                   {"owner_id", org_.users[Role::admin].id}});
  }

  void move(int64_t id, const std::string& name, const std::string& reason = "") {
    const std::string path = "/api/v1/instructions-for-use/" + std::to_string(id);
    const auto current = admin_->get(path).json();
    auto r = admin_->send_json(
        "POST", path + "/transitions", {{"transition", name}, {"reason", reason}},
        {{"If-Match", "\"" + std::to_string(current["version"].get<int64_t>()) + "\""}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Every section says whose it is; the limitations and the accuracy are not published.
  int64_t approved_instructions(int64_t system, const std::string& marker) {
    const int64_t id = create(*author_, "/api/v1/instructions-for-use",
                              {{"name", marker + " instructions"},
                               {"ai_system_id", system},
                               {"version_label", "3.2"},
                               {"does", marker + "-DOES"},
                               {"does_not", marker + "-DOES-NOT"},
                               {"limitations", marker + "-LIMITATIONS"},
                               {"human_role", marker + "-HUMAN-ROLE"},
                               {"contest", marker + "-CONTEST"},
                               {"publish_limitations", false},
                               {"publish_accuracy", false}});
    move(id, "approve");
    return id;
  }

  std::string publish(int64_t system) {
    auto r = manager_->send_json("POST",
                                 "/api/v1/ai-systems/" + std::to_string(system) + "/transparency",
                                 {{"action", "publish"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("link", "");
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> admin_, manager_, author_;
  int64_t system_ = 0, other_ = 0, instructions_ = 0;
};

TEST_P(PublicPageTest, ShowsOnlyThePublishedSectionsOfTheApprovedVersion) {
  const std::string link = publish(system_);
  ASSERT_TRUE(link.starts_with("/transparency/"));
  // A revision in draft: the public still reads version 1.
  move(instructions_, "revise", "a new limitation");
  const auto current =
      author_->get("/api/v1/instructions-for-use/" + std::to_string(instructions_)).json();
  auto edited = author_->send_json(
      "PATCH", "/api/v1/instructions-for-use/" + std::to_string(instructions_),
      {{"does", "DRAFT-TEXT"}},
      {{"If-Match", "\"" + std::to_string(current["version"].get<int64_t>()) + "\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;

  testing::HttpClient anonymous = server_->client();
  const auto page = anonymous.get(link);
  ASSERT_EQ(page.status, 200) << page.body;
  for (const char* shown : {"PUBLISHED-DOES", "PUBLISHED-DOES-NOT", "PUBLISHED-HUMAN-ROLE",
                            "PUBLISHED-CONTEST", "Loans", "Alpha Bank", "Version 1"})
    EXPECT_NE(page.body.find(shown), std::string::npos) << shown;
  for (const char* hidden : {"PUBLISHED-LIMITATIONS", "DRAFT-TEXT", "OTHER-SYSTEM", "Hiring",
                             "Accuracy by group", "@alpha-bank.test", "/inventory/", "/api/"})
    EXPECT_EQ(page.body.find(hidden), std::string::npos) << hidden;
  EXPECT_EQ(page.header("cache-control").value_or(""), "no-store");
  EXPECT_FALSE(page.header("set-cookie").has_value());
}

TEST_P(PublicPageTest, RotatedUnpublishedAndUnknownLinksAnswer404) {
  const std::string first = publish(system_);
  const std::string second = publish(system_);
  testing::HttpClient anonymous = server_->client();
  EXPECT_EQ(anonymous.get(first).status, 404);
  EXPECT_EQ(anonymous.get(second).status, 200);
  EXPECT_EQ(anonymous.get("/transparency/not-a-token").status, 404);
  EXPECT_EQ(anonymous.get(second + "x").status, 404);
  auto down =
      manager_->send_json("POST", "/api/v1/ai-systems/" + std::to_string(system_) + "/transparency",
                          {{"action", "unpublish"}});
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.json()["published"], false);
  EXPECT_EQ(anonymous.get(second).status, 404);
}

TEST_P(PublicPageTest, NothingElseIsReachableWithoutALogin) {
  publish(system_);
  testing::HttpClient anonymous = server_->client();
  const std::string system = std::to_string(system_);
  const std::string instructions = std::to_string(instructions_);
  for (const std::string& api : std::vector<std::string>{
           "/api/v1/instructions-for-use", "/api/v1/instructions-for-use/" + instructions,
           "/api/v1/instructions-for-use/" + instructions + "/versions",
           "/api/v1/ai-systems/" + system + "/transparency",
           "/api/v1/ai-systems/" + system + "/technical-file"})
    EXPECT_EQ(anonymous.get(api).status, 401) << api;
  for (const std::string& page : std::vector<std::string>{
           "/lifecycle/instructions/" + instructions, "/inventory/systems/" + system,
           "/inventory/systems/" + system + "/technical-file"}) {
    const auto r = anonymous.get(page);
    EXPECT_TRUE(r.status == 302 || r.status == 303) << page << ": " << r.status;
  }
  auto publish_anonymously = anonymous.send_json(
      "POST", "/api/v1/ai-systems/" + system + "/transparency", {{"action", "publish"}});
  EXPECT_EQ(publish_anonymously.status, 401);
}

// Without JavaScript: the system page's form publishes, and the answer shows the link once.
TEST_P(PublicPageTest, TheSystemPagePublishesAndShowsTheLinkOnce) {
  const std::string system = "/inventory/systems/" + std::to_string(system_);
  const auto page = manager_->get(system);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Publish the public page"), std::string::npos);
  auto published = manager_->request("POST", system + "/transparency",
                                     "_csrf=" + manager_->csrf() + "&action=publish",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(published.status, 200) << published.body;
  std::smatch link;
  ASSERT_TRUE(std::regex_search(published.body, link,
                                std::regex("id=\"transparency-link\">(/transparency/[^<]+)<")));
  EXPECT_EQ(server_->client().get(link[1].str()).status, 200);
  // The system page says it is published, and never shows the link again.
  const auto after = manager_->get(system);
  EXPECT_NE(after.body.find("Public page published"), std::string::npos);
  EXPECT_EQ(after.body.find(link[1].str()), std::string::npos);
}

TEST_P(PublicPageTest, OnlyAnAdminOrAimsManagerPublishes) {
  auto refused =
      author_->send_json("POST", "/api/v1/ai-systems/" + std::to_string(system_) + "/transparency",
                         {{"action", "publish"}});
  EXPECT_EQ(refused.status, 403);
  auto bad =
      manager_->send_json("POST", "/api/v1/ai-systems/" + std::to_string(system_) + "/transparency",
                          {{"action", "share"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["field"], "action") << bad.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicPageTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims
