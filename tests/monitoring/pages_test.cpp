// Monitoring pages over both backends with the numbers an older database may hold: thresholds
// stored before their range was checked (1.7e308 once crashed every page drawing its chart, and
// -1.797e308 looped for ever) and metric samples that are huge or not finite. Every page that
// draws the monitor's charts must still answer, for every role.
#include <gtest/gtest.h>

#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "records/records.h"
#include "support/test_server.h"

namespace aims {
namespace {

using auth::Role;
using nlohmann::json;

// Group a predicts 1 0 (selection rate 0.5), group b 1 1 (1.0): disparate impact 0.5. Labels
// make accuracy 3/4: (1,1) (0,0) (1,1) (1,0).
const json kConfig = {
    {"columns", {{"prediction", "p"}, {"label", "y"}, {"sensitive_attributes", {"g"}}}},
    {"min_group_size", 1}};
const std::string kLog = "p,y,g\n1,1,a\n0,0,a\n1,1,b\n1,0,b\n";

class MonitoringPagesTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    auto url = testing::fresh_database_url(GetParam());
    if (!url) GTEST_SKIP() << "no PostgreSQL configured";
    server_ = std::make_unique<testing::TestServer>(*url);
    org_ = server_->seed_org("Stored Numbers");
    manager_ = std::make_unique<testing::HttpClient>(server_->signed_in(org_, Role::aims_manager));
    const trail::Actor actor{"user", org_.users.at(Role::admin).id, "admin"};
    records::Record system;
    system.values = {{"name", std::string("Loan approval")},
                     {"purpose", std::string("Approves small loans")},
                     {"org_role", std::string("deployer")},
                     {"owner_id", org_.users.at(Role::contributor).id}};
    auto created = records::create(db(), inventory::ai_systems(), org(), system,
                                   {actor, actor.user_id, Role::admin});
    ASSERT_TRUE(created.ok()) << created.error().message;
    system_ = created->id;
    monitoring::MonitorInput input;
    input.system_id = system_;
    input.name = "Fairness";
    input.config_json = kConfig.dump();
    input.thresholds_json = "[]";
    auto monitor = monitoring::create_monitor(db(), org(), input, actor);
    ASSERT_TRUE(monitor.ok()) << monitor.error().message;
    monitor_ = monitor->id;
    for (const char* name : {"monday.csv", "tuesday.csv"}) {  // two runs: a line, not a point
      monitoring::RunRequest request;
      request.monitor_id = monitor_;
      request.log = monitoring::LogInput::memory(kLog);
      request.input_name = name;
      auto run = monitoring::run_monitor(db(), org(), request, actor);
      ASSERT_TRUE(run.ok()) << run.error().message;
    }
  }

  store::Database& db() { return server_->db(); }
  int64_t org() const { return org_.org.id; }

  // Writes past every rule, as an older version of aims or a hand edit could have.
  void store(const std::string& sql, const store::Params& params) {
    auto done = db().write([&](store::Tx& tx) -> Status {
      TRY(tx.exec(sql, params));
      return {};
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  std::unique_ptr<testing::TestServer> server_;
  testing::SeededOrg org_;
  std::unique_ptr<testing::HttpClient> manager_;
  int64_t system_ = 0;
  int64_t monitor_ = 0;
};

TEST_P(MonitoringPagesTest, PagesDrawWhateverNumbersTheDatabaseHolds) {
  store(
      "UPDATE monitors SET thresholds = $1 WHERE id = $2",
      {R"([{"metric":"fairness.disparate_impact","scope":"*","comparison":"below","value":1.7e308},
             {"metric":"performance.accuracy","scope":"overall","comparison":"above","value":-1.797e308},
             {"metric":"performance.selection_rate","scope":"overall","comparison":"above","value":1e300}])",
       monitor_});
  // The first run's samples: a huge accuracy, and infinities where the backend stores them
  // (SQLite turns NaN into NULL, which is a gap anyway).
  const double inf = std::numeric_limits<double>::infinity();
  store(
      "UPDATE metric_samples SET value = $1 WHERE monitor_id = $2 AND metric = $3 AND run_id = "
      "(SELECT MIN(id) FROM monitor_runs WHERE monitor_id = $2)",
      {1.797e308, monitor_, std::string("performance.accuracy")});
  store(
      "UPDATE metric_samples SET value = $1 WHERE monitor_id = $2 AND metric = $3 AND run_id = "
      "(SELECT MIN(id) FROM monitor_runs WHERE monitor_id = $2)",
      {-inf, monitor_, std::string("fairness.disparate_impact")});
  store(
      "UPDATE metric_samples SET value = $1 WHERE monitor_id = $2 AND metric = $3 AND run_id = "
      "(SELECT MIN(id) FROM monitor_runs WHERE monitor_id = $2)",
      {inf, monitor_, std::string("performance.selection_rate")});

  const std::string monitor_page = "/monitoring/monitors/" + std::to_string(monitor_);
  const std::string system_page = "/inventory/systems/" + std::to_string(system_);
  for (Role role : {Role::viewer, Role::contributor, Role::aims_manager, Role::admin}) {
    auto client = server_->signed_in(org_, role);
    for (const std::string& page : {monitor_page, system_page}) {
      auto r = client.get(page);
      ASSERT_EQ(r.status, 200) << page << "\n" << r.body;
      // One chart per thresholded metric: disparate impact (attribute:g), accuracy, selection rate.
      EXPECT_NE(r.body.find("<svg class=\"chart\""), std::string::npos) << page;
      EXPECT_EQ(r.body.find(">nan<"), std::string::npos) << page;
    }
  }
  EXPECT_EQ(manager_->get(monitor_page + "/edit").status, 200);
  auto trend = manager_->get("/api/v1/monitors/" + std::to_string(monitor_) +
                             "/trend?metric=performance.accuracy&scope=overall");
  ASSERT_EQ(trend.status, 200) << trend.body;
  EXPECT_EQ(trend.json()["points"].size(), 2u);

  // A run judged by those stored thresholds still completes: disparate impact 0.5 is below
  // 1.7e308, accuracy 0.75 above -1.797e308, selection rate 0.75 not above 1e300: two breaches.
  auto run =
      manager_->request("POST", "/api/v1/monitors/" + std::to_string(monitor_) + "/runs", kLog,
                        {{"Content-Type", "text/csv"}, {"X-CSRF-Token", manager_->csrf()}});
  ASSERT_EQ(run.status, 201) << run.body;
  EXPECT_EQ(run.json()["breaches"], 2);
  EXPECT_EQ(manager_->get(monitor_page).status, 200);
}

TEST_P(MonitoringPagesTest, ThresholdsBeyondATrillionAreRefusedWithTheirField) {
  auto r = manager_->send_json(
      "PATCH", "/api/v1/monitors/" + std::to_string(monitor_),
      {{"thresholds",
        {{{"metric", "performance.accuracy"}, {"comparison", "below"}, {"value", 1.7e308}}}}},
      {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "thresholds[0].value");
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitoringPagesTest,
                         ::testing::ValuesIn(testing::all_backends()), testing::backend_name);

}  // namespace
}  // namespace aims
