// The inventory through the JSON API as its users reach it: an archived record stays readable
// for an auditor, imports check first and commit all or nothing, exports download as files.
#include <gtest/gtest.h>

#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;

class InventoryApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Api Org");
    manager_ = std::make_unique<testing::HttpClient>(server_->signed_in(org_, Role::aims_manager));
  }

  nlohmann::json system_body(const std::string& name) const {
    return {{"name", name},
            {"purpose", "Ranks support tickets"},
            {"org_role", "deployer"},
            {"owner_id", org_.users.at(Role::contributor).id},
            {"eu_ai_act_class", "minimal"},
            {"eu_class_rationale", "No Annex III use"}};
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> manager_;
};

TEST_F(InventoryApiTest, CreateReadUpdateWithEtags) {
  auto created = manager_->send_json("POST", "/api/v1/ai-systems", system_body("Ticket ranker"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("etag"), std::optional<std::string>("\"1\""));
  const std::string where = created.header("location").value_or("");
  EXPECT_EQ(where, "/api/v1/ai-systems/" + std::to_string(created.json()["id"].get<int64_t>()));
  auto read = manager_->get(where);
  EXPECT_EQ(read.json()["eu_ai_act_class"], "minimal");
  EXPECT_EQ(read.json()["in_scope"], true);
  auto patched =
      manager_->send_json("PATCH", where, {{"risk_tier", "high"}, {"tags", {"Support", "ranking"}}},
                          {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["risk_tier"], "high");
  EXPECT_EQ(patched.json()["tags"], nlohmann::json({"support", "ranking"}));
  EXPECT_EQ(
      manager_->send_json("PATCH", where, {{"risk_tier", "low"}}, {{"If-Match", "\"1\""}}).status,
      412);
  auto bad = manager_->send_json("PATCH", where, {{"eu_ai_act_class", "high_risk"}},
                                 {{"If-Match", "\"2\""}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["field"], "annex_iii_area");
  auto nested = manager_->send_json(
      "POST", "/api/v1/models",
      {{"name", "Ranker"},
       {"model_version", "1"},
       {"model_type", "ranking"},
       {"model_card",
        {{"modelParameters", {{"task", "ranking"}, {"approach", {{"type", "supervised"}}}}},
         {"considerations", {{"useCases", {"ticket triage"}}}}}}});
  ASSERT_EQ(nested.status, 201) << nested.body;
  EXPECT_EQ(nested.json()["model_card"]["modelParameters"]["approach"]["type"], "supervised");
  EXPECT_EQ(nested.json()["model_card"]["considerations"]["useCases"][0], "ticket triage");
}

TEST_F(InventoryApiTest, ArchivedRecordsStayReadableForAnAuditor) {
  auto created = manager_->send_json("POST", "/api/v1/ai-systems", system_body("Retired bot"));
  const auto id = std::to_string(created.json()["id"].get<int64_t>());
  ASSERT_EQ(
      manager_->send_json("POST", "/api/v1/ai-systems/" + id + "/archive", nlohmann::json::object())
          .status,
      200);
  auto auditor = server_->signed_in(org_, Role::auditor);
  auto read = auditor.get("/api/v1/ai-systems/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_TRUE(read.json()["archived_at"].is_string());
  EXPECT_EQ(auditor.get("/api/v1/ai-systems").json()["total"], 0);
  EXPECT_EQ(auditor.get("/api/v1/ai-systems?archived=include").json()["total"], 1);
  auto history = auditor.get("/api/v1/audit-events?entity_type=ai_system&entity_id=" + id).json();
  ASSERT_EQ(history["items"].size(), 2u);
  EXPECT_EQ(history["items"][0]["action"], "archive");
  EXPECT_EQ(auditor.get("/inventory/systems/" + id).status, 200);
  EXPECT_EQ(
      auditor.send_json("POST", "/api/v1/ai-systems/" + id + "/restore", nlohmann::json::object())
          .status,
      403);
}

TEST_F(InventoryApiTest, ImportChecksFirstAndCommitsAllOrNothing) {
  const std::string header =
      "name,purpose,org_role,owner_email,eu_ai_act_class,eu_class_rationale,annex_iii_area\r\n";
  const std::string owner = org_.users.at(Role::contributor).email;
  const std::string good = header + "One,Helps,deployer," + owner +
                           ",minimal,None,\r\nTwo,Helps,deployer," + owner +
                           ",high_risk,Annex III 4,employment\r\n";
  auto dry = manager_->request("POST", "/api/v1/ai-systems/import?dry_run=true", good,
                               {{"Content-Type", "text/csv"}, {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json()["report"]["rows"], 2);
  EXPECT_EQ(dry.json()["report"]["committed"], false);
  EXPECT_EQ(manager_->get("/api/v1/ai-systems").json()["total"], 0);

  const std::string bad = header + "Three,Helps,deployer," + owner +
                          ",minimal,None,\r\nFour,Helps,deployer,nobody@x.test,minimal,None,\r\n";
  auto refused =
      manager_->request("POST", "/api/v1/ai-systems/import", bad,
                        {{"Content-Type", "text/csv"}, {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["error"]["field"], "owner_email");
  EXPECT_EQ(refused.json()["report"]["errors"][0]["row"], 2);
  EXPECT_EQ(manager_->get("/api/v1/ai-systems").json()["total"], 0);

  // The same file as a browser would send it: a multipart form with a "file" part.
  const std::string boundary = "----aimsBoundary7";
  const std::string multipart =
      "--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n" +
      good + "\r\n--" + boundary + "--\r\n";
  auto done = manager_->request("POST", "/api/v1/ai-systems/import", multipart,
                                {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                                 {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.json()["report"]["created_ids"].size(), 2u);
  EXPECT_EQ(manager_->get("/api/v1/ai-systems").json()["total"], 2);
}

TEST_F(InventoryApiTest, ExportsDownloadAsFiles) {
  ASSERT_EQ(manager_->send_json("POST", "/api/v1/ai-systems", system_body("Exported")).status, 201);
  auto csv = manager_->get("/api/v1/ai-systems/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), std::optional<std::string>("text/csv; charset=utf-8"));
  EXPECT_NE(csv.header("content-disposition")
                .value_or("")
                .find("attachment; filename=\"ai_systems-Api Org.csv\""),
            std::string::npos);
  EXPECT_NE(csv.body.find("Exported"), std::string::npos);
  auto xlsx = manager_->get("/api/v1/ai-systems/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(manager_->get("/api/v1/ai-systems/export?format=pdf").json()["error"]["field"],
            "format");
}

TEST_F(InventoryApiTest, ScopeStatementUsesVersions) {
  auto first = manager_->get("/api/v1/scope");
  EXPECT_EQ(first.header("etag"), std::optional<std::string>("\"0\""));
  auto put = manager_->send_json("PUT", "/api/v1/scope", {{"statement", "All systems of Api Org."}},
                                 {{"If-Match", "\"0\""}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.header("etag"), std::optional<std::string>("\"1\""));
  EXPECT_EQ(
      manager_->send_json("PUT", "/api/v1/scope", {{"statement", "x"}}, {{"If-Match", "\"0\""}})
          .status,
      412);
  auto contributor = server_->signed_in(org_, Role::contributor);
  EXPECT_EQ(
      contributor.send_json("PUT", "/api/v1/scope", {{"statement", "x"}}, {{"If-Match", "\"1\""}})
          .status,
      403);
}

}  // namespace
}  // namespace aims
