// The review queue through the real server: a plan written and approved through the API, a
// decision submitted and retried, polled, refused an override without a reason, overridden, polled
// again and refused a second review; bad input named by field; the queue page's form confirms one;
// the decision's page, the metrics and the system page's panel.
#include <gtest/gtest.h>

#include "auth/auth.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

class OversightApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Oversight Org");
    admin_ = client(Role::admin);
    manager_ = client(Role::aims_manager);
    reviewer_ = client(Role::contributor);
    system_ = create(*manager_, "/api/v1/ai-systems",
                     {{"name", "Loans"},
                      {"purpose", "loan decisions"},
                      {"org_role", "deployer"},
                      {"owner_id", org_.users[Role::admin].id}});
    const int64_t plan = create(*manager_, "/api/v1/oversight-plans",
                                {{"name", "Loans: every decision"},
                                 {"ai_system_id", system_},
                                 {"acceptable_use", "Consumer loans only; never employment."},
                                 {"mode", "every"},
                                 {"reviewer_role", "contributor"},
                                 {"target_hours", 4},
                                 {"max_override_rate", 0.2}});
    auto approved = admin_->send_json(
        "POST", "/api/v1/oversight-plans/" + std::to_string(plan) + "/transitions",
        {{"transition", "approve"}}, {{"If-Match", "\"1\""}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    ASSERT_EQ(approved.json()["moved"], true);
  }

  std::unique_ptr<testing::HttpClient> client(Role role) {
    return std::make_unique<testing::HttpClient>(server_->signed_in(org_, role));
  }

  int64_t create(testing::HttpClient& as, const std::string& path, const json& body) {
    auto r = as.send_json("POST", path, body);
    EXPECT_EQ(r.status, 201) << path << ": " << r.body;
    return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
  }

  std::string submit_path() const {
    return "/api/v1/ai-systems/" + std::to_string(system_) + "/oversight/decisions";
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> admin_, manager_, reviewer_;
  int64_t system_ = 0;
};

TEST_F(OversightApiTest, SubmitPollOverridePoll) {
  const json body = {{"decision_id", "loan-1"},
                     {"outcome", "approve"},
                     {"score", 0.82},
                     {"groups", {{"age_band", "65+"}}},
                     {"context", {{"amount", 12000}}}};
  // The production system's account submits; a person reviews.
  auto submitted = manager_->send_json("POST", submit_path(), body);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ(submitted.json()["wait_for_review"], true);
  EXPECT_EQ(submitted.json()["route"], "held");
  const std::string id = std::to_string(submitted.json()["id"].get<int64_t>());
  auto retry = manager_->send_json("POST", submit_path(), body);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.json()["id"], submitted.json()["id"]);

  const std::string poll = "/api/v1/oversight-decisions/" + id;
  EXPECT_EQ(reviewer_->get(poll).json()["state"], "pending");

  auto viewer = client(Role::viewer);
  EXPECT_EQ(viewer->send_json("POST", poll + "/review", {{"action", "confirm"}}).status, 403);
  auto no_reason = reviewer_->send_json("POST", poll + "/review",
                                        {{"action", "override"}, {"outcome", "refer"}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_NE(no_reason.body.find("reason"), std::string::npos);
  auto bad_action = reviewer_->send_json("POST", poll + "/review", {{"action", "maybe"}});
  EXPECT_EQ(bad_action.status, 422);

  auto overridden = reviewer_->send_json(
      "POST", poll + "/review",
      {{"action", "override"}, {"outcome", "refer"}, {"reason", "Income proof is stale"}});
  ASSERT_EQ(overridden.status, 200) << overridden.body;
  const json after = reviewer_->get(poll).json();
  EXPECT_EQ(after["state"], "overridden");
  EXPECT_EQ(after["final_outcome"], "refer");
  EXPECT_EQ(after["reason"], "Income proof is stale");
  EXPECT_EQ(after["wait_for_review"], false);
  EXPECT_EQ(reviewer_->send_json("POST", poll + "/review", {{"action", "confirm"}}).status, 409);

  auto m = viewer->get("/api/v1/ai-systems/" + std::to_string(system_) + "/oversight/metrics");
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(m.json()["decisions"], 1);
  EXPECT_EQ(m.json()["overridden"], 1);
  EXPECT_EQ(m.json()["groups"][0]["group"], "age_band=65+");
}

TEST_F(OversightApiTest, BadInputIsNamed) {
  auto score = reviewer_->send_json("POST", submit_path(),
                                    {{"decision_id", "x"}, {"outcome", "a"}, {"score", 2}});
  EXPECT_EQ(score.status, 422);
  EXPECT_NE(score.body.find("score"), std::string::npos);
  auto no_outcome = reviewer_->send_json("POST", submit_path(), {{"decision_id", "x"}});
  EXPECT_EQ(no_outcome.status, 422);
  EXPECT_NE(no_outcome.body.find("outcome"), std::string::npos);
  auto groups = reviewer_->send_json(
      "POST", submit_path(), {{"decision_id", "x"}, {"outcome", "a"}, {"groups", {{"age", 3}}}});
  EXPECT_EQ(groups.status, 422);
  EXPECT_EQ(reviewer_->get("/api/v1/oversight-decisions?state=odd").status, 422);
  EXPECT_EQ(reviewer_->get("/api/v1/oversight-decisions/999999").status, 404);
  auto viewer = client(Role::viewer);
  EXPECT_EQ(
      viewer->send_json("POST", submit_path(), {{"decision_id", "x"}, {"outcome", "a"}}).status,
      403);
}

TEST_F(OversightApiTest, TheQueuePageConfirmsByForm) {
  auto submitted = manager_->send_json(
      "POST", submit_path(),
      {{"decision_id", "loan-2"}, {"outcome", "decline"}, {"summary", "Debt ratio 0.61"}});
  ASSERT_EQ(submitted.status, 201);
  const std::string id = std::to_string(submitted.json()["id"].get<int64_t>());
  auto page = reviewer_->get("/oversight/queue?system_id=" + std::to_string(system_));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Loans: decision loan-2"), std::string::npos);
  EXPECT_NE(page.body.find("Confirm decline"), std::string::npos);
  EXPECT_NE(page.body.find("for=\"d-" + id + "-reason\""), std::string::npos);

  auto refused = reviewer_->request("POST", "/oversight/decisions/" + id + "/review",
                                    "action=override&outcome=approve&_csrf=" + reviewer_->csrf(),
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("say why"), std::string::npos);

  auto r = reviewer_->request("POST", "/oversight/decisions/" + id + "/review",
                              "action=confirm&_csrf=" + reviewer_->csrf(),
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(reviewer_->get("/api/v1/oversight-decisions/" + id).json()["state"], "confirmed");

  auto decision = reviewer_->get("/oversight/decisions/" + id);
  ASSERT_EQ(decision.status, 200);
  EXPECT_NE(decision.body.find("never employment"), std::string::npos);
  EXPECT_NE(decision.body.find("Confirmed"), std::string::npos);

  auto system = reviewer_->get("/inventory/systems/" + std::to_string(system_));
  EXPECT_NE(system.body.find("Human oversight in operation"), std::string::npos);
  EXPECT_NE(system.body.find("Loans: every decision"), std::string::npos);
}

}  // namespace
}  // namespace aims
