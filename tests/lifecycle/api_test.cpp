// Validation runs through the real server: requirements agreed through the API, a multipart upload
// of a validation log with its perturbed pair, a raw CSV body, the validation's page and the run's
// page, a sign-off by the validator, and the errors people meet (a missing log part, a validation
// that is no longer a draft, a log the engine refuses).
#include <gtest/gtest.h>

#include "auth/auth.h"
#include "support/decision_log.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

std::string part(const std::string& boundary, const std::string& name, const std::string& file,
                 const std::string& content) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
         "\"; filename=\"" + file + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n";
}

class LifecycleApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Lifecycle Org");
    admin_ = client(Role::admin);
    manager_ = client(Role::aims_manager);
    validator_ = client(Role::contributor);
    const int64_t admin_id = org_.users[Role::admin].id;
    // The admin registered the model and owns the system; the contributor validates.
    model_ = create(*admin_, "/api/v1/models",
                    {{"name", "Scorer"}, {"model_version", "2"}, {"model_type", "classifier"}});
    system_ = create(*manager_, "/api/v1/ai-systems",
                     {{"name", "Loans"},
                      {"purpose", "loan decisions"},
                      {"org_role", "deployer"},
                      {"owner_id", admin_id},
                      {"model_ids", {model_}}});
    const int64_t monitor = create(*manager_, "/api/v1/monitors",
                                   {{"system_id", system_},
                                    {"name", "Decisions"},
                                    {"config",
                                     {{"columns",
                                       {{"id", "id"},
                                        {"prediction", "pred"},
                                        {"label", "label"},
                                        {"sensitive_attributes", {"g"}}}},
                                      {"min_group_size", 1}}}});
    const int64_t parity = create(*manager_, "/api/v1/ai-requirements",
                                  {{"name", "Parity"},
                                   {"ai_system_id", system_},
                                   {"kind", "fairness"},
                                   {"statement", "Comparable approval rates"},
                                   {"metric", "fairness.disparate_impact"},
                                   {"scope", "attribute:g"},
                                   {"comparison", "at_least"},
                                   {"threshold", 0.8}});
    auto agreed = admin_->send_json(
        "POST", "/api/v1/ai-requirements/" + std::to_string(parity) + "/transitions",
        {{"transition", "agree"}}, {{"If-Match", "\"1\""}});
    ASSERT_EQ(agreed.status, 200) << agreed.body;
    ASSERT_EQ(agreed.json()["moved"], true);
    validation_ = create(*manager_, "/api/v1/validations",
                         {{"name", "Scorer 2 before release"},
                          {"ai_system_id", system_},
                          {"model_id", model_},
                          {"validator_id", org_.users[Role::contributor].id},
                          {"monitor_id", monitor}});
  }

  std::unique_ptr<testing::HttpClient> client(Role role) {
    return std::make_unique<testing::HttpClient>(server_->signed_in(org_, role));
  }

  int64_t create(testing::HttpClient& as, const std::string& path, const json& body) {
    auto r = as.send_json("POST", path, body);
    EXPECT_EQ(r.status, 201) << path << ": " << r.body;
    return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
  }

  std::string runs_path() const {
    return "/api/v1/validations/" + std::to_string(validation_) + "/runs";
  }

  testing::HttpResponse upload_pair(const std::string& log, const std::string& perturbed,
                                    const std::string& path) {
    const std::string boundary = "----aimsValidationBoundary";
    std::string body = part(boundary, "log", "holdout.csv", log);
    if (!perturbed.empty()) body += part(boundary, "perturbed", "noisy.csv", perturbed);
    body += "--" + boundary + "--\r\n";
    return manager_->request("POST", path, body,
                             {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                              {"X-CSRF-Token", manager_->csrf()}});
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> admin_, manager_, validator_;
  int64_t model_ = 0, system_ = 0, validation_ = 0;
};

TEST_F(LifecycleApiTest, AMultipartRunWithItsPairIsCheckedStoredAndReadBack) {
  // Selection 2/8 against 4/8: disparate impact 0.5, below 0.8. r3 and r4 flip in the pair.
  auto r = upload_pair(testing::two_group_log(2, 4), testing::two_group_log(4, 4), runs_path());
  ASSERT_EQ(r.status, 201) << r.body;
  const json run = r.json();
  EXPECT_EQ(run["passed"], false);
  EXPECT_EQ(run["log"]["name"], "holdout.csv");
  EXPECT_EQ(run["log"]["rows"], 16);
  EXPECT_EQ(run["perturbed"]["name"], "noisy.csv");
  EXPECT_EQ(run["robustness"]["overall"]["flips"], 2);
  ASSERT_EQ(run["criteria"].size(), 1u);
  EXPECT_EQ(run["criteria"][0]["reason"], "0.5 at attribute:g is below 0.8");

  auto listed = manager_->get(runs_path());
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"].size(), 1u);
  auto again = manager_->get("/api/v1/validation-runs/" + std::to_string(run["id"].get<int>()));
  EXPECT_EQ(again.json()["log"]["sha256"], run["log"]["sha256"]);
  auto validation = manager_->get("/api/v1/validations/" + std::to_string(validation_));
  EXPECT_EQ(validation.json()["outcome"], "failed");
}

TEST_F(LifecycleApiTest, ARawCsvBodyRunsAndTheValidatorSignsOff) {
  auto r =
      manager_->request("POST", runs_path() + "?name=holdout-v2.csv", testing::two_group_log(4, 4),
                        {{"Content-Type", "text/csv"}, {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["passed"], true);
  EXPECT_EQ(r.json()["log"]["name"], "holdout-v2.csv");
  const std::string path = "/api/v1/validations/" + std::to_string(validation_) + "/transitions";
  // The run set the outcome, so the record moved on a version.
  const auto current = manager_->get("/api/v1/validations/" + std::to_string(validation_));
  const std::string etag = current.header("etag").value_or("");
  auto submitted =
      manager_->send_json("POST", path, {{"transition", "submit"}}, {{"If-Match", etag}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const std::string version = submitted.header("etag").value_or("");
  auto by_manager = manager_->send_json(
      "POST", path, {{"transition", "sign_off"}, {"values", {{"conclusion", "Fit"}}}},
      {{"If-Match", version}});
  EXPECT_EQ(by_manager.status, 403) << by_manager.body;
  auto signed_off = validator_->send_json(
      "POST", path, {{"transition", "sign_off"}, {"values", {{"conclusion", "Fit for release"}}}},
      {{"If-Match", version}});
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  EXPECT_EQ(signed_off.json()["record"]["state"], "passed");
  // A decided validation takes no more runs.
  auto late = manager_->request("POST", runs_path(), testing::two_group_log(4, 4),
                                {{"Content-Type", "text/csv"}, {"X-CSRF-Token", manager_->csrf()}});
  EXPECT_EQ(late.status, 409) << late.body;
}

TEST_F(LifecycleApiTest, BadUploadsAreRefusedNamingWhatIsWrong) {
  const std::string boundary = "----aimsValidationBoundary";
  auto no_log =
      manager_->request("POST", runs_path(),
                        part(boundary, "perturbed", "noisy.csv", testing::two_group_log(4, 4)) +
                            "--" + boundary + "--\r\n",
                        {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                         {"X-CSRF-Token", manager_->csrf()}});
  EXPECT_EQ(no_log.status, 400) << no_log.body;
  EXPECT_EQ(no_log.json()["error"]["field"], "log");

  auto broken =
      manager_->request("POST", runs_path(), "id,g,pred,label\nr1,a,\"1,1\n",
                        {{"Content-Type", "text/csv"}, {"X-CSRF-Token", manager_->csrf()}});
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_NE(broken.json()["error"]["message"].get<std::string>().find("line 2"), std::string::npos)
      << broken.body;
  // Nothing was stored for either.
  EXPECT_EQ(manager_->get(runs_path()).json()["items"].size(), 0u);
  // A viewer reads but does not run.
  auto viewer = client(Role::viewer);
  EXPECT_EQ(viewer->get(runs_path()).status, 200);
  EXPECT_EQ(viewer
                ->request("POST", runs_path(), testing::two_group_log(4, 4),
                          {{"Content-Type", "text/csv"}, {"X-CSRF-Token", viewer->csrf()}})
                .status,
            403);
}

TEST_F(LifecycleApiTest, AGateCheckAnswersWithEachCriterionAndReadsAGivenLog) {
  const std::string path = "/api/v1/ai-systems/" + std::to_string(system_) + "/gate-checks";
  auto plain = manager_->request("POST", path + "?stage=deployment", "",
                                 {{"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(plain.json()["passed"], false);
  EXPECT_EQ(plain.json()["source"], "api");
  // The default tier (medium) at deployment: six criteria.
  EXPECT_EQ(plain.json()["criteria"].size(), 6u);

  // A multipart form with the stage and a validation log that fails the agreed parity.
  const std::string boundary = "----aimsGateBoundary";
  const std::string body =
      "--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"stage\"\r\n\r\n"
      "verification_validation\r\n" +
      part(boundary, "validation_log", "candidate.csv", testing::two_group_log(2, 4)) + "--" +
      boundary + "--\r\n";
  auto with_log = manager_->request("POST", path, body,
                                    {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                                     {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(with_log.status, 201) << with_log.body;
  const json check = with_log.json();
  EXPECT_EQ(check["stage"], "verification_validation");
  EXPECT_EQ(check["criteria"].back()["key"], "acceptance_on_log");
  EXPECT_EQ(check["criteria"].back()["reason"], "Parity: 0.5 at attribute:g is below 0.8");

  auto listed = manager_->get(path);
  EXPECT_EQ(listed.json()["items"].size(), 2u);
  auto page = manager_->get("/lifecycle/gate-checks/" + std::to_string(check["id"].get<int>()));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Parity: 0.5 at attribute:g is below 0.8"), std::string::npos);
  auto bad =
      manager_->request("POST", path + "?stage=launch", "", {{"X-CSRF-Token", manager_->csrf()}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["error"]["field"], "stage");
}

TEST_F(LifecycleApiTest, TheSystemPageOffersTheGateCheck) {
  auto page = manager_->get("/inventory/systems/" + std::to_string(system_));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Stage gates"), std::string::npos);
  auto r =
      manager_->request("POST", "/inventory/systems/" + std::to_string(system_) + "/gate-checks",
                        "stage=development&_csrf=" + manager_->csrf(),
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string location = r.header("location").value_or("");
  ASSERT_TRUE(location.starts_with("/lifecycle/gate-checks/")) << location;
  auto check_page = manager_->get(location);
  EXPECT_NE(check_page.body.find("No hold by the governance committee"), std::string::npos);
}

TEST_F(LifecycleApiTest, TheFormLeadsToTheRunsPageAndTheValidationShowsIt) {
  const std::string form = "/lifecycle/validations/" + std::to_string(validation_) + "/runs";
  auto page = manager_->get(form);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Parity"), std::string::npos);
  EXPECT_NE(page.body.find("at least 0.8"), std::string::npos);
  auto r = upload_pair(testing::two_group_log(4, 4), "", form);
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string location = r.header("location").value_or("");
  ASSERT_TRUE(location.starts_with("/lifecycle/validation-runs/")) << location;
  auto run_page = manager_->get(location);
  ASSERT_EQ(run_page.status, 200);
  EXPECT_NE(run_page.body.find("Every acceptance criterion met"), std::string::npos);
  EXPECT_NE(run_page.body.find("holdout.csv"), std::string::npos);
  auto validation_page = manager_->get("/lifecycle/validations/" + std::to_string(validation_));
  ASSERT_EQ(validation_page.status, 200);
  EXPECT_NE(validation_page.body.find("every acceptance criterion met"), std::string::npos);
}

// The contributor asks to move the system (medium tier, so entering development asks only that no
// hold is in force); the admin owns the system and may not approve; the generic transition is
// refused; the manager approves beside the criteria and the system moves. A request to deploy
// meets unmet criteria and answers 409 naming them.
TEST_F(LifecycleApiTest, AStageChangeIsApprovedBesideItsCriteriaAndMovesTheSystem) {
  const int64_t change = create(*validator_, "/api/v1/stage-changes",
                                {{"name", "Loans into development"},
                                 {"ai_system_id", system_},
                                 {"to_stage", "development"},
                                 {"justification", "Scope agreed"}});
  const std::string api = "/api/v1/stage-changes/" + std::to_string(change);
  auto submitted = validator_->send_json("POST", api + "/transitions", {{"transition", "submit"}},
                                         {{"If-Match", "\"1\""}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const std::string version =
      "\"" + std::to_string(submitted.json()["record"]["version"].get<int>()) + "\"";

  auto by_owner =
      admin_->send_json("POST", api + "/approve", json::object(), {{"If-Match", version}});
  EXPECT_EQ(by_owner.status, 403) << by_owner.body;
  EXPECT_NE(by_owner.body.find("owner may not approve"), std::string::npos);
  auto generic = manager_->send_json("POST", api + "/transitions", {{"transition", "approve"}},
                                     {{"If-Match", version}});
  EXPECT_EQ(generic.status, 409) << generic.body;

  const std::string page = "/lifecycle/stage-changes/" + std::to_string(change);
  auto owner_view = admin_->get(page);
  EXPECT_NE(owner_view.body.find("You cannot approve it: the AI system"), std::string::npos);
  auto approver_view = manager_->get(page);
  ASSERT_EQ(approver_view.status, 200);
  EXPECT_NE(approver_view.body.find("Entry criteria"), std::string::npos);
  EXPECT_NE(approver_view.body.find("Approve and move the system"), std::string::npos);
  auto approved = manager_->request(
      "POST", page + "/approve",
      "version=" + std::to_string(submitted.json()["record"]["version"].get<int>()) +
          "&_csrf=" + manager_->csrf(),
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(approved.status, 303) << approved.body;
  EXPECT_EQ(manager_->get(api).json()["state"], "approved");
  EXPECT_EQ(
      manager_->get("/api/v1/ai-systems/" + std::to_string(system_)).json()["lifecycle_stage"],
      "development");

  const int64_t deploy = create(*validator_, "/api/v1/stage-changes",
                                {{"name", "Loans into deployment"},
                                 {"ai_system_id", system_},
                                 {"to_stage", "deployment"},
                                 {"justification", "Wanted live"}});
  const std::string deploy_api = "/api/v1/stage-changes/" + std::to_string(deploy);
  auto sent = validator_->send_json("POST", deploy_api + "/transitions", {{"transition", "submit"}},
                                    {{"If-Match", "\"1\""}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto refused = manager_->send_json(
      "POST", deploy_api + "/approve", json::object(),
      {{"If-Match", "\"" + std::to_string(sent.json()["record"]["version"].get<int>()) + "\""}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("An approved impact assessment within its validity: no approved "
                              "assessment"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(manager_->get(deploy_api).json()["state"], "submitted");
}

// ---- lifecycle policy ---------------------------------------------------------------------------

TEST_F(LifecycleApiTest, ThePolicyIsReadByAllAdoptedByApproversAndABadOneNamesTheField) {
  auto current = validator_->get("/api/v1/lifecycle-policy");
  ASSERT_EQ(current.status, 200) << current.body;
  json policy = current.json();
  EXPECT_EQ(policy["version"], 0);
  EXPECT_EQ(policy["stages"]["deployment"]["criteria"]["validation"], "medium");
  EXPECT_EQ(policy["stages"]["deployment"]["criteria"]["monitor"], "never");
  policy["reason"] = "Two people release high-tier systems";
  policy["stages"]["deployment"]["approvals"]["high"]["count"] = 2;

  for (Role role : {Role::contributor, Role::auditor}) {
    auto refused = client(role)->send_json("PUT", "/api/v1/lifecycle-policy", policy);
    EXPECT_EQ(refused.status, 403) << refused.body;
  }
  json bad = policy;
  bad["stages"]["deployment"]["approvals"]["high"]["count"] = 5;
  auto invalid = manager_->send_json("PUT", "/api/v1/lifecycle-policy", bad);
  EXPECT_EQ(invalid.status, 422) << invalid.body;
  EXPECT_NE(invalid.body.find("stages.deployment.approvals.high.count"), std::string::npos)
      << invalid.body;
  EXPECT_EQ(manager_->get("/api/v1/lifecycle-policy").json()["version"], 0);  // nothing written

  auto adopted = manager_->send_json("PUT", "/api/v1/lifecycle-policy", policy);
  ASSERT_EQ(adopted.status, 200) << adopted.body;
  EXPECT_EQ(adopted.json()["version"], 1);
  EXPECT_EQ(adopted.json()["stages"]["deployment"]["approvals"]["high"]["count"], 2);
  auto stale = manager_->send_json("PUT", "/api/v1/lifecycle-policy", policy);  // still version 0
  EXPECT_EQ(stale.status, 412) << stale.body;
  const json versions = validator_->get("/api/v1/lifecycle-policy/versions").json();
  ASSERT_EQ(versions["items"].size(), 1u);
  EXPECT_EQ(versions["items"][0]["reason"], "Two people release high-tier systems");

  // The page reads in people's words and shows the history; the form is the approvers'.
  auto page = validator_->get("/lifecycle/policy");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("A signed-off validation of each model version"), std::string::npos);
  EXPECT_NE(page.body.find("2 from Admin or AIMS manager"), std::string::npos);
  EXPECT_NE(page.body.find("Two people release high-tier systems"), std::string::npos);
  EXPECT_EQ(page.body.find("Adopt a new version"), std::string::npos);
  EXPECT_NE(manager_->get("/lifecycle/policy").body.find("Adopt a new version"), std::string::npos);
}

TEST_F(LifecycleApiTest, TheFormAdoptsAVersionAndAStageChangeCountsItsApprovals) {
  // Every field the form sends, as a browser without JavaScript does: development at the medium
  // tier (the system's, by default) needs two approvals.
  std::string form = "_csrf=" + manager_->csrf() + "&version=0&reason=Two+approvals";
  for (const char* stage : {"development", "verification_validation", "deployment",
                            "operation_monitoring", "retirement"}) {
    for (const char* tier : {"low", "medium", "high", "critical"}) {
      const std::string at = std::string("a.") + stage + "." + tier;
      const bool two = std::string(stage) == "development" && std::string(tier) == "medium";
      form += "&" + at + ".count=" + (two ? "2" : "1") + "&" + at + ".roles=admin&" + at +
              ".roles=aims-manager";
    }
  }
  form += "&c.development.no_hold=low";
  auto posted = manager_->request("POST", "/lifecycle/policy", form,
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(manager_->get("/api/v1/lifecycle-policy").json()["version"], 1);

  const int64_t change = create(*validator_, "/api/v1/stage-changes",
                                {{"name", "Loans into development"},
                                 {"ai_system_id", system_},
                                 {"to_stage", "development"},
                                 {"justification", "Scope agreed"}});
  auto submitted = validator_->send_json(
      "POST", "/api/v1/stage-changes/" + std::to_string(change) + "/transitions",
      {{"transition", "submit"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const std::string page = "/lifecycle/stage-changes/" + std::to_string(change);
  auto before = manager_->get(page);
  EXPECT_NE(before.body.find("0 of 2 approvals"), std::string::npos) << before.body;
  EXPECT_NE(before.body.find("Give approval 1 of 2"), std::string::npos);
  auto first = manager_->request(
      "POST", page + "/approve",
      "version=" + std::to_string(submitted.json()["record"]["version"].get<int>()) +
          "&_csrf=" + manager_->csrf(),
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(first.status, 303) << first.body;
  auto after = manager_->get(page);
  EXPECT_NE(after.body.find("1 of 2 approvals"), std::string::npos);
  EXPECT_NE(after.body.find("you have already approved it"), std::string::npos);
  EXPECT_EQ(
      manager_->get("/api/v1/ai-systems/" + std::to_string(system_)).json()["lifecycle_stage"],
      "design");
}

// ---- change requests ----------------------------------------------------------------------------

class ChangeApiTest : public LifecycleApiTest {
 protected:
  int64_t change(const json& extra) {
    json body = {{"title", "Retrain the scorer"},
                 {"ai_system_id", system_},
                 {"kind", "new_model_version"},
                 {"model_id", model_},
                 {"description", "New weights"}};
    body.update(extra);
    return create(*manager_, "/api/v1/change-requests", body);
  }

  testing::HttpResponse move(testing::HttpClient& as, int64_t id, const std::string& name) {
    const std::string path = "/api/v1/change-requests/" + std::to_string(id);
    const auto version = as.get(path).json()["version"].get<int64_t>();
    return as.send_json("POST", path + "/transitions", {{"transition", name}},
                        {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }

  void patch_system(const json& body) {
    const std::string path = "/api/v1/ai-systems/" + std::to_string(system_);
    const auto version = manager_->get(path).json()["version"].get<int64_t>();
    auto r = manager_->send_json("PATCH", path, body,
                                 {{"If-Match", "\"" + std::to_string(version) + "\""}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // The items of My work's section for models linked without an approved change.
  json flagged_on_my_work(testing::HttpClient& as) {
    const json work = as.get("/api/v1/my-work").json();
    for (const auto& s : work["sections"])
      if (s["key"] == "models_without_change") return s["items"];
    return json::array();
  }
};

TEST_F(ChangeApiTest, SignificanceComesFromTheAnswersAndBadInputNamesTheField) {
  const int64_t id = change({{"changes_outputs", true}});
  auto read = manager_->get("/api/v1/change-requests/" + std::to_string(id)).json();
  EXPECT_EQ(read["significance"], "significant");
  EXPECT_EQ(read["requested_by"], org_.users[Role::aims_manager].id);

  auto nameless = manager_->send_json("POST", "/api/v1/change-requests",
                                      {{"title", "No model"},
                                       {"ai_system_id", system_},
                                       {"kind", "new_model_version"},
                                       {"description", "x"}});
  EXPECT_EQ(nameless.status, 422);
  EXPECT_EQ(nameless.json()["error"]["field"], "model_id");
  auto unexplained = manager_->send_json("POST", "/api/v1/change-requests",
                                         {{"title", "Judged"},
                                          {"ai_system_id", system_},
                                          {"kind", "configuration"},
                                          {"description", "x"},
                                          {"significance_override", "significant"}});
  EXPECT_EQ(unexplained.status, 422);
  EXPECT_EQ(unexplained.json()["error"]["field"], "override_reason");
}

TEST_F(ChangeApiTest, AnotherPersonApprovesAndTheGateAsksForANewValidation) {
  const int64_t id = change({{"changes_data", true}});
  ASSERT_EQ(move(*manager_, id, "submit").status, 200);
  EXPECT_EQ(move(*manager_, id, "approve").status, 403);  // the requester
  auto approved = move(*admin_, id, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["record"]["state"], "approved");
  auto gate = manager_->send_json(
      "POST", "/api/v1/ai-systems/" + std::to_string(system_) + "/gate-checks?stage=deployment",
      json::object());
  ASSERT_EQ(gate.status, 201) << gate.body;
  const json criteria = gate.json()["criteria"];
  for (const auto& c : criteria) {
    if (c["key"] != "validation") continue;
    EXPECT_NE(c["reason"].get<std::string>().find("since the significant change"),
              std::string::npos)
        << c["reason"];
  }
  auto page = manager_->get("/lifecycle/changes/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Gates re-opened"), std::string::npos);
}

TEST_F(ChangeApiTest, AModelLinkedInOperationIsFlaggedOnThePageMyWorkAndTheApi) {
  patch_system({{"lifecycle_stage", "operation_monitoring"}});
  const int64_t retrained =
      create(*admin_, "/api/v1/models",
             {{"name", "Scorer"}, {"model_version", "3"}, {"model_type", "classifier"}});
  patch_system({{"model_ids", {model_, retrained}}});

  auto flags = manager_->get("/api/v1/unapproved-models").json()["items"];
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0]["model"], "Scorer 3");
  EXPECT_NE(manager_->get("/inventory/systems/" + std::to_string(system_))
                .body.find("Model without an approved change"),
            std::string::npos);
  EXPECT_EQ(flagged_on_my_work(*admin_).size(), 1u);  // the system's owner
  EXPECT_TRUE(flagged_on_my_work(*manager_).empty());

  const int64_t id = change({{"model_id", retrained}});
  ASSERT_EQ(move(*manager_, id, "submit").status, 200);
  ASSERT_EQ(move(*admin_, id, "approve").status, 200);
  EXPECT_TRUE(manager_->get("/api/v1/unapproved-models").json()["items"].empty());
  EXPECT_EQ(manager_->get("/inventory/systems/" + std::to_string(system_))
                .body.find("Model without an approved change"),
            std::string::npos);
}

}  // namespace
}  // namespace aims
