// Incidents on both backends: creation (fields named in errors, systems of the organisation only),
// the status workflow with versions, list filters and pages, and how monitoring breaches open or
// update an incident inside the caller's transaction.
#include <gtest/gtest.h>

#include "improvement/improvement.h"
#include "inventory/fixture.h"
#include "trail/verify.h"

namespace aims::improvement {
namespace {

using inventory::testing::kActor;

class IncidentsTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    system_ = must_create(alpha_.org, inventory::Kind::ai_system,
                          system("Credit scorer", alpha_.users[0]));
    other_system_ = must_create(alpha_.org, inventory::Kind::ai_system,
                                system("Chat assistant", alpha_.users[0]));
    beta_system_ =
        must_create(beta_.org, inventory::Kind::ai_system, system("Beta scorer", beta_.users[0]));
  }

  NewIncident incident(const std::string& title, const std::string& severity = "medium") const {
    return {system_, title, "What happened", severity, "A.8.4"};
  }

  Incident must_create_incident(const NewIncident& n) {
    auto created = create(*db_, alpha_.org, n, kActor);
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Incident{};
  }

  int64_t events(int64_t org = 0) {
    auto n =
        db_->read([&](store::Tx& tx) { return trail::event_count(tx, org ? org : alpha_.org); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  Result<Incident> breach(const Breach& b, int64_t org = 0) {
    return db_->write(
        [&](store::Tx& tx) { return record_breach(tx, org ? org : alpha_.org, b, kActor); });
  }

  Breach monitoring_breach(int64_t monitor, const std::string& severity, int64_t count,
                           const std::string& summary) const {
    return {system_, monitor, "Monitoring breach: Credit scorer", summary, severity, count};
  }

  int64_t system_ = 0, other_system_ = 0, beta_system_ = 0;
};

TEST_P(IncidentsTest, CreatesAnOpenManualIncidentWithOneEvent) {
  const int64_t before = events();
  auto created = create(*db_, alpha_.org, incident("  Wrong refusals  ", "high"), kActor);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->title, "Wrong refusals") << "trimmed";
  EXPECT_EQ(created->status, "open");
  EXPECT_EQ(created->source, "manual");
  EXPECT_EQ(created->severity, "high");
  EXPECT_EQ(created->control, "A.8.4");
  EXPECT_FALSE(created->monitor_id);
  EXPECT_EQ(created->breach_count, 0);
  EXPECT_EQ(created->version, 1);
  EXPECT_FALSE(created->closed_at);
  EXPECT_TRUE(created->is_open());
  EXPECT_EQ(events(), before + 1);

  auto read = get(*db_, alpha_.org, created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->title, "Wrong refusals");
  EXPECT_EQ(read->description, "What happened");
  EXPECT_EQ(read->system_id, system_);
  EXPECT_EQ(read->first_seen_at, created->first_seen_at);
  EXPECT_EQ(read->created_at, created->created_at);

  trail::Filter f;
  f.entity_type = "incident";
  f.entity_id = created->id;
  auto history = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "create");
  EXPECT_EQ((*history)[0].actor_label, kActor.label);
}

TEST_P(IncidentsTest, CreateNamesTheBadField) {
  auto field_of = [&](const NewIncident& n) {
    auto r = create(*db_, alpha_.org, n, kActor);
    if (r.ok()) return std::string("(accepted)");
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument) << r.error().message;
    return r.error().field;
  };
  EXPECT_EQ(field_of(incident("   ")), "title");
  EXPECT_EQ(field_of(incident(std::string(201, 't'))), "title");
  EXPECT_EQ(field_of(incident("Bell\x07")), "title");
  EXPECT_EQ(field_of(incident("Two\nlines")), "title");
  EXPECT_EQ(field_of(incident("Bad \xff byte")), "title");
  EXPECT_EQ(field_of(incident("X", "urgent")), "severity");
  EXPECT_EQ(field_of(incident("X", "")), "severity");
  NewIncident long_text = incident("X");
  long_text.description = std::string(20001, 'd');
  EXPECT_EQ(field_of(long_text), "description");
  for (const char* control : {"6.2.6", "A.6", "A.6.2.6.1", "A.6..2", "A.x.1", "A.123.1", "B.6.2"}) {
    NewIncident n = incident("X");
    n.control = control;
    EXPECT_EQ(field_of(n), "control") << control;
  }
  NewIncident foreign = incident("X");
  foreign.system_id = beta_system_;
  EXPECT_EQ(field_of(foreign), "system_id");
  NewIncident unknown = incident("X");
  unknown.system_id = 999999;
  EXPECT_EQ(field_of(unknown), "system_id");
  EXPECT_EQ(list(*db_, alpha_.org, {})->total, 0) << "nothing was created";
  EXPECT_EQ(list(*db_, beta_.org, {})->total, 0);

  // Accepted forms: no control, two or three numbers, multi-line descriptions.
  for (const char* control : {"", "A.10.3", "A.6.2.6"}) {
    NewIncident n = incident(std::string("Control ") + control);
    n.control = control;
    EXPECT_EQ(field_of(n), "(accepted)") << control;
  }
  NewIncident multi_line = incident("Multi-line");
  multi_line.description = "First line\nsecond line\twith a tab";
  EXPECT_EQ(field_of(multi_line), "(accepted)");
}

TEST_P(IncidentsTest, TheWorkflowNeedsAResolutionAndTheCurrentVersion) {
  Incident i = must_create_incident(incident("Drifted scores"));
  const int64_t before = events();
  IncidentChanges investigate;
  investigate.status = "investigating";
  investigate.expected_version = 1;
  auto investigating = update(*db_, alpha_.org, i.id, investigate, kActor);
  ASSERT_TRUE(investigating.ok()) << investigating.error().message;
  EXPECT_EQ(investigating->status, "investigating");
  EXPECT_EQ(investigating->version, 2);
  EXPECT_TRUE(investigating->is_open());
  EXPECT_EQ(events(), before + 1);

  auto stale = update(*db_, alpha_.org, i.id, investigate, kActor);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::stale_version);

  IncidentChanges resolve;
  resolve.status = "resolved";
  resolve.expected_version = 2;
  auto unexplained = update(*db_, alpha_.org, i.id, resolve, kActor);
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(unexplained.error().field, "resolution");
  resolve.resolution = "   ";
  EXPECT_EQ(update(*db_, alpha_.org, i.id, resolve, kActor).error().code,
            ErrorCode::failed_precondition)
      << "blank is no resolution";
  IncidentChanges close_now;
  close_now.status = "closed";
  close_now.expected_version = 2;
  EXPECT_EQ(update(*db_, alpha_.org, i.id, close_now, kActor).error().code,
            ErrorCode::failed_precondition);
  EXPECT_EQ(events(), before + 1);

  resolve.resolution = "Rolled back to model 3.1";
  auto resolved = update(*db_, alpha_.org, i.id, resolve, kActor);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->status, "resolved");
  EXPECT_EQ(resolved->resolution, "Rolled back to model 3.1");
  EXPECT_FALSE(resolved->is_open());
  EXPECT_FALSE(resolved->closed_at) << "resolved is not closed";
  EXPECT_EQ(resolved->version, 3);

  // The resolution cannot be blanked while the incident stays resolved.
  IncidentChanges blank;
  blank.resolution = "";
  blank.expected_version = 3;
  EXPECT_EQ(update(*db_, alpha_.org, i.id, blank, kActor).error().code,
            ErrorCode::failed_precondition);

  IncidentChanges close;
  close.status = "closed";
  close.expected_version = 3;
  auto closed = update(*db_, alpha_.org, i.id, close, kActor);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->status, "closed");
  ASSERT_TRUE(closed->closed_at);
  EXPECT_EQ(*closed->closed_at, closed->updated_at);
  EXPECT_EQ(get(*db_, alpha_.org, i.id)->closed_at, closed->closed_at);

  // Reopening clears the closing time.
  IncidentChanges reopen;
  reopen.status = "open";
  reopen.severity = "critical";
  reopen.expected_version = 4;
  auto reopened = update(*db_, alpha_.org, i.id, reopen, kActor);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->status, "open");
  EXPECT_EQ(reopened->severity, "critical");
  EXPECT_FALSE(reopened->closed_at);
  EXPECT_FALSE(get(*db_, alpha_.org, i.id)->closed_at);
  EXPECT_EQ(reopened->version, 5);

  // A change to the same values makes no new version and no event.
  const int64_t settled = events();
  reopen.expected_version = 5;
  auto same = update(*db_, alpha_.org, i.id, reopen, kActor);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 5);
  EXPECT_EQ(events(), settled);
  EXPECT_EQ(events(), before + 4);

  IncidentChanges bad_status;
  bad_status.status = "done";
  bad_status.expected_version = 5;
  EXPECT_EQ(update(*db_, alpha_.org, i.id, bad_status, kActor).error().field, "status");
  IncidentChanges bad_severity;
  bad_severity.severity = "huge";
  bad_severity.expected_version = 5;
  EXPECT_EQ(update(*db_, alpha_.org, i.id, bad_severity, kActor).error().field, "severity");
  IncidentChanges bad_text;
  bad_text.description = "nul\x01";
  bad_text.expected_version = 5;
  EXPECT_EQ(update(*db_, alpha_.org, i.id, bad_text, kActor).error().field, "description");
  EXPECT_EQ(update(*db_, alpha_.org, 999999, reopen, kActor).error().code, ErrorCode::not_found);
  EXPECT_EQ(update(*db_, beta_.org, i.id, reopen, kActor).error().code, ErrorCode::not_found);
  EXPECT_EQ(get(*db_, beta_.org, i.id).error().code, ErrorCode::not_found);

  auto v = trail::verify(*db_, alpha_.org);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
}

TEST_P(IncidentsTest, ListsFilterByStatusAndSystemNewestFirst) {
  // a: open, b: investigating, c: resolved (other system), d: closed.
  const Incident a = must_create_incident(incident("a"));
  const Incident b = must_create_incident(incident("b"));
  NewIncident other = incident("c");
  other.system_id = other_system_;
  const Incident c = must_create_incident(other);
  const Incident d = must_create_incident(incident("d"));
  IncidentChanges to_investigating;
  to_investigating.status = "investigating";
  to_investigating.expected_version = 1;
  ASSERT_TRUE(update(*db_, alpha_.org, b.id, to_investigating, kActor).ok());
  IncidentChanges to_resolved;
  to_resolved.status = "resolved";
  to_resolved.resolution = "Fixed";
  to_resolved.expected_version = 1;
  ASSERT_TRUE(update(*db_, alpha_.org, c.id, to_resolved, kActor).ok());
  IncidentChanges to_closed = to_resolved;
  to_closed.status = "closed";
  ASSERT_TRUE(update(*db_, alpha_.org, d.id, to_closed, kActor).ok());
  ASSERT_TRUE(create(*db_, beta_.org, {beta_system_, "beta", "", "low", ""}, kActor).ok());

  auto ids = [&](const IncidentQuery& q) {
    std::vector<int64_t> out;
    auto page = list(*db_, alpha_.org, q);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    if (page.ok()) {
      for (const auto& i : page->items)
        out.push_back(i.id);
    }
    return out;
  };
  IncidentQuery all;
  EXPECT_EQ(ids(all), (std::vector<int64_t>{d.id, c.id, b.id, a.id}));
  EXPECT_EQ(list(*db_, alpha_.org, all)->total, 4);
  IncidentQuery active;
  active.status = "active";
  EXPECT_EQ(ids(active), (std::vector<int64_t>{b.id, a.id}));
  EXPECT_EQ(list(*db_, alpha_.org, active)->total, 2);
  for (const auto& [status, id] : std::vector<std::pair<std::string, int64_t>>{
           {"open", a.id}, {"investigating", b.id}, {"resolved", c.id}, {"closed", d.id}}) {
    IncidentQuery q;
    q.status = status;
    EXPECT_EQ(ids(q), std::vector<int64_t>{id}) << status;
  }
  IncidentQuery by_system;
  by_system.system_id = system_;
  EXPECT_EQ(ids(by_system), (std::vector<int64_t>{d.id, b.id, a.id}));
  by_system.status = "active";
  EXPECT_EQ(ids(by_system), (std::vector<int64_t>{b.id, a.id}));
  by_system.system_id = other_system_;
  EXPECT_TRUE(ids(by_system).empty());
  by_system.status = "resolved";
  EXPECT_EQ(ids(by_system), std::vector<int64_t>{c.id});

  IncidentQuery page;
  page.limit = 3;
  EXPECT_EQ(ids(page), (std::vector<int64_t>{d.id, c.id, b.id}));
  EXPECT_EQ(list(*db_, alpha_.org, page)->total, 4) << "the total counts every page";
  page.offset = 3;
  EXPECT_EQ(ids(page), std::vector<int64_t>{a.id});
  page.offset = 4;
  EXPECT_TRUE(ids(page).empty());

  IncidentQuery bogus;
  bogus.status = "pending";
  auto refused = list(*db_, alpha_.org, bogus);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "status");
  EXPECT_EQ(list(*db_, beta_.org, {})->total, 1);
}

TEST_P(IncidentsTest, ABreachOpensAMonitoringIncidentThenAddsToIt) {
  const int64_t before = events();
  auto first = breach(monitoring_breach(7, "medium", 2, "drift.psi (column:feature:x) = 0.3"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->control, "A.6.2.6");
  EXPECT_EQ(first->source, "monitoring");
  EXPECT_EQ(first->monitor_id, std::optional<int64_t>(7));
  EXPECT_EQ(first->system_id, system_);
  EXPECT_EQ(first->status, "open");
  EXPECT_EQ(first->severity, "medium");
  EXPECT_EQ(first->breach_count, 2);
  EXPECT_EQ(first->title, "Monitoring breach: Credit scorer");
  EXPECT_NE(first->description.find("drift.psi (column:feature:x) = 0.3"), std::string::npos);
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(events(), before + 1);

  // The same monitor again: the same incident, counts add up, the severity rises.
  auto second = breach(monitoring_breach(7, "critical", 3, "fairness.disparate_impact = 0.5"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->breach_count, 5);  // 2 + 3
  EXPECT_EQ(second->severity, "critical");
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(second->title, first->title);
  EXPECT_NE(second->description.find("drift.psi (column:feature:x) = 0.3"), std::string::npos);
  EXPECT_NE(second->description.find("fairness.disparate_impact = 0.5"), std::string::npos);
  EXPECT_EQ(events(), before + 2);
  auto stored = get(*db_, alpha_.org, first->id);
  EXPECT_EQ(stored->breach_count, 5);
  EXPECT_EQ(stored->severity, "critical");
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->first_seen_at, first->first_seen_at);
  EXPECT_GE(stored->last_seen_at, first->last_seen_at);

  // A milder breach keeps the severity.
  auto third = breach(monitoring_breach(7, "low", 1, "quality.missing_share = 0.06"));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->id, first->id);
  EXPECT_EQ(third->severity, "critical");
  EXPECT_EQ(third->breach_count, 6);

  // Another monitor of the same system has its own incident.
  auto other_monitor = breach(monitoring_breach(8, "low", 1, "quality.missing_share = 0.06"));
  ASSERT_TRUE(other_monitor.ok());
  EXPECT_NE(other_monitor->id, first->id);
  EXPECT_EQ(other_monitor->severity, "low");

  // Investigating still counts as open.
  IncidentChanges investigate;
  investigate.status = "investigating";
  investigate.expected_version = 3;
  ASSERT_TRUE(update(*db_, alpha_.org, first->id, investigate, kActor).ok());
  auto fourth = breach(monitoring_breach(7, "high", 1, "again"));
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->id, first->id);
  EXPECT_EQ(fourth->status, "investigating");
  EXPECT_EQ(fourth->breach_count, 7);

  // Once resolved, the next breach opens a new incident.
  IncidentChanges resolve;
  resolve.status = "resolved";
  resolve.resolution = "Recalibrated";
  resolve.expected_version = 5;
  ASSERT_TRUE(update(*db_, alpha_.org, first->id, resolve, kActor).ok());
  auto fifth = breach(monitoring_breach(7, "medium", 1, "after the fix"));
  ASSERT_TRUE(fifth.ok());
  EXPECT_NE(fifth->id, first->id);
  EXPECT_NE(fifth->id, other_monitor->id);
  EXPECT_EQ(fifth->breach_count, 1);
  EXPECT_EQ(fifth->severity, "medium");
  EXPECT_EQ(get(*db_, alpha_.org, first->id)->status, "resolved");
  IncidentQuery active;
  active.status = "active";
  EXPECT_EQ(list(*db_, alpha_.org, active)->total, 2);  // monitor 8's and the new one of 7

  auto v = trail::verify(*db_, alpha_.org);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
}

TEST_P(IncidentsTest, ABreachIsWrittenInTheCallersTransaction) {
  const int64_t before = events();
  // The caller fails after recording the breach: neither the incident nor its event remains.
  auto failed = db_->write([&](store::Tx& tx) -> Result<Incident> {
    auto recorded = record_breach(tx, alpha_.org, monitoring_breach(7, "high", 1, "x"), kActor);
    if (!recorded) return recorded.error();
    return Error::unavailable("the caller failed afterwards");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::unavailable);
  EXPECT_EQ(list(*db_, alpha_.org, {})->total, 0);
  EXPECT_EQ(events(), before);
  // A manual incident of the same system is not where breaches go.
  must_create_incident(incident("Manual"));
  auto recorded = breach(monitoring_breach(7, "high", 1, "x"));
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->source, "monitoring");
  EXPECT_EQ(list(*db_, alpha_.org, {})->total, 2);
}

TEST(IncidentSeverities, AreOrderedAndCompared) {
  EXPECT_EQ(severities(), (std::vector<std::string>{"low", "medium", "high", "critical"}));
  EXPECT_EQ(statuses(), (std::vector<std::string>{"open", "investigating", "resolved", "closed"}));
  EXPECT_EQ(max_severity("low", "high"), "high");
  EXPECT_EQ(max_severity("critical", "medium"), "critical");
  EXPECT_EQ(max_severity("medium", "medium"), "medium");
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::improvement
