// Monitoring on both backends: monitors and their versions, runs stored as evidence with the
// alerts, incident and oversight change that follow a breach, failed runs, trends, alert status,
// oversight, the audit trail of every change, tenancy and scheduled runs.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <latch>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/time.h"
#include "improvement/improvement.h"
#include "inventory/fixture.h"
#include "monitoring/monitoring.h"
#include "trail/verify.h"

namespace aims::monitoring {
namespace {

const trail::Actor& kActor = inventory::testing::kTrailActor;
const records::Caller& kCaller = inventory::testing::kActor;

// A classification log with one sensitive attribute g, a prediction and a label column.
const char* kConfig =
    R"({"columns":{"id":"id","timestamp":"ts","prediction":"pred","label":"label",
        "sensitive_attributes":["g"]},"min_group_size":2})";
// Disparate impact of g below 0.8, overall accuracy below 0.5.
const char* kThresholds =
    R"([{"metric":"fairness.disparate_impact","scope":"attribute:g","comparison":"below","value":0.8},
        {"metric":"performance.accuracy","scope":"overall","comparison":"below","value":0.5}])";

struct Row {
  int pred;
  int label;
  const char* group;
};

// One row per hour from 08:00 of `day` (YYYY-MM-DD), ids 1, 2, ...
std::string log_of(const std::string& day, const std::vector<Row>& rows) {
  std::string out = "id,ts,pred,label,g\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02zu", 8 + i);
    out += std::to_string(i + 1) + "," + day + "T" + hour + ":00:00Z," +
           std::to_string(rows[i].pred) + "," + std::to_string(rows[i].label) + "," +
           rows[i].group + "\n";
  }
  return out;
}

// Log A, 2026-03-01, 08:00 to 15:00.
//   group a: predictions 1 1 1 0 -> selection rate 3/4 = 0.75
//   group b: predictions 1 1 1 1 -> selection rate 4/4 = 1.0
//   disparate impact = min / max = 0.75 / 1.0 = 0.75 (< 0.8: breach)
//   correct: a: (1,1) (1,1) (1,0)x (0,0) = 3; b: (1,1) (1,1) (1,0)x (1,0)x = 2 -> accuracy 5/8
//   = 0.625 (not below 0.5)
//   severity of the DI breach: fairness starts high; margin |0.75 - 0.8| / 0.8 = 0.0625 -> high
std::string log_a() {
  return log_of("2026-03-01", {{1, 1, "a"},
                               {1, 1, "a"},
                               {1, 0, "a"},
                               {0, 0, "a"},
                               {1, 1, "b"},
                               {1, 1, "b"},
                               {1, 0, "b"},
                               {1, 0, "b"}});
}

// Log B, 2026-03-02.
//   group a: predictions 1 1 0 0 -> 0.5; group b: 1 1 1 1 -> 1.0; disparate impact 0.5
//   correct: a: (1,1) (1,0)x (0,1)x (0,1)x = 1; b: (1,1) (1,1) (1,0)x (1,0)x = 2 -> 3/8 = 0.375
//   DI severity: margin 0.3 / 0.8 = 0.375 >= 0.25 -> high + 1 = critical
//   accuracy severity: performance starts medium; margin 0.125 / 0.5 = 0.25 -> high
std::string log_b() {
  return log_of("2026-03-02", {{1, 1, "a"},
                               {1, 0, "a"},
                               {0, 1, "a"},
                               {0, 1, "a"},
                               {1, 1, "b"},
                               {1, 1, "b"},
                               {1, 0, "b"},
                               {1, 0, "b"}});
}

// Log C, 2026-03-03: both groups predict 1 1 0 0 and every prediction is right: DI 1, accuracy 1.
std::string log_c() {
  return log_of("2026-03-03", {{1, 1, "a"},
                               {1, 1, "a"},
                               {0, 0, "a"},
                               {0, 0, "a"},
                               {1, 1, "b"},
                               {1, 1, "b"},
                               {0, 0, "b"},
                               {0, 0, "b"}});
}

class MonitoringStoreTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    system_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Credit scorer", alpha_.users[0]));
    other_system_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Chat assistant", alpha_.users[0]));
    beta_system_ =
        must_create(beta_.org, inventory::ai_systems(), system("Beta scorer", beta_.users[0]));
  }

  MonitorInput input(const std::string& name, bool human_review = false) const {
    MonitorInput in;
    in.system_id = system_;
    in.name = name;
    in.config_json = kConfig;
    in.thresholds_json = std::string(kThresholds);
    in.human_review_on_breach = human_review;
    return in;
  }

  Monitor must_create_monitor(const MonitorInput& in) {
    auto m = create_monitor(*db_, alpha_.org, in, kActor);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().field + ": " + m.error().message);
    return m.ok() ? *m : Monitor{};
  }

  Result<monitoring::Run> run(int64_t monitor_id, const std::string& log,
                              const std::string& name = "w.csv", int64_t org = 0) {
    RunRequest request;
    request.monitor_id = monitor_id;
    request.log = LogInput::memory(log);
    request.input_name = name;
    request.options.threads = 2;
    return run_monitor(*db_, org ? org : alpha_.org, request, kActor);
  }

  int64_t events(int64_t org = 0) {
    auto n =
        db_->read([&](store::Tx& tx) { return trail::event_count(tx, org ? org : alpha_.org); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  std::vector<trail::Event> events_of(const std::string& type, int64_t id) {
    trail::Filter f;
    f.entity_type = type;
    f.entity_id = id;
    f.limit = 100;
    auto list = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<trail::Event>{};
  }

  void expect_trail_intact() {
    auto v = trail::verify(*db_, alpha_.org);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->intact) << v->problem;
  }

  records::Page incidents() {
    auto page = records::list(*db_, improvement::incidents(), alpha_.org, {});
    EXPECT_TRUE(page.ok());
    return page.ok() ? *page : records::Page{};
  }

  int64_t system_ = 0, other_system_ = 0, beta_system_ = 0;
};

// ---- monitors ----------------------------------------------------------------------------------

TEST_P(MonitoringStoreTest, CreatesAMonitorWithDefaultThresholdsAndOneEvent) {
  const int64_t before = events();
  MonitorInput in = input("Credit fairness");
  in.thresholds_json.reset();
  Monitor m = must_create_monitor(in);
  ASSERT_GT(m.id, 0);
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.run_mode, "upload");
  EXPECT_FALSE(m.next_run_at);
  EXPECT_TRUE(m.reference_sha256.empty());
  // The classification defaults (disparate impact, equal opportunity, PSI, missing share,
  // duplicate rows) less PSI: kConfig maps no score or feature column to drift.
  ASSERT_EQ(m.thresholds.size(), 4u);
  EXPECT_EQ(m.thresholds[0].metric, "fairness.disparate_impact");
  EXPECT_EQ(m.thresholds[1].metric, "fairness.equal_opportunity_difference");
  EXPECT_EQ(m.thresholds[2].metric, "quality.missing_share");
  EXPECT_EQ(m.thresholds[3].metric, "quality.duplicate_row_share");
  EXPECT_EQ(events(), before + 1);
  auto history = events_of("monitor", m.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "create");

  auto read = get_monitor(*db_, alpha_.org, m.id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->name, "Credit fairness");
  EXPECT_EQ(read->system_id, system_);
  EXPECT_EQ(read->config.columns.sensitive_attributes, std::vector<std::string>{"g"});
  EXPECT_EQ(read->config.min_group_size, 2u);
  EXPECT_EQ(read->thresholds.size(), 4u);
  EXPECT_EQ(read->created_at, m.created_at);
}

TEST_P(MonitoringStoreTest, CreateNamesTheBadField) {
  MonitorInput bad_config = input("X");
  bad_config.config_json = R"({"columns":{"label":5}})";
  auto refused = create_monitor(*db_, alpha_.org, bad_config, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "config.columns.label");

  MonitorInput bad_thresholds = input("X");
  bad_thresholds.thresholds_json =
      R"([{"metric":"drift.psi","comparison":"above","value":0.2},
          {"metric":"drift.psi","comparison":"sideways","value":0.2}])";
  EXPECT_EQ(create_monitor(*db_, alpha_.org, bad_thresholds, kActor).error().field,
            "thresholds[1].comparison");

  MonitorInput blank = input("   ");
  EXPECT_EQ(create_monitor(*db_, alpha_.org, blank, kActor).error().field, "name");
  MonitorInput two_lines = input("Credit\nfairness");
  EXPECT_EQ(create_monitor(*db_, alpha_.org, two_lines, kActor).error().field, "name");

  MonitorInput foreign = input("X");
  foreign.system_id = beta_system_;
  auto other_org = create_monitor(*db_, alpha_.org, foreign, kActor);
  ASSERT_FALSE(other_org.ok());
  EXPECT_EQ(other_org.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(other_org.error().field, "system_id");

  MonitorInput mode = input("X");
  mode.run_mode = "cron";
  EXPECT_EQ(create_monitor(*db_, alpha_.org, mode, kActor).error().field, "run_mode");
  MonitorInput no_hours = input("X");
  no_hours.run_mode = "schedule";
  no_hours.schedule_source = "w.csv";
  EXPECT_EQ(create_monitor(*db_, alpha_.org, no_hours, kActor).error().field, "schedule_hours");
  for (const char* path : {"../x", "logs/../../x", "/etc/passwd", ""}) {
    MonitorInput escape = input("X");
    escape.run_mode = "schedule";
    escape.schedule_hours = 1;
    escape.schedule_source = path;
    auto r = create_monitor(*db_, alpha_.org, escape, kActor);
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.error().field, "schedule_source") << path;
  }
  EXPECT_EQ(list_monitors(*db_, alpha_.org, std::nullopt)->size(), 0u);
}

TEST_P(MonitoringStoreTest, NamesAreUniquePerSystem) {
  must_create_monitor(input("Credit fairness"));
  auto again = create_monitor(*db_, alpha_.org, input("CREDIT FAIRNESS"), kActor);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(again.error().field, "name");
  MonitorInput elsewhere = input("Credit fairness");
  elsewhere.system_id = other_system_;
  EXPECT_TRUE(create_monitor(*db_, alpha_.org, elsewhere, kActor).ok());
  Monitor second = must_create_monitor(input("Drift"));
  MonitorChanges rename;
  rename.name = "credit Fairness";
  rename.expected_version = second.version;
  EXPECT_EQ(update_monitor(*db_, alpha_.org, second.id, rename, kActor).error().code,
            ErrorCode::already_exists);
  auto listed = list_monitors(*db_, alpha_.org, system_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "Credit fairness");
  EXPECT_EQ((*listed)[1].name, "Drift");
  EXPECT_EQ(list_monitors(*db_, alpha_.org, std::nullopt)->size(), 3u);
}

TEST_P(MonitoringStoreTest, UpdatesCheckTheVersionAndAreAudited) {
  Monitor m = must_create_monitor(input("Credit fairness"));
  const int64_t before = events();
  MonitorChanges change;
  change.name = "Credit fairness v2";
  change.human_review_on_breach = true;
  change.expected_version = 1;
  auto updated = update_monitor(*db_, alpha_.org, m.id, change, kActor);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->name, "Credit fairness v2");
  EXPECT_TRUE(updated->human_review_on_breach);
  EXPECT_EQ(events(), before + 1);

  auto stale = update_monitor(*db_, alpha_.org, m.id, change, kActor);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::stale_version);

  change.expected_version = 2;
  auto same = update_monitor(*db_, alpha_.org, m.id, change, kActor);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 2) << "a change to the same values makes no new version";
  EXPECT_EQ(events(), before + 1);

  MonitorChanges bad;
  bad.config_json = R"({"columns":{"score":"p"},"min_group_size":0})";
  bad.expected_version = 2;
  EXPECT_EQ(update_monitor(*db_, alpha_.org, m.id, bad, kActor).error().field,
            "config.min_group_size");
  bad.config_json.reset();
  bad.thresholds_json = R"([{"metric":"no.such","comparison":"above","value":1}])";
  EXPECT_EQ(update_monitor(*db_, alpha_.org, m.id, bad, kActor).error().field,
            "thresholds[0].metric");

  // Switching to a schedule makes it due at once; switching back clears the due time.
  MonitorChanges schedule;
  schedule.run_mode = "schedule";
  schedule.schedule_hours = 6;
  schedule.schedule_source = "credit/latest.csv";
  schedule.expected_version = 2;
  auto scheduled = update_monitor(*db_, alpha_.org, m.id, schedule, kActor);
  ASSERT_TRUE(scheduled.ok()) << scheduled.error().message;
  EXPECT_EQ(scheduled->version, 3);
  ASSERT_TRUE(scheduled->next_run_at);
  EXPECT_LE(*scheduled->next_run_at, now_timestamp());
  MonitorChanges upload;
  upload.run_mode = "upload";
  upload.expected_version = 3;
  auto back = update_monitor(*db_, alpha_.org, m.id, upload, kActor);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_FALSE(back->next_run_at);
  EXPECT_FALSE(get_monitor(*db_, alpha_.org, m.id)->next_run_at);
  EXPECT_EQ(events(), before + 3);
  EXPECT_EQ(events_of("monitor", m.id).size(), 4u);
  expect_trail_intact();
}

TEST_P(MonitoringStoreTest, ArchivedMonitorsCannotRunOrChange) {
  Monitor m = must_create_monitor(input("Credit fairness"));
  const int64_t before = events();
  auto archived = archive_monitor(*db_, alpha_.org, m.id, true, kActor);
  ASSERT_TRUE(archived.ok()) << archived.error().message;
  EXPECT_TRUE(archived->archived_at);
  EXPECT_EQ(archived->version, 2);
  EXPECT_EQ(get_monitor(*db_, alpha_.org, m.id)->version, 2);
  EXPECT_EQ(archive_monitor(*db_, alpha_.org, m.id, true, kActor).error().code,
            ErrorCode::failed_precondition);

  auto ran = run(m.id, log_a());
  ASSERT_FALSE(ran.ok());
  EXPECT_EQ(ran.error().code, ErrorCode::failed_precondition);
  EXPECT_TRUE(list_runs(*db_, alpha_.org, m.id, 10)->empty()) << "not even a failed run";
  const std::string reference = log_c();
  EXPECT_EQ(
      set_reference(*db_, alpha_.org, m.id, LogInput::memory(reference), {}, kActor).error().code,
      ErrorCode::failed_precondition);
  MonitorChanges change;
  change.name = "Renamed";
  change.expected_version = 2;
  EXPECT_EQ(update_monitor(*db_, alpha_.org, m.id, change, kActor).error().code,
            ErrorCode::failed_precondition);
  EXPECT_EQ(events(), before + 1);

  auto restored = archive_monitor(*db_, alpha_.org, m.id, false, kActor);
  ASSERT_TRUE(restored.ok());
  EXPECT_FALSE(restored->archived_at);
  EXPECT_EQ(restored->version, 3);
  EXPECT_EQ(archive_monitor(*db_, alpha_.org, m.id, false, kActor).error().code,
            ErrorCode::failed_precondition);
  EXPECT_TRUE(run(m.id, log_c()).ok());
  auto history = events_of("monitor", m.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].action, "restore");
  EXPECT_EQ(history[1].action, "archive");
  expect_trail_intact();
}

// ---- runs, alerts and incidents ----------------------------------------------------------------

TEST_P(MonitoringStoreTest, ABreachingRunStoresAlertsAndOpensAnIncident) {
  Monitor m = must_create_monitor(input("Credit fairness"));
  const std::string log = log_a();
  const int64_t before = events();
  auto first = run(m.id, log, "march-01.csv");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, "completed");
  EXPECT_EQ(first->source, "upload");
  EXPECT_EQ(first->input_name, "march-01.csv");
  EXPECT_EQ(first->input_sha256, crypto::sha256_hex(log));
  EXPECT_EQ(first->input_bytes, static_cast<int64_t>(log.size()));
  EXPECT_EQ(first->rows, 8);
  EXPECT_EQ(first->window_from, std::optional<std::string>("2026-03-01T08:00:00.000000Z"));
  EXPECT_EQ(first->window_to, std::optional<std::string>("2026-03-01T15:00:00.000000Z"));
  EXPECT_TRUE(first->reference_sha256.empty());
  EXPECT_EQ(first->actor_label, kActor.label);
  EXPECT_EQ(first->breaches, 1);
  ASSERT_EQ(first->alerts.size(), 1u);
  const Alert& di = first->alerts[0];
  EXPECT_EQ(di.metric, "fairness.disparate_impact");
  EXPECT_EQ(di.scope, "attribute:g");
  EXPECT_DOUBLE_EQ(di.value, 0.75);  // 0.75 / 1.0, see log_a
  EXPECT_EQ(di.comparison, "below");
  EXPECT_EQ(di.threshold, 0.8);
  EXPECT_EQ(di.severity, "high");
  EXPECT_EQ(di.status, "open");
  EXPECT_EQ(di.run_id, first->id);
  EXPECT_EQ(di.monitor_id, m.id);
  EXPECT_EQ(di.system_id, system_);
  ASSERT_TRUE(first->incident_id);
  EXPECT_EQ(di.incident_id, first->incident_id);
  // The run, the incident it opened and its alert: three events.
  EXPECT_EQ(events(), before + 3);

  auto incident = records::get(*db_, improvement::incidents(), alpha_.org, *first->incident_id);
  ASSERT_TRUE(incident.ok()) << incident.error().message;
  EXPECT_EQ(incident->text("control"), "A.6.2.6");
  EXPECT_EQ(incident->text("severity"), "high");
  EXPECT_EQ(incident->text("status"), "open");
  EXPECT_EQ(incident->text("source"), "monitoring");
  EXPECT_EQ(incident->number("monitor_id"), std::optional<int64_t>(m.id));
  EXPECT_EQ(incident->number("system_id"), system_);
  EXPECT_EQ(incident->number("breach_count"), 1);
  EXPECT_NE(incident->text("title").find("Credit scorer"), std::string::npos)
      << incident->text("title");
  EXPECT_NE(incident->text("title").find("Credit fairness"), std::string::npos)
      << incident->text("title");
  EXPECT_NE(incident->text("description").find("fairness.disparate_impact"), std::string::npos);

  // What was stored reads back the same, with its result document.
  auto stored = get_run(*db_, alpha_.org, first->id);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->status, "completed");
  EXPECT_EQ(stored->input_sha256, first->input_sha256);
  EXPECT_EQ(stored->rows, 8);
  EXPECT_EQ(stored->window_to, first->window_to);
  EXPECT_EQ(stored->breaches, 1);
  EXPECT_EQ(stored->incident_id, first->incident_id);
  ASSERT_EQ(stored->alerts.size(), 1u);
  EXPECT_EQ(stored->alerts[0].id, di.id);
  EXPECT_DOUBLE_EQ(stored->alerts[0].value, 0.75);
  EXPECT_EQ(stored->alerts[0].severity, "high");
  EXPECT_NE(stored->result_json.find("\"aims.monitoring.run_result\""), std::string::npos);

  // A second breaching run adds to the same open incident and raises its severity.
  auto second = run(m.id, log_b(), "march-02.csv");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->breaches, 2);
  ASSERT_EQ(second->alerts.size(), 2u);
  EXPECT_EQ(second->alerts[0].metric, "fairness.disparate_impact");
  EXPECT_DOUBLE_EQ(second->alerts[0].value, 0.5);
  EXPECT_EQ(second->alerts[0].severity, "critical");
  EXPECT_EQ(second->alerts[1].metric, "performance.accuracy");
  EXPECT_EQ(second->alerts[1].scope, "overall");
  EXPECT_DOUBLE_EQ(second->alerts[1].value, 0.375);
  EXPECT_EQ(second->alerts[1].threshold, 0.5);
  EXPECT_EQ(second->alerts[1].severity, "high");
  EXPECT_EQ(second->incident_id, first->incident_id);
  // The run, the incident's update and two alerts.
  EXPECT_EQ(events(), before + 3 + 4);
  auto updated = records::get(*db_, improvement::incidents(), alpha_.org, *first->incident_id);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->number("breach_count"), 3);     // 1 + 2
  EXPECT_EQ(updated->text("severity"), "critical");  // worst of critical and high, above high
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->text("first_seen_at"), incident->text("first_seen_at"));
  EXPECT_GE(updated->text("last_seen_at"), incident->text("last_seen_at"));
  EXPECT_EQ(incidents().total, 1);

  // A milder breach never lowers the incident's severity.
  auto third = run(m.id, log_a());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(records::get(*db_, improvement::incidents(), alpha_.org, *first->incident_id)
                ->text("severity"),
            "critical");
  EXPECT_EQ(records::get(*db_, improvement::incidents(), alpha_.org, *first->incident_id)
                ->number("breach_count"),
            4);

  // Once the incident is resolved, the next breach opens a new one.
  records::Record resolve;
  resolve.values = {{"status", std::string("resolved")},
                    {"resolution", std::string("Retrained with reweighting")}};
  ASSERT_TRUE(records::update(*db_, improvement::incidents(), alpha_.org, *first->incident_id,
                              resolve, 3, kCaller)
                  .ok());
  auto fourth = run(m.id, log_a());
  ASSERT_TRUE(fourth.ok());
  ASSERT_TRUE(fourth->incident_id);
  EXPECT_NE(fourth->incident_id, first->incident_id);
  EXPECT_EQ(records::get(*db_, improvement::incidents(), alpha_.org, *fourth->incident_id)
                ->number("breach_count"),
            1);
  EXPECT_EQ(incidents().total, 2);

  auto open = list_alerts(*db_, alpha_.org, {std::nullopt, "open", 100});
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->size(), 5u);  // 1 + 2 + 1 + 1
  EXPECT_EQ((*open)[0].run_id, fourth->id) << "newest first";
  expect_trail_intact();
}

TEST_P(MonitoringStoreTest, ARunWithoutBreachesRaisesNothing) {
  Monitor m = must_create_monitor(input("Credit fairness", true));
  const int64_t before = events();
  auto clean = run(m.id, log_c());
  ASSERT_TRUE(clean.ok()) << clean.error().message;
  EXPECT_EQ(clean->status, "completed");
  EXPECT_EQ(clean->breaches, 0);
  EXPECT_TRUE(clean->alerts.empty());
  EXPECT_FALSE(clean->incident_id);
  EXPECT_EQ(events(), before + 1) << "the run only";
  EXPECT_EQ(incidents().total, 0);
  EXPECT_TRUE(list_alerts(*db_, alpha_.org, {})->empty());
  auto o = oversight(*db_, alpha_.org, system_);
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->human_review_required);
  EXPECT_EQ(o->version, 0);
  auto history = events_of("monitor_run", clean->id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "create");
}

TEST_P(MonitoringStoreTest, ABreachCanSwitchTheSystemToHumanReview) {
  Monitor m = must_create_monitor(input("Credit fairness", true));
  auto initial = oversight(*db_, alpha_.org, system_);
  ASSERT_TRUE(initial.ok());
  EXPECT_FALSE(initial->human_review_required);
  EXPECT_EQ(initial->version, 0);

  const int64_t before = events();
  auto first = run(m.id, log_a());
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->alerts.size(), 1u);
  // The run, the incident, the alert and the switch.
  EXPECT_EQ(events(), before + 4);
  auto o = oversight(*db_, alpha_.org, system_);
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->human_review_required);
  EXPECT_EQ(o->source, "breach");
  EXPECT_EQ(o->alert_id, std::optional<int64_t>(first->alerts[0].id));
  EXPECT_EQ(o->set_by, "monitor Credit fairness");
  EXPECT_NE(o->reason.find("run #" + std::to_string(first->id)), std::string::npos) << o->reason;
  EXPECT_EQ(o->version, 1);
  EXPECT_EQ(o->since, std::optional<std::string>(first->finished_at));
  auto switched = events_of("ai_system_oversight", system_);
  ASSERT_EQ(switched.size(), 1u);
  EXPECT_EQ(switched[0].action, "require_human_review");
  // The other system is not affected.
  EXPECT_FALSE(oversight(*db_, alpha_.org, other_system_)->human_review_required);

  // Already under review: a further breach keeps who switched it and since when.
  auto second = run(m.id, log_b());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(events(), before + 4 + 4);  // run, incident update, two alerts
  auto kept = oversight(*db_, alpha_.org, system_);
  EXPECT_EQ(kept->version, 1);
  EXPECT_EQ(kept->alert_id, o->alert_id);

  // People release it, with a reason and the current version.
  auto no_reason = set_oversight(*db_, alpha_.org, system_, false, "", 1, kActor);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(no_reason.error().field, "reason");
  EXPECT_EQ(set_oversight(*db_, alpha_.org, system_, false, "Checked", 0, kActor).error().code,
            ErrorCode::stale_version);
  auto released =
      set_oversight(*db_, alpha_.org, system_, false, "Reviewed the rejected cases", 1, kActor);
  ASSERT_TRUE(released.ok()) << released.error().message;
  EXPECT_FALSE(released->human_review_required);
  EXPECT_EQ(released->source, "manual");
  EXPECT_FALSE(released->alert_id);
  EXPECT_EQ(released->set_by, kActor.label);
  EXPECT_EQ(released->version, 2);
  EXPECT_EQ(events(), before + 9);
  EXPECT_EQ(events_of("ai_system_oversight", system_)[0].action, "release_human_review");

  // The next breach switches it again.
  auto third = run(m.id, log_a());
  ASSERT_TRUE(third.ok());
  auto again = oversight(*db_, alpha_.org, system_);
  EXPECT_TRUE(again->human_review_required);
  EXPECT_EQ(again->version, 3);
  EXPECT_EQ(again->alert_id, std::optional<int64_t>(third->alerts[0].id));
  expect_trail_intact();
}

TEST_P(MonitoringStoreTest, PeopleSetOversightByHandWithAReason) {
  const int64_t before = events();
  auto required = set_oversight(*db_, alpha_.org, system_, true, "Pilot phase", 0, kActor);
  ASSERT_TRUE(required.ok()) << required.error().message;
  EXPECT_TRUE(required->human_review_required);
  EXPECT_EQ(required->source, "manual");
  EXPECT_EQ(required->reason, "Pilot phase");
  EXPECT_EQ(required->version, 1);
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(set_oversight(*db_, alpha_.org, system_, false, "Done", 0, kActor).error().code,
            ErrorCode::stale_version);
  EXPECT_EQ(set_oversight(*db_, alpha_.org, system_, false, std::string(2001, 'x'), 1, kActor)
                .error()
                .field,
            "reason");
  EXPECT_EQ(set_oversight(*db_, alpha_.org, system_, false, " \t ", 1, kActor).error().field,
            "reason");
  auto read = oversight(*db_, alpha_.org, system_);
  EXPECT_TRUE(read->human_review_required);
  EXPECT_EQ(read->reason, "Pilot phase");
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(oversight(*db_, alpha_.org, 999999).error().code, ErrorCode::not_found);
}

TEST_P(MonitoringStoreTest, AlertStatusChangesCheckTheVersion) {
  Monitor m = must_create_monitor(input("Credit fairness"));
  auto r = run(m.id, log_b());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->alerts.size(), 2u);
  const Alert a = r->alerts[0];
  const int64_t before = events();
  auto invalid = set_alert_status(*db_, alpha_.org, a.id, "closed", 1, kActor);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(invalid.error().field, "status");
  auto acknowledged = set_alert_status(*db_, alpha_.org, a.id, "acknowledged", 1, kActor);
  ASSERT_TRUE(acknowledged.ok()) << acknowledged.error().message;
  EXPECT_EQ(acknowledged->status, "acknowledged");
  EXPECT_EQ(acknowledged->version, 2);
  EXPECT_EQ(acknowledged->metric, a.metric);
  EXPECT_EQ(events(), before + 1);
  auto stale = set_alert_status(*db_, alpha_.org, a.id, "resolved", 1, kActor);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::stale_version);
  auto same = set_alert_status(*db_, alpha_.org, a.id, "acknowledged", 2, kActor);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 2);
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(set_alert_status(*db_, alpha_.org, 999999, "resolved", 1, kActor).error().code,
            ErrorCode::not_found);

  auto open = list_alerts(*db_, alpha_.org, {std::nullopt, "open", 100});
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].id, r->alerts[1].id);
  auto acked = list_alerts(*db_, alpha_.org, {system_, "acknowledged", 100});
  ASSERT_EQ(acked->size(), 1u);
  EXPECT_EQ((*acked)[0].id, a.id);
  EXPECT_TRUE(list_alerts(*db_, alpha_.org, {other_system_, std::nullopt, 100})->empty());
  EXPECT_EQ(list_alerts(*db_, alpha_.org, {std::nullopt, "closed", 100}).error().field, "status");
  auto history = events_of("alert", a.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "update");
  EXPECT_NE(history[0].changes.find("acknowledged"), std::string::npos) << history[0].changes;
  expect_trail_intact();
}

TEST_P(MonitoringStoreTest, TheSummaryCountsSystemsInReviewAndUnresolvedAlerts) {
  auto empty = summary(*db_, alpha_.org);
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_EQ(empty->monitored_systems, 0);
  EXPECT_EQ(empty->systems_in_review, 0);
  EXPECT_EQ(empty->active_alerts, 0);

  Monitor m = must_create_monitor(input("Credit fairness", true));
  MonitorInput elsewhere = input("Retired");
  elsewhere.system_id = other_system_;
  Monitor retired = must_create_monitor(elsewhere);
  ASSERT_TRUE(archive_monitor(*db_, alpha_.org, retired.id, true, kActor).ok());
  // Log B: a critical disparate impact alert and a high accuracy alert; the system goes to review.
  auto r = run(m.id, log_b());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->alerts.size(), 2u);
  auto s = summary(*db_, alpha_.org);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->monitored_systems, 1) << "the other system's only monitor is archived";
  EXPECT_EQ(s->systems_in_review, 1);
  EXPECT_EQ(s->active_alerts, 2);
  EXPECT_EQ(s->critical_alerts, 1);

  // Acknowledged is still active; resolved is not.
  ASSERT_TRUE(set_alert_status(*db_, alpha_.org, r->alerts[1].id, "acknowledged", 1, kActor).ok());
  ASSERT_TRUE(set_alert_status(*db_, alpha_.org, r->alerts[0].id, "resolved", 1, kActor).ok());
  s = summary(*db_, alpha_.org);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->active_alerts, 1);
  EXPECT_EQ(s->critical_alerts, 0);
  auto active = list_alerts(*db_, alpha_.org, {std::nullopt, "active", 100});
  ASSERT_TRUE(active.ok()) << active.error().message;
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].id, r->alerts[1].id);

  ASSERT_TRUE(set_oversight(*db_, alpha_.org, system_, false, "Reviewed", 1, kActor).ok());
  EXPECT_EQ(summary(*db_, alpha_.org)->systems_in_review, 0);
  EXPECT_EQ(summary(*db_, beta_.org)->monitored_systems, 0);
}

TEST_P(MonitoringStoreTest, AnUnreadableLogIsStoredAsAFailedRun) {
  Monitor m = must_create_monitor(input("Credit fairness", true));
  const int64_t before = events();
  // Line 2 is `1,1"x,...`: the quote is the 4th byte of the line, inside an unquoted field.
  const std::string broken = "id,ts,pred,label,g\n1,1\"x,1,1,a\n";
  auto failed = run(m.id, broken, "broken.csv");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::malformed);
  EXPECT_EQ(failed.error().message, "line 2, column 4: quote inside an unquoted field");
  // A log without the mapped column g.
  auto missing = run(m.id, "id,ts,pred,label\n1,2026-03-01,1,1\n", "no-group.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::malformed);
  EXPECT_EQ(missing.error().message, "line 1: missing column 'g'");

  auto runs = list_runs(*db_, alpha_.org, m.id, 10);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  const monitoring::Run& newest = (*runs)[0];
  EXPECT_EQ(newest.input_name, "no-group.csv");
  EXPECT_EQ(newest.status, "failed");
  EXPECT_EQ(newest.error, "line 1: missing column 'g'");
  const monitoring::Run& oldest = (*runs)[1];
  EXPECT_EQ(oldest.status, "failed");
  EXPECT_EQ(oldest.error, "line 2, column 4: quote inside an unquoted field");
  EXPECT_EQ(oldest.rows, 0);
  EXPECT_EQ(oldest.breaches, 0);
  EXPECT_EQ(oldest.actor_label, kActor.label);
  auto stored = get_run(*db_, alpha_.org, oldest.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->result_json.empty());
  EXPECT_TRUE(stored->alerts.empty());
  EXPECT_EQ(events(), before + 2) << "one event per failed run, nothing else";
  EXPECT_EQ(incidents().total, 0);
  EXPECT_FALSE(oversight(*db_, alpha_.org, system_)->human_review_required);
  EXPECT_TRUE(trend(*db_, alpha_.org, m.id, "performance.accuracy", "overall", 10)->empty());
  expect_trail_intact();
}

TEST_P(MonitoringStoreTest, TheLogsNameMustBeOneShortLine) {
  Monitor m = must_create_monitor(input("Credit fairness", true));
  const std::string log = "id,ts,pred,label,g\n1,2026-03-01,1,1,a\n";
  for (const std::string& name :
       {std::string(""), std::string("two\nlines.csv"), std::string(201, 'n')}) {
    auto refused = run(m.id, log, name);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "name");
  }
  EXPECT_TRUE(list_runs(*db_, alpha_.org, m.id, 10)->empty()) << "refused before anything ran";
}

TEST_P(MonitoringStoreTest, TrendsFollowTheTimeTheDataCovers) {
  Monitor m = must_create_monitor(input("Credit fairness"));
  // Uploaded out of order: 1 March, 3 March, 2 March.
  ASSERT_TRUE(run(m.id, log_a()).ok());
  ASSERT_TRUE(run(m.id, log_c()).ok());
  auto last = run(m.id, log_b());
  ASSERT_TRUE(last.ok());
  auto points = trend(*db_, alpha_.org, m.id, "fairness.disparate_impact", "attribute:g", 10);
  ASSERT_TRUE(points.ok()) << points.error().message;
  ASSERT_EQ(points->size(), 3u);
  // Oldest first, at the last timestamp of each log (rows are 08:00 to 15:00).
  EXPECT_EQ((*points)[0].at, "2026-03-01T15:00:00.000000Z");
  EXPECT_EQ((*points)[0].value, std::optional<double>(0.75));
  EXPECT_EQ((*points)[1].at, "2026-03-02T15:00:00.000000Z");
  EXPECT_EQ((*points)[1].value, std::optional<double>(0.5));
  EXPECT_EQ((*points)[2].at, "2026-03-03T15:00:00.000000Z");
  EXPECT_EQ((*points)[2].value, std::optional<double>(1.0));
  // The limit keeps the newest points, still oldest first.
  auto two = trend(*db_, alpha_.org, m.id, "fairness.disparate_impact", "attribute:g", 2);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].at, "2026-03-02T15:00:00.000000Z");
  EXPECT_EQ((*two)[1].at, "2026-03-03T15:00:00.000000Z");
  // Accuracy overall: 5/8, 3/8, 8/8.
  auto accuracy = trend(*db_, alpha_.org, m.id, "performance.accuracy", "overall", 10);
  ASSERT_EQ(accuracy->size(), 3u);
  EXPECT_EQ((*accuracy)[0].value, std::optional<double>(0.625));
  EXPECT_EQ((*accuracy)[1].value, std::optional<double>(0.375));
  EXPECT_EQ((*accuracy)[2].value, std::optional<double>(1.0));
  // Group a's selection rate: 3/4, 2/4, 2/4.
  auto rate = trend(*db_, alpha_.org, m.id, "performance.selection_rate", "group:g=a", 10);
  ASSERT_EQ(rate->size(), 3u);
  EXPECT_EQ((*rate)[0].value, std::optional<double>(0.75));
  EXPECT_EQ((*rate)[1].value, std::optional<double>(0.5));
  EXPECT_EQ((*rate)[2].value, std::optional<double>(0.5));
  EXPECT_TRUE(trend(*db_, alpha_.org, m.id, "drift.psi", "column:feature:x", 10)->empty());

  auto scopes = scopes_of_run(*db_, alpha_.org, last->id, "performance.accuracy");
  ASSERT_TRUE(scopes.ok());
  EXPECT_EQ(*scopes, (std::vector<std::string>{"group:g=a", "group:g=b", "overall"}));
  EXPECT_EQ(*scopes_of_run(*db_, alpha_.org, last->id, "fairness.disparate_impact"),
            std::vector<std::string>{"attribute:g"});
  auto runs = list_runs(*db_, alpha_.org, m.id, 2);
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].id, last->id) << "newest first";
  EXPECT_TRUE((*runs)[0].result_json.empty()) << "lists leave the result out";
}

TEST_P(MonitoringStoreTest, TheReferenceEnablesDriftThresholds) {
  MonitorInput in = input("Channel drift");
  in.config_json =
      R"({"columns":{"score":"p","features":[{"name":"channel","kind":"categorical"}]}})";
  in.thresholds_json =
      R"([{"metric":"drift.unseen_category_share","comparison":"above","value":0.25}])";
  Monitor m = must_create_monitor(in);
  // The window: web, phone, phone, branch. Unseen against {web, branch}: 2 / 4 = 0.5.
  const std::string window = "p,channel\n0.5,web\n0.5,phone\n0.5,phone\n0.5,branch\n";
  // Without a reference the drift metric is undefined and breaches nothing.
  auto blind = run(m.id, window);
  ASSERT_TRUE(blind.ok()) << blind.error().message;
  EXPECT_EQ(blind->breaches, 0);
  EXPECT_TRUE(blind->reference_sha256.empty());

  const int64_t before = events();
  const std::string broken = "p,channel\n0.5,\"web\n";
  auto refused = set_reference(*db_, alpha_.org, m.id, LogInput::memory(broken), {}, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::malformed);
  EXPECT_EQ(events(), before);

  const std::string reference = "p,channel\n0.5,web\n0.5,web\n0.5,branch\n0.5,branch\n";
  auto profiled = set_reference(*db_, alpha_.org, m.id, LogInput::memory(reference), {}, kActor);
  ASSERT_TRUE(profiled.ok()) << profiled.error().message;
  EXPECT_EQ(profiled->reference_sha256, crypto::sha256_hex(reference));
  EXPECT_EQ(profiled->reference_rows, std::optional<int64_t>(4));
  EXPECT_TRUE(profiled->reference_at);
  EXPECT_EQ(profiled->version, m.version + 1);
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(events_of("monitor", m.id)[0].action, "set_reference");
  auto read = get_monitor(*db_, alpha_.org, m.id);
  EXPECT_EQ(read->reference_sha256, crypto::sha256_hex(reference));
  EXPECT_EQ(read->version, m.version + 1);

  auto drifted = run(m.id, window);
  ASSERT_TRUE(drifted.ok()) << drifted.error().message;
  EXPECT_EQ(drifted->reference_sha256, crypto::sha256_hex(reference));
  ASSERT_EQ(drifted->alerts.size(), 1u);
  EXPECT_EQ(drifted->alerts[0].metric, "drift.unseen_category_share");
  EXPECT_EQ(drifted->alerts[0].scope, "column:feature:channel");
  EXPECT_DOUBLE_EQ(drifted->alerts[0].value, 0.5);
  // Drift starts at medium; margin (0.5 - 0.25) / 0.25 = 1 >= 0.5: two steps, critical.
  EXPECT_EQ(drifted->alerts[0].severity, "critical");
  auto incident = records::get(*db_, improvement::incidents(), alpha_.org, *drifted->incident_id);
  EXPECT_EQ(incident->text("severity"), "critical");
}

// ---- tenancy -----------------------------------------------------------------------------------

TEST_P(MonitoringStoreTest, AnotherOrganisationsRecordsAreNotFound) {
  Monitor m = must_create_monitor(input("Credit fairness", true));
  auto r = run(m.id, log_a());
  ASSERT_TRUE(r.ok());
  const int64_t alert = r->alerts[0].id;
  const int64_t beta = beta_.org;
  const int64_t beta_before = events(beta);

  EXPECT_EQ(get_monitor(*db_, beta, m.id).error().code, ErrorCode::not_found);
  MonitorChanges change;
  change.name = "Taken over";
  change.expected_version = m.version;
  EXPECT_EQ(update_monitor(*db_, beta, m.id, change, kActor).error().code, ErrorCode::not_found);
  EXPECT_EQ(archive_monitor(*db_, beta, m.id, true, kActor).error().code, ErrorCode::not_found);
  const std::string reference = log_c();
  EXPECT_EQ(set_reference(*db_, beta, m.id, LogInput::memory(reference), {}, kActor).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(run(m.id, log_b(), "x.csv", beta).error().code, ErrorCode::not_found);
  EXPECT_EQ(get_run(*db_, beta, r->id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(list_runs(*db_, beta, m.id, 10)->empty());
  EXPECT_TRUE(list_monitors(*db_, beta, std::nullopt)->empty());
  EXPECT_TRUE(list_monitors(*db_, beta, system_)->empty());
  EXPECT_TRUE(trend(*db_, beta, m.id, "fairness.disparate_impact", "attribute:g", 10)->empty());
  EXPECT_TRUE(scopes_of_run(*db_, beta, r->id, "performance.accuracy")->empty());
  EXPECT_TRUE(list_alerts(*db_, beta, {})->empty());
  EXPECT_EQ(set_alert_status(*db_, beta, alert, "resolved", 1, kActor).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(oversight(*db_, beta, system_).error().code, ErrorCode::not_found);
  EXPECT_EQ(set_oversight(*db_, beta, system_, false, "Not mine", 1, kActor).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(records::get(*db_, improvement::incidents(), beta, *r->incident_id).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(records::list(*db_, improvement::incidents(), beta, {})->total, 0);
  EXPECT_EQ(events(beta), beta_before) << "nothing was written for the other organisation";

  // Alpha's records are unchanged.
  EXPECT_EQ(get_monitor(*db_, alpha_.org, m.id)->name, "Credit fairness");
  EXPECT_EQ(list_runs(*db_, alpha_.org, m.id, 10)->size(), 1u);
  EXPECT_TRUE(oversight(*db_, alpha_.org, system_)->human_review_required);
}

// ---- scheduled runs ----------------------------------------------------------------------------

class ScheduledMonitoringTest : public MonitoringStoreTest {
 protected:
  void SetUp() override {
    MonitoringStoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    dir_ = std::filesystem::temp_directory_path() /
           ("aims-schedule-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
    // Each organisation's logs are in the folder named by its id.
    alpha_dir_ = dir_ / std::to_string(alpha_.org);
    beta_dir_ = dir_ / std::to_string(beta_.org);
    std::filesystem::create_directories(alpha_dir_ / "logs");
    std::filesystem::create_directories(beta_dir_ / "logs");
    std::ofstream(alpha_dir_ / "logs" / "window.csv") << log_c();
    std::ofstream(beta_dir_ / "logs" / "secret.csv") << log_a();
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  Monitor scheduled(const std::string& name, const std::string& source, int64_t hours = 24) {
    MonitorInput in = input(name);
    in.run_mode = "schedule";
    in.schedule_hours = hours;
    in.schedule_source = source;
    return must_create_monitor(in);
  }

  // Starts what is due and waits for the runs to finish.
  Result<int> run_due() {
    auto started = run_due_monitors(*db_, dir_.string(), pool_);
    pool_.wait_idle();
    return started;
  }

  // The only run of `monitor`, which must have failed: its stored reason.
  std::string failed_run_error(const Monitor& monitor) {
    auto runs = list_runs(*db_, alpha_.org, monitor.id, 10);
    EXPECT_EQ(runs->size(), 1u);
    if (runs->size() != 1) return {};
    EXPECT_EQ((*runs)[0].status, "failed");
    EXPECT_EQ((*runs)[0].source, "schedule");
    EXPECT_EQ((*runs)[0].rows, 0);
    return (*runs)[0].error;
  }

  RunPool pool_{RunPoolOptions{}};
  std::filesystem::path dir_, alpha_dir_, beta_dir_;
};

TEST_P(ScheduledMonitoringTest, ADueMonitorRunsOnceAndIsDueAgainAfterItsInterval) {
  Monitor m = scheduled("Nightly", "logs/window.csv");
  ASSERT_TRUE(m.next_run_at) << "a new scheduled monitor is due at once";
  const int64_t t0 = now_micros();
  auto ran = run_due();
  ASSERT_TRUE(ran.ok()) << ran.error().message;
  EXPECT_EQ(*ran, 1);
  auto runs = list_runs(*db_, alpha_.org, m.id, 10);
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].source, "schedule");
  EXPECT_EQ((*runs)[0].status, "completed");
  EXPECT_EQ((*runs)[0].input_name, "logs/window.csv");
  EXPECT_EQ((*runs)[0].actor_label, "scheduler");
  EXPECT_EQ((*runs)[0].rows, 8);
  auto after = get_monitor(*db_, alpha_.org, m.id);
  ASSERT_TRUE(after->next_run_at);
  // Due again 24 hours later (from when the scheduler looked, give or take the run itself).
  EXPECT_GE(*after->next_run_at, format_timestamp(t0 + 24 * 3'600'000'000LL));
  EXPECT_LE(*after->next_run_at, format_timestamp(now_micros() + 24 * 3'600'000'000LL));

  auto again = run_due();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(list_runs(*db_, alpha_.org, m.id, 10)->size(), 1u);

  // Archived monitors are never due.
  Monitor archived = scheduled("Archived", "logs/window.csv");
  ASSERT_TRUE(archive_monitor(*db_, alpha_.org, archived.id, true, kActor).ok());
  EXPECT_EQ(*run_due(), 0);
  EXPECT_TRUE(list_runs(*db_, alpha_.org, archived.id, 10)->empty());
}

TEST_P(ScheduledMonitoringTest, TwoSchedulersAtOnceRunADueMonitorExactlyOnce) {
  Monitor m = scheduled("Nightly", "logs/window.csv");
  std::latch start(2);
  std::atomic<int> total{0};
  std::atomic<int> errors{0};
  auto worker = [&] {
    start.arrive_and_wait();
    auto ran = run_due_monitors(*db_, dir_.string(), pool_);
    if (ran.ok()) {
      total += *ran;
    } else {
      ++errors;
    }
  };
  std::thread one(worker), two(worker);
  one.join();
  two.join();
  pool_.wait_idle();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(total.load(), 1);
  EXPECT_EQ(list_runs(*db_, alpha_.org, m.id, 10)->size(), 1u);
  expect_trail_intact();
}

TEST_P(ScheduledMonitoringTest, AMissingLogIsAFailedRunNamedByItsRelativePath) {
  Monitor m = scheduled("Nightly", "logs/absent.csv");
  ASSERT_TRUE(run_due().ok());
  const std::string error = failed_run_error(m);
  EXPECT_EQ(error, "no such log file: 'logs/absent.csv'");
  EXPECT_EQ(error.find(dir_.string()), std::string::npos) << "the server's path stays private";
}

TEST_P(ScheduledMonitoringTest, AnOrganisationReadsOnlyItsOwnFolder) {
  // Beta's file, named as it lies beside alpha's folder: below alpha's folder there is no such
  // file, so nothing of beta's is read.
  const std::string beta_path = std::to_string(beta_.org) + "/logs/secret.csv";
  Monitor across = scheduled("Across", beta_path);
  // A link in alpha's folder to beta's file leads outside alpha's folder: refused.
  std::filesystem::create_symlink(beta_dir_ / "logs" / "secret.csv", alpha_dir_ / "logs" / "b.csv");
  Monitor linked = scheduled("Linked", "logs/b.csv");
  // So is a link to beta's whole folder.
  std::filesystem::create_directory_symlink(beta_dir_, alpha_dir_ / "beta");
  Monitor folder = scheduled("Folder", "beta/logs/secret.csv");
  ASSERT_TRUE(run_due().ok());

  EXPECT_EQ(failed_run_error(across), "no such log file: '" + beta_path + "'");
  EXPECT_EQ(failed_run_error(linked),
            "logs/b.csv leads outside this organisation's monitoring folder");
  EXPECT_EQ(failed_run_error(folder),
            "beta/logs/secret.csv leads outside this organisation's monitoring folder");
  // log_a would have breached disparate impact: no incident means none of beta's rows were read.
  EXPECT_EQ(incidents().total, 0);
  expect_trail_intact();
}

TEST_P(ScheduledMonitoringTest, AnOrganisationWithoutAFolderGetsAFailedRunSayingSo) {
  std::filesystem::remove_all(alpha_dir_);
  Monitor m = scheduled("Nightly", "logs/window.csv");
  ASSERT_TRUE(run_due().ok());
  EXPECT_EQ(failed_run_error(m), "the monitoring directory has no folder " +
                                     std::to_string(alpha_.org) + "/ for this organisation");
}

TEST_P(ScheduledMonitoringTest, ALogOutsideTheDirectoryIsRefused) {
  // "../x" cannot even be configured.
  MonitorInput in = input("Escape");
  in.run_mode = "schedule";
  in.schedule_hours = 1;
  in.schedule_source = "../x";
  auto refused = create_monitor(*db_, alpha_.org, in, kActor);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "schedule_source");
  // A link inside the folder that points outside the directory is not followed.
  const auto outside = dir_.parent_path() / (dir_.filename().string() + "-outside.csv");
  std::ofstream(outside) << log_a();
  std::filesystem::create_symlink(outside, alpha_dir_ / "logs" / "link.csv");
  Monitor linked = scheduled("Linked", "logs/link.csv");
  ASSERT_TRUE(run_due().ok());
  // The refusal is evidence too: a failed run that says why, and nothing read.
  EXPECT_EQ(failed_run_error(linked),
            "logs/link.csv leads outside this organisation's monitoring folder");
  EXPECT_EQ(incidents().total, 0) << "log_a would have breached";
  expect_trail_intact();
  std::filesystem::remove(outside);
}

TEST_P(ScheduledMonitoringTest, ARunThePoolCannotTakeStaysDue) {
  // A pool that takes one run of an organisation at a time, busy with a run of alpha's.
  std::atomic<bool> release{false};
  RunPoolOptions options;
  options.per_organisation = 1;
  RunPool busy(options);
  ASSERT_TRUE(busy.submit(alpha_.org, [&](const RunOptions&) {
    while (!release)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }));
  Monitor m = scheduled("Nightly", "logs/window.csv");
  auto ran = run_due_monitors(*db_, dir_.string(), busy);
  ASSERT_TRUE(ran.ok()) << ran.error().message;
  EXPECT_EQ(*ran, 0);
  EXPECT_TRUE(list_runs(*db_, alpha_.org, m.id, 10)->empty());
  EXPECT_EQ(get_monitor(*db_, alpha_.org, m.id)->next_run_at, m.next_run_at) << "still due";
  release = true;
  busy.wait_idle();
  ASSERT_EQ(*run_due_monitors(*db_, dir_.string(), busy), 1);
  busy.wait_idle();
  EXPECT_EQ(list_runs(*db_, alpha_.org, m.id, 10)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitoringStoreTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, ScheduledMonitoringTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::monitoring
