// Data-quality runs through the JSON API and the pages: a raw CSV body, a gzip JSON Lines body,
// the statuses of a dataset without requirements, an unknown or empty upload and an oversize
// one, requirements that refuse malformed target shares naming the field, and the upload form
// that leads to the run's page.
#include <gtest/gtest.h>

#include "auth/auth.h"
#include "monitoring/engine/engine_test_support.h"
#include "support/raw_connection.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

// 10 applicants: income 9 of 10 present (90 %); 65+ is 1 of 10 (10 %), its minimum 0.2 x 0.8.
const std::string kApplicants =
    "age_band,income\n18-25,100\n18-25,200\n26-40,300\n26-40,\n26-40,500\n26-40,600\n26-40,700\n"
    "65+,800\n41-64,900\n41-64,1000\n";

class DataQualityApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Quality Org");
    manager_ = std::make_unique<testing::HttpClient>(server_->signed_in(org_, Role::aims_manager));
    dataset_ = create("/api/v1/datasets", {{"name", "Applications"}, {"source", "origination"}});
    bare_dataset_ = create("/api/v1/datasets", {{"name", "Untested"}, {"source", "origination"}});
    create("/api/v1/data-quality-requirements", {{"name", "Income complete"},
                                                 {"dataset_id", dataset_},
                                                 {"kind", "completeness"},
                                                 {"columns", {"income"}},
                                                 {"threshold", 0.9}});
    create("/api/v1/data-quality-requirements",
           {{"name", "Age bands"},
            {"dataset_id", dataset_},
            {"kind", "representativeness"},
            {"group_column", "age_band"},
            {"target_shares", "18-25: 0.15, 26-40: 0.35, 65+: 0.2"}});
  }

  int64_t create(const std::string& path, const json& body) {
    auto r = manager_->send_json("POST", path, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
  }

  testing::HttpResponse upload(int64_t dataset, const std::string& body,
                               const std::string& type = "text/csv") {
    return manager_->request("POST",
                             "/api/v1/datasets/" + std::to_string(dataset) + "/quality-runs", body,
                             {{"Content-Type", type}, {"X-CSRF-Token", manager_->csrf()}});
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> manager_;
  int64_t dataset_ = 0, bare_dataset_ = 0;
};

TEST_F(DataQualityApiTest, ACsvBodyIsMeasuredStoredAndReadBack) {
  auto r = upload(dataset_, kApplicants);
  ASSERT_EQ(r.status, 201) << r.body;
  const json run = r.json();
  EXPECT_EQ(run["rows"], 10);
  EXPECT_EQ(run["pass"], false);  // 65+ at 10 % below 16 %; income 90 % meets 90 %
  const json results = run["report"]["results"];
  ASSERT_EQ(results.size(), 2u);
  for (const auto& result : results) {
    if (result["kind"] == "completeness") {
      EXPECT_EQ(result["pass"], true);
    } else {
      EXPECT_EQ(result["summary"], "under-represents: age_band 65+ at 10 %, minimum 16 %");
    }
  }
  auto again = manager_->get("/api/v1/data-quality-runs/" + std::to_string(run["id"].get<int>()));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["sha256"], run["sha256"]);
  auto list = manager_->get("/api/v1/datasets/" + std::to_string(dataset_) + "/quality-runs");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["items"].size(), 1u);
}

// The flag reaches the dataset, the model trained on a version of it and the system using the
// model, through the API as on their pages; another dataset has none, a missing one is 404.
TEST_F(DataQualityApiTest, UnderRepresentationIsReadThroughTheApi) {
  const int64_t version =
      create("/api/v1/dataset-versions", {{"dataset_id", dataset_}, {"version_label", "2026-10"}});
  const int64_t model = create("/api/v1/models", {{"name", "PD model"},
                                                  {"model_version", "1"},
                                                  {"model_type", "classifier"},
                                                  {"trained_on_ids", {version}}});
  const int64_t system = create("/api/v1/ai-systems", {{"name", "Credit scoring"},
                                                       {"purpose", "loans"},
                                                       {"org_role", "deployer"},
                                                       {"owner_id", org_.users[Role::admin].id},
                                                       {"model_ids", {model}}});
  ASSERT_EQ(upload(dataset_, kApplicants).status, 201);
  for (const std::string& path :
       {"/api/v1/datasets/" + std::to_string(dataset_), "/api/v1/models/" + std::to_string(model),
        "/api/v1/ai-systems/" + std::to_string(system)}) {
    auto r = manager_->get(path + "/under-representation");
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
    ASSERT_EQ(r.json()["items"].size(), 1u) << path;
    EXPECT_EQ(r.json()["items"][0]["dataset"], "Applications");
    EXPECT_EQ(r.json()["items"][0]["finding"],
              "under-represents: age_band 65+ at 10 %, minimum 16 %");
  }
  auto none =
      manager_->get("/api/v1/datasets/" + std::to_string(bare_dataset_) + "/under-representation");
  EXPECT_EQ(none.json()["items"].size(), 0u);
  EXPECT_EQ(manager_->get("/api/v1/datasets/999999/under-representation").status, 404);
  EXPECT_EQ(manager_->get("/api/v1/models/999999/under-representation").status, 404);
}

TEST_F(DataQualityApiTest, AGzipJsonLinesBodyIsRecognisedByItsMagicBytes) {
  std::string lines;
  for (const char* band : {"18-25", "26-40", "26-40", "65+", "41-64"})
    lines += std::string("{\"age_band\":\"") + band + "\",\"income\":1}\n";
  auto r = upload(dataset_, monitoring::testing::gzip(lines), "application/x-ndjson");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["report"]["gzip"], true);
  EXPECT_EQ(r.json()["report"]["format"], "jsonl");
  EXPECT_EQ(r.json()["pass"], true);  // 65+ is 1 of 5 = 20 %, at its target
}

TEST_F(DataQualityApiTest, StatusesOfWhatCannotBeMeasured) {
  EXPECT_EQ(upload(bare_dataset_, kApplicants).status, 409);  // no requirements
  EXPECT_EQ(upload(999999, kApplicants).status, 404);
  auto empty = upload(dataset_, "");
  EXPECT_EQ(empty.status, 400) << empty.body;
  auto blank = upload(dataset_, "\n\n");
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_EQ(blank.json()["error"]["message"], "the file is empty");
}

TEST_F(DataQualityApiTest, AnUploadBeyondOneGibibyteIsRefusedFromItsHead) {
  auto token = auth::create_token(server_->db(), org_.org.id, org_.users.at(Role::admin).id, "ci",
                                  std::nullopt, {"cli", std::nullopt, "cli:test"});
  ASSERT_TRUE(token.ok());
  testing::RawConnection c(server_->port());
  ASSERT_TRUE(c.send("POST /api/v1/datasets/" + std::to_string(dataset_) +
                     "/quality-runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                     std::to_string((uint64_t{1} << 30) + 1) + "\r\nAuthorization: Bearer " +
                     token->secret + "\r\nContent-Type: text/csv\r\n\r\n"));
  auto answer = c.read_head();
  ASSERT_TRUE(answer);
  EXPECT_EQ(testing::RawConnection::status_of(*answer), 413);
}

TEST_F(DataQualityApiTest, MalformedTargetSharesAreRefusedNamingTheField) {
  auto r = manager_->send_json("POST", "/api/v1/data-quality-requirements",
                               {{"name", "Bands"},
                                {"dataset_id", dataset_},
                                {"kind", "representativeness"},
                                {"group_column", "age_band"},
                                {"target_shares", "18-25: 0.6, 26-40: 0.6"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "target_shares");
  EXPECT_EQ(r.json()["error"]["message"], "the shares add up to more than 1 (100%)");
}

TEST_F(DataQualityApiTest, TheUploadFormLeadsToTheRunsPage) {
  const std::string boundary = "----aimsQualityBoundary";
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; "
                           "filename=\"extract.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                           kApplicants + "\r\n--" + boundary + "--\r\n";
  auto r =
      manager_->request("POST", "/data/datasets/" + std::to_string(dataset_) + "/quality", body,
                        {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                         {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string location = r.header("location").value_or("");
  ASSERT_TRUE(location.starts_with("/data/quality-runs/")) << location;
  auto page = manager_->get(location);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("extract.csv"), std::string::npos);
  EXPECT_NE(page.body.find("under-represented"), std::string::npos);
  auto dataset_page = manager_->get("/inventory/datasets/" + std::to_string(dataset_));
  EXPECT_NE(dataset_page.body.find("Applications under-represents a group"), std::string::npos);
}

}  // namespace
}  // namespace aims
