// Monitoring through the JSON API: monitors (errors name the field), log uploads as a raw body
// or a multipart part, runs with their alerts, alert status with If-Match, oversight, the
// incidents a breach opens, an unreadable log that leaves a failed run behind, and uploads that
// wait for the monitoring pool (within their organisation's share) without holding a request
// worker.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

// Predictions and one sensitive attribute g; a categorical feature for the reference profile.
const json kConfig = {{"columns",
                       {{"prediction", "pred"},
                        {"sensitive_attributes", {"g"}},
                        {"features", {{{"name", "channel"}, {"kind", "categorical"}}}}}},
                      {"min_group_size", 2}};
const json kThresholds = {
    {{"metric", "fairness.disparate_impact"}, {"comparison", "below"}, {"value", 0.8}}};

const std::string kReference = "pred,g,channel\n1,a,web\n0,a,web\n1,b,branch\n0,b,branch\n";
// Group a predicts 1 0 0 0 (selection rate 1/4 = 0.25), group b 1 1 0 0 (2/4 = 0.5):
// disparate impact 0.25 / 0.5 = 0.5, below 0.8. Severity: fairness starts high; margin
// (0.8 - 0.5) / 0.8 = 0.375 >= 0.25 raises one step: critical.
const std::string kWindow =
    "pred,g,channel\n1,a,web\n0,a,web\n0,a,branch\n0,a,web\n1,b,web\n1,b,branch\n0,b,web\n"
    "0,b,branch\n";

class MonitoringApiTest : public ::testing::Test {
 protected:
  virtual testing::TestServerOptions server_options() const { return {}; }

  void SetUp() override {
    auto url = testing::fresh_database_url(testing::Backend::sqlite);
    ASSERT_TRUE(url);
    server_ = std::make_unique<testing::TestServer>(*url, server_options());
    org_ = server_->seed_org("Monitor Org");
    manager_ = std::make_unique<testing::HttpClient>(server_->signed_in(org_, Role::aims_manager));
    auto created = manager_->send_json("POST", "/api/v1/ai-systems",
                                       {{"name", "Loan approval"},
                                        {"purpose", "Approves small loans"},
                                        {"org_role", "deployer"},
                                        {"owner_id", org_.users.at(Role::contributor).id},
                                        {"eu_ai_act_class", "minimal"},
                                        {"eu_class_rationale", "No Annex III use"}});
    ASSERT_EQ(created.status, 201) << created.body;
    system_ = created.json()["id"].get<int64_t>();
  }

  testing::HttpResponse create_monitor(const json& body) {
    return manager_->send_json("POST", "/api/v1/monitors", body);
  }

  int64_t must_create_monitor(const std::string& name) {
    auto r = create_monitor(
        {{"system_id", system_}, {"name", name}, {"config", kConfig}, {"thresholds", kThresholds}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<int64_t>();
  }

  // The log as the raw request body.
  testing::HttpResponse upload(const std::string& target, const std::string& log,
                               testing::HttpClient* client = nullptr) {
    client = client ? client : manager_.get();
    return client->request("POST", target, log,
                           {{"Content-Type", "text/csv"}, {"X-CSRF-Token", client->csrf()}});
  }

  // The log as the "log" part of a multipart form, as a browser sends it.
  testing::HttpResponse upload_form(const std::string& target, const std::string& part_name,
                                    const std::string& filename, const std::string& log) {
    const std::string boundary = "----aimsMonitorBoundary";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" +
                             part_name + "\"; filename=\"" + filename +
                             "\"\r\nContent-Type: text/csv\r\n\r\n" + log + "\r\n--" + boundary +
                             "--\r\n";
    return manager_->request("POST", target, body,
                             {{"Content-Type", "multipart/form-data; boundary=" + boundary},
                              {"X-CSRF-Token", manager_->csrf()}});
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> manager_;
  int64_t system_ = 0;
};

TEST_F(MonitoringApiTest, MonitorsAreCreatedWithErrorsNamingTheField) {
  auto bad = create_monitor({{"system_id", system_},
                             {"name", "Fairness"},
                             {"config", {{"columns", {{"prediction", "pred"}, {"label", 5}}}}}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["error"]["field"], "config.columns.label");
  auto bad_threshold = create_monitor(
      {{"system_id", system_},
       {"name", "Fairness"},
       {"config", kConfig},
       {"thresholds",
        {{{"metric", "fairness.disparate_impact"}, {"comparison", "under"}, {"value", 0.8}}}}});
  ASSERT_EQ(bad_threshold.status, 422) << bad_threshold.body;
  EXPECT_EQ(bad_threshold.json()["error"]["field"], "thresholds[0].comparison");
  auto no_config = create_monitor({{"system_id", system_}, {"name", "Fairness"}});
  ASSERT_EQ(no_config.status, 422) << no_config.body;
  EXPECT_EQ(no_config.json()["error"]["field"], "config");
  auto escape = create_monitor({{"system_id", system_},
                                {"name", "Fairness"},
                                {"config", kConfig},
                                {"run_mode", "schedule"},
                                {"schedule_hours", 24},
                                {"schedule_source", "../secrets.csv"}});
  ASSERT_EQ(escape.status, 422) << escape.body;
  EXPECT_EQ(escape.json()["error"]["field"], "schedule_source");
  EXPECT_EQ(manager_->get("/api/v1/monitors").json()["items"].size(), 0u);

  auto created =
      create_monitor({{"system_id", system_}, {"name", "Fairness"}, {"config", kConfig}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("etag"), std::optional<std::string>("\"1\""));
  const int64_t id = created.json()["id"].get<int64_t>();
  EXPECT_EQ(created.header("location"), "/api/v1/monitors/" + std::to_string(id));
  // The classification defaults (disparate impact, equal opportunity, PSI, missing share,
  // duplicate rows) less duplicate rows, which need an id column this config does not map.
  ASSERT_EQ(created.json()["thresholds"].size(), 4u) << created.body;
  EXPECT_EQ(created.json()["thresholds"][0]["metric"], "fairness.disparate_impact");
  const json thresholds = created.json()["thresholds"];  // json() returns a fresh document
  for (const auto& t : thresholds)
    EXPECT_NE(t["metric"], "quality.duplicate_row_share");
  EXPECT_TRUE(created.json()["reference"].is_null());
  EXPECT_EQ(created.json()["config"]["columns"]["sensitive_attributes"], json({"g"}));
  EXPECT_EQ(
      create_monitor({{"system_id", system_}, {"name", "FAIRNESS"}, {"config", kConfig}}).status,
      409);

  const std::string where = "/api/v1/monitors/" + std::to_string(id);
  auto patched = manager_->send_json("PATCH", where, {{"human_review_on_breach", true}},
                                     {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["human_review_on_breach"], true);
  EXPECT_EQ(patched.header("etag"), std::optional<std::string>("\"2\""));
  EXPECT_EQ(manager_->send_json("PATCH", where, {{"name", "x"}}, {{"If-Match", "\"1\""}}).status,
            412);
  EXPECT_EQ(manager_->send_json("PATCH", where, {{"name", "x"}}).status, 428);
  auto bad_patch = manager_->send_json("PATCH", where, {{"config", {{"columns", {{"x", "y"}}}}}},
                                       {{"If-Match", "\"2\""}});
  EXPECT_EQ(bad_patch.status, 422);
  EXPECT_EQ(bad_patch.json()["error"]["field"], "config.columns.x");

  auto auditor = server_->signed_in(org_, Role::auditor);
  EXPECT_EQ(auditor.get(where).status, 200);
  EXPECT_EQ(auditor
                .send_json("POST", "/api/v1/monitors",
                           {{"system_id", system_}, {"name", "Mine"}, {"config", kConfig}})
                .status,
            403);
}

TEST_F(MonitoringApiTest, UploadedLogsRunAndRaiseAlertsIncidentsAndOversight) {
  const int64_t id = must_create_monitor("Fairness");
  const std::string monitor = "/api/v1/monitors/" + std::to_string(id);

  auto reference = upload(monitor + "/reference", kReference);
  ASSERT_EQ(reference.status, 200) << reference.body;
  EXPECT_EQ(reference.json()["reference"]["sha256"], crypto::sha256_hex(kReference));
  EXPECT_EQ(reference.json()["reference"]["rows"], 4);
  EXPECT_EQ(reference.header("etag"), std::optional<std::string>("\"2\""));

  // A raw body, named by the query string.
  auto first = upload(monitor + "/runs?name=window-1.csv", kWindow);
  ASSERT_EQ(first.status, 201) << first.body;
  const json run = first.json();
  EXPECT_EQ(first.header("location"),
            "/api/v1/monitor-runs/" + std::to_string(run["id"].get<int64_t>()));
  EXPECT_EQ(run["status"], "completed");
  EXPECT_EQ(run["source"], "upload");
  EXPECT_EQ(run["rows"], 8);
  EXPECT_EQ(run["input"]["name"], "window-1.csv");
  EXPECT_EQ(run["input"]["sha256"], crypto::sha256_hex(kWindow));
  EXPECT_EQ(run["input"]["bytes"], kWindow.size());
  EXPECT_EQ(run["reference_sha256"], crypto::sha256_hex(kReference));
  EXPECT_EQ(run["breaches"], 1);
  ASSERT_EQ(run["alerts"].size(), 1u);
  const json alert = run["alerts"][0];
  EXPECT_EQ(alert["metric"], "fairness.disparate_impact");
  EXPECT_EQ(alert["scope"], "attribute:g");
  EXPECT_DOUBLE_EQ(alert["value"].get<double>(), 0.5);
  EXPECT_EQ(alert["threshold"], 0.8);
  EXPECT_EQ(alert["comparison"], "below");
  EXPECT_EQ(alert["severity"], "critical");
  EXPECT_EQ(alert["status"], "open");
  ASSERT_TRUE(run["incident_id"].is_number());
  EXPECT_EQ(alert["incident_id"], run["incident_id"]);
  EXPECT_EQ(run["result"]["format"], "aims.monitoring.run_result");

  // The same window as a browser's multipart form: one more alert on the same incident.
  auto second = upload_form(monitor + "/runs", "log", "window-2.csv", kWindow);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["input"]["name"], "window-2.csv");
  EXPECT_EQ(second.json()["input"]["sha256"], crypto::sha256_hex(kWindow));
  EXPECT_EQ(second.json()["breaches"], 1);
  EXPECT_EQ(second.json()["incident_id"], run["incident_id"]);
  auto wrong_part = upload_form(monitor + "/runs", "file", "w.csv", kWindow);
  EXPECT_EQ(wrong_part.status, 400) << wrong_part.body;
  EXPECT_EQ(wrong_part.json()["error"]["field"], "log");

  auto runs = manager_->get(monitor + "/runs");
  ASSERT_EQ(runs.status, 200) << runs.body;
  ASSERT_EQ(runs.json()["items"].size(), 2u);
  EXPECT_EQ(runs.json()["items"][0]["input"]["name"], "window-2.csv") << "newest first";
  auto stored = manager_->get("/api/v1/monitor-runs/" + std::to_string(run["id"].get<int64_t>()));
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.json()["alerts"].size(), 1u);
  EXPECT_EQ(stored.json()["result"]["format"], "aims.monitoring.run_result");

  auto trend = manager_->get(monitor + "/trend?metric=fairness.disparate_impact&scope=attribute:g");
  ASSERT_EQ(trend.status, 200) << trend.body;
  ASSERT_EQ(trend.json()["points"].size(), 2u);
  EXPECT_DOUBLE_EQ(trend.json()["points"][1]["value"].get<double>(), 0.5);
  EXPECT_EQ(manager_->get(monitor + "/trend").json()["error"]["field"], "metric");

  // Alerts: acknowledge one with its version.
  auto open = manager_->get("/api/v1/alerts?status=open");
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(open.json()["items"].size(), 2u);
  const std::string alert_url = "/api/v1/alerts/" + std::to_string(alert["id"].get<int64_t>());
  EXPECT_EQ(manager_->send_json("PATCH", alert_url, {{"status", "acknowledged"}}).status, 428);
  auto acked = manager_->send_json("PATCH", alert_url, {{"status", "acknowledged"}},
                                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_EQ(acked.json()["status"], "acknowledged");
  EXPECT_EQ(acked.header("etag"), std::optional<std::string>("\"2\""));
  EXPECT_EQ(
      manager_->send_json("PATCH", alert_url, {{"status", "resolved"}}, {{"If-Match", "\"1\""}})
          .status,
      412);
  auto bad_status =
      manager_->send_json("PATCH", alert_url, {{"status", "gone"}}, {{"If-Match", "\"2\""}});
  EXPECT_EQ(bad_status.status, 422);
  EXPECT_EQ(bad_status.json()["error"]["field"], "status");
  EXPECT_EQ(manager_->get("/api/v1/alerts?status=open").json()["items"].size(), 1u);
  EXPECT_EQ(manager_->get("/api/v1/alerts?status=acknowledged").json()["items"].size(), 1u);
  EXPECT_EQ(manager_->get("/api/v1/alerts?status=later").status, 422);

  // The incident the breaches opened.
  auto incidents = manager_->get("/api/v1/incidents?status=active");
  ASSERT_EQ(incidents.status, 200) << incidents.body;
  ASSERT_EQ(incidents.json()["items"].size(), 1u);
  const json incident = incidents.json()["items"][0];
  EXPECT_EQ(incident["id"], run["incident_id"]);
  EXPECT_EQ(incident["control"], "A.6.2.6");
  EXPECT_EQ(incident["source"], "monitoring");
  EXPECT_EQ(incident["severity"], "critical");
  EXPECT_EQ(incident["breach_count"], 2);
  EXPECT_EQ(incident["monitor_id"], id);
  EXPECT_EQ(incidents.json()["total"], 1);
  EXPECT_EQ(manager_->get("/api/v1/incidents?status=closed").json()["total"], 0);
  EXPECT_EQ(manager_->get("/api/v1/incidents?status=bogus").status, 422);

  // Oversight: this monitor does not switch it; people do, with a reason and the version.
  const std::string oversight = "/api/v1/ai-systems/" + std::to_string(system_) + "/oversight";
  auto current = manager_->get(oversight);
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json()["human_review_required"], false);
  EXPECT_EQ(current.header("etag"), std::optional<std::string>("\"0\""));
  auto no_reason = manager_->send_json("PUT", oversight, {{"human_review_required", true}},
                                       {{"If-Match", "\"0\""}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(no_reason.json()["error"]["field"], "reason");
  for (const json& body : {json{{"reason", "No switch given"}},
                           json{{"human_review_required", nullptr}, {"reason", "A null switch"}},
                           json{{"human_review_required", "yes"}, {"reason", "A text switch"}}}) {
    auto refused = manager_->send_json("PUT", oversight, body, {{"If-Match", "\"0\""}});
    EXPECT_EQ(refused.status, 422) << body.dump() << " " << refused.body;
    EXPECT_EQ(refused.json()["error"]["field"], "human_review_required") << body.dump();
  }
  EXPECT_EQ(manager_->get(oversight).header("etag"), std::optional<std::string>("\"0\""));
  auto contributor = server_->signed_in(org_, Role::contributor);
  EXPECT_EQ(contributor
                .send_json("PUT", oversight,
                           {{"human_review_required", true}, {"reason", "Too many refusals"}},
                           {{"If-Match", "\"0\""}})
                .status,
            403);
  auto set = manager_->send_json("PUT", oversight,
                                 {{"human_review_required", true}, {"reason", "Too many refusals"}},
                                 {{"If-Match", "\"0\""}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["human_review_required"], true);
  EXPECT_EQ(set.json()["source"], "manual");
  EXPECT_EQ(set.json()["reason"], "Too many refusals");
  EXPECT_EQ(set.header("etag"), std::optional<std::string>("\"1\""));
  EXPECT_EQ(manager_->get(oversight).json()["human_review_required"], true);
  EXPECT_EQ(
      manager_
          ->send_json("PUT", oversight, {{"human_review_required", false}, {"reason", "Done"}},
                      {{"If-Match", "\"0\""}})
          .status,
      412);

  // The audit trail has the runs, the alerts and the incident.
  auto history = manager_->get("/api/v1/audit-events?entity_type=monitor_run").json();
  EXPECT_EQ(history["items"].size(), 2u);
  EXPECT_EQ(manager_->get("/api/v1/audit-events?entity_type=alert").json()["items"].size(),
            3u);  // two creates, one update
}

TEST_F(MonitoringApiTest, AnUnreadableLogNamesWhereAndLeavesAFailedRun) {
  const int64_t id = must_create_monitor("Fairness");
  const std::string monitor = "/api/v1/monitors/" + std::to_string(id);
  // Line 3 is `0,"a,web`: the quote opens at column 3 and is never closed.
  auto refused = upload(monitor + "/runs?name=broken.csv", "pred,g,channel\n1,a,web\n0,\"a,web\n");
  EXPECT_GE(refused.status, 400);
  EXPECT_LT(refused.status, 500);
  EXPECT_EQ(refused.json()["error"]["message"], "line 3, column 3: unterminated quoted field")
      << refused.body;
  auto missing = upload(monitor + "/runs?name=short.csv", "pred,channel\n1,web\n");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json()["error"]["message"], "line 1: missing column 'g'") << missing.body;

  auto runs = manager_->get(monitor + "/runs");
  ASSERT_EQ(runs.status, 200);
  ASSERT_EQ(runs.json()["items"].size(), 2u);
  const json failed = runs.json()["items"][1];
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["input"]["name"], "broken.csv");
  EXPECT_EQ(failed["error"], "line 3, column 3: unterminated quoted field");
  EXPECT_EQ(failed["breaches"], 0);
  EXPECT_TRUE(failed["alerts"].empty());
  EXPECT_EQ(manager_->get("/api/v1/incidents").json()["total"], 0);

  // An unreadable reference changes nothing.
  auto bad_reference = upload(monitor + "/reference", "pred,g\n1,a\n");
  EXPECT_EQ(bad_reference.status, 400) << bad_reference.body;
  EXPECT_TRUE(manager_->get(monitor).json()["reference"].is_null());
}

TEST_F(MonitoringApiTest, RolesAndOrganisationsAreRespected) {
  const int64_t id = must_create_monitor("Fairness");
  const std::string monitor = "/api/v1/monitors/" + std::to_string(id);
  auto auditor = server_->signed_in(org_, Role::auditor);
  EXPECT_EQ(upload(monitor + "/runs", kWindow, &auditor).status, 403);
  auto contributor = server_->signed_in(org_, Role::contributor);
  EXPECT_EQ(upload(monitor + "/runs", kWindow, &contributor).status, 201);
  EXPECT_EQ(auditor.get("/api/v1/alerts").json()["items"].size(), 1u);

  auto other = server_->seed_org("Other Org");
  auto stranger = server_->signed_in(other, Role::aims_manager);
  EXPECT_EQ(stranger.get(monitor).status, 404);
  EXPECT_EQ(stranger.get(monitor + "/runs").status, 404);
  EXPECT_EQ(upload(monitor + "/runs", kWindow, &stranger).status, 404);
  EXPECT_EQ(stranger.get("/api/v1/alerts").json()["items"].size(), 0u);
  EXPECT_EQ(stranger.get("/api/v1/ai-systems/" + std::to_string(system_) + "/oversight").status,
            404);
  EXPECT_EQ(stranger.get("/api/v1/incidents").json()["total"], 0);
  EXPECT_EQ(manager_->get(monitor + "/runs").json()["items"].size(), 1u);
}

// ---- uploads wait for the monitoring pool, not on request workers ----------------------------

// Holds every thread of the server's monitoring pool until opened, as long runs would.
class BusyPool {
 public:
  BusyPool(monitoring::RunPool& runs, int threads) {
    for (int i = 0; i < threads; ++i) {
      // Organisation 0 never exists: these runs count against nobody's share.
      EXPECT_TRUE(runs.submit(0, [this](const monitoring::RunOptions&) {
        ++started_;
        while (!open_)
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }));
    }
    while (started_ < threads)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~BusyPool() { open(); }
  void open() { open_ = true; }

 private:
  std::atomic<int> started_{0};
  std::atomic<bool> open_{false};
};

// Uploads sent at once from threads of their own; each status once answered.
class Uploads {
 public:
  Uploads(const testing::HttpClient& client, const std::string& target, const std::string& log,
          int n)
      : statuses_(static_cast<size_t>(n)) {
    for (int i = 0; i < n; ++i) {
      threads_.emplace_back([this, client = testing::HttpClient(client), target, log, i]() mutable {
        statuses_[static_cast<size_t>(i)] =
            client
                .request("POST", target, log,
                         {{"Content-Type", "text/csv"}, {"X-CSRF-Token", client.csrf()}})
                .status;
        ++answered_;
      });
    }
  }
  ~Uploads() { wait(); }
  int answered() const { return answered_; }
  const std::vector<int>& wait() {
    for (auto& t : threads_)
      if (t.joinable()) t.join();
    return statuses_;
  }

 private:
  std::vector<int> statuses_;
  std::atomic<int> answered_{0};
  std::vector<std::thread> threads_;
};

class BusyMonitoringApiTest : public MonitoringApiTest {
 protected:
  // One monitoring thread and room for many runs of one organisation, so uploads queue up.
  testing::TestServerOptions server_options() const override {
    testing::TestServerOptions options;
    options.monitoring_runs.threads = 1;
    options.monitoring_runs.per_organisation = 20;
    return options;
  }
};

TEST_F(BusyMonitoringApiTest, RequestsStayQuickWhileUploadsWaitForTheMonitoringPool) {
  const int64_t id = must_create_monitor("Fairness");
  BusyPool busy(server_->monitoring_runs(), 1);
  // More uploads than the server's 8 request workers: each would hold one if runs ran on them.
  Uploads uploads(*manager_, "/api/v1/monitors/" + std::to_string(id) + "/runs", kWindow, 12);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto asked = std::chrono::steady_clock::now();
  const auto me = manager_->get("/api/v1/me");
  const auto waited = std::chrono::steady_clock::now() - asked;
  EXPECT_EQ(me.status, 200);
  EXPECT_LT(waited, std::chrono::seconds(2)) << "a request waited for monitoring runs";
  EXPECT_EQ(uploads.answered(), 0) << "the runs wait for the pool";
  busy.open();
  for (int status : uploads.wait())
    EXPECT_EQ(status, 201);
  EXPECT_EQ(
      manager_->get("/api/v1/monitors/" + std::to_string(id) + "/runs").json()["items"].size(),
      12u);
}

TEST_F(MonitoringApiTest, AnOrganisationBeyondItsShareOfRunsIsToldToWait) {
  const int64_t id = must_create_monitor("Fairness");
  const std::string target = "/api/v1/monitors/" + std::to_string(id) + "/runs";
  BusyPool busy(server_->monitoring_runs(), 2);   // both of the pool's threads
  Uploads queued(*manager_, target, kWindow, 2);  // the organisation's two runs, waiting
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto third = upload(target, kWindow);
  ASSERT_EQ(third.status, 429) << third.body;
  EXPECT_EQ(third.json()["error"]["message"],
            "your organisation has 2 monitoring runs queued or in progress, the most it may have "
            "at once; try again when one has finished");
  // So is the monitor page's form, and a reference upload.
  EXPECT_EQ(
      upload_form("/monitoring/monitors/" + std::to_string(id) + "/runs", "log", "w.csv", kWindow)
          .status,
      429);
  EXPECT_EQ(upload("/api/v1/monitors/" + std::to_string(id) + "/reference", kReference).status,
            429);
  busy.open();
  EXPECT_EQ(queued.wait(), (std::vector<int>{201, 201}));
  EXPECT_EQ(upload(target, kWindow).status, 201) << "finished runs no longer count";
}

}  // namespace
}  // namespace aims
