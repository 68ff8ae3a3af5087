// Incidents on both backends, as a register of the records platform: creation (fields named in
// errors, systems of the organisation only), the status rules with versions, list filters and
// pages, and how monitoring breaches open or update an incident inside the caller's transaction.
#include <gtest/gtest.h>

#include "improvement/improvement.h"
#include "inventory/fixture.h"
#include "records/rules.h"
#include "trail/verify.h"

namespace aims::improvement {
namespace {

using inventory::testing::kActor;
using inventory::testing::kTrailActor;
using records::Record;

class IncidentsTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    system_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Credit scorer", alpha_.users[0]));
    other_system_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Chat assistant", alpha_.users[0]));
    beta_system_ =
        must_create(beta_.org, inventory::ai_systems(), system("Beta scorer", beta_.users[0]));
  }

  Record incident(const std::string& title, const std::string& severity = "medium") const {
    Record r;
    r.values = {{"system_id", system_},
                {"title", title},
                {"description", std::string("What happened")},
                {"severity", severity},
                {"control", std::string("A.8.4")}};
    return r;
  }

  Result<Record> create(const Record& r, int64_t org = 0) {
    return records::create(*db_, incidents(), org ? org : alpha_.org, r, kActor);
  }

  Record must_create_incident(const Record& r) {
    auto created = create(r);
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Result<Record> change(int64_t id, std::map<std::string, records::FieldValue> values,
                        int64_t version, int64_t org = 0) {
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, incidents(), org ? org : alpha_.org, id, changes, version, kActor);
  }

  Result<Record> read(int64_t id) { return records::get(*db_, incidents(), alpha_.org, id); }

  std::vector<int64_t> ids(records::Query q, int64_t org = 0) {
    std::vector<int64_t> out;
    auto page = records::list(*db_, incidents(), org ? org : alpha_.org, q);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    if (page.ok()) {
      for (const auto& i : page->items)
        out.push_back(i.id);
    }
    return out;
  }

  int64_t total(records::Query q = {}, int64_t org = 0) {
    auto page = records::list(*db_, incidents(), org ? org : alpha_.org, q);
    return page.ok() ? page->total : -1;
  }

  int64_t events(int64_t org = 0) {
    auto n =
        db_->read([&](store::Tx& tx) { return trail::event_count(tx, org ? org : alpha_.org); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  Result<Record> breach(const Breach& b, int64_t org = 0) {
    return db_->write(
        [&](store::Tx& tx) { return record_breach(tx, org ? org : alpha_.org, b, kTrailActor); });
  }

  Breach monitoring_breach(int64_t monitor, const std::string& severity, int64_t count,
                           const std::string& summary) const {
    return {system_, monitor, "Monitoring breach: Credit scorer", summary, severity, count};
  }

  int64_t system_ = 0, other_system_ = 0, beta_system_ = 0;
};

// Newest first: the incidents list's default order.
const records::Query kNewest{.sort = "created_at", .descending = true};

TEST_P(IncidentsTest, CreatesAnOpenManualIncidentWithOneEvent) {
  const int64_t before = events();
  auto created = create(incident("  Wrong refusals  ", "high"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->text("title"), "Wrong refusals") << "trimmed";
  EXPECT_EQ(created->text("status"), "open");
  EXPECT_EQ(created->text("source"), "manual");
  EXPECT_EQ(created->text("severity"), "high");
  EXPECT_EQ(created->text("control"), "A.8.4");
  EXPECT_FALSE(created->number("monitor_id"));
  EXPECT_EQ(created->number("breach_count"), 0);
  EXPECT_EQ(created->version, 1);
  EXPECT_FALSE(created->is_set("closed_at"));
  EXPECT_EQ(created->text("first_seen_at"), created->created_at);
  EXPECT_EQ(events(), before + 1);

  auto stored = read(created->id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->text("description"), "What happened");
  EXPECT_EQ(stored->number("system_id"), system_);

  trail::Filter f;
  f.entity_type = "incident";
  f.entity_id = created->id;
  auto history = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "create");
  EXPECT_EQ((*history)[0].actor_label, kTrailActor.label);
}

TEST_P(IncidentsTest, CreateNamesTheBadField) {
  auto field_of = [&](const Record& r) {
    auto created = create(r);
    if (created.ok()) return std::string("(accepted)");
    EXPECT_EQ(created.error().code, ErrorCode::invalid_argument) << created.error().message;
    return created.error().field;
  };
  EXPECT_EQ(field_of(incident("   ")), "title");
  EXPECT_EQ(field_of(incident(std::string(201, 't'))), "title");
  EXPECT_EQ(field_of(incident("Bell\x07")), "title");
  EXPECT_EQ(field_of(incident("Two\nlines")), "title");
  EXPECT_EQ(field_of(incident("Bad \xff byte")), "title");
  EXPECT_EQ(field_of(incident("X", "urgent")), "severity");
  EXPECT_EQ(field_of(incident("X", "")), "severity");
  Record long_text = incident("X");
  long_text.values["description"] = std::string(10'001, 'd');
  EXPECT_EQ(field_of(long_text), "description");
  for (const char* control : {"6.2.6", "A.6", "A.6.2.6.1", "A.6..2", "A.x.1", "A.123.1", "B.6.2"}) {
    Record r = incident("X");
    r.values["control"] = std::string(control);
    EXPECT_EQ(field_of(r), "control") << control;
  }
  Record foreign = incident("X");
  foreign.values["system_id"] = beta_system_;
  EXPECT_EQ(field_of(foreign), "system_id");
  Record unknown = incident("X");
  unknown.values["system_id"] = int64_t{999999};
  EXPECT_EQ(field_of(unknown), "system_id");
  Record typed_by_hand = incident("X");
  typed_by_hand.values.erase("system_id");
  EXPECT_EQ(field_of(typed_by_hand), "system_id") << "an incident belongs to an AI system";
  EXPECT_EQ(total(), 0) << "nothing was created";
  EXPECT_EQ(total({}, beta_.org), 0);

  // Accepted forms: no control, two or three numbers, multi-line descriptions.
  for (const char* control : {"", "A.10.3", "A.6.2.6"}) {
    Record r = incident(std::string("Control ") + control);
    r.values["control"] = std::string(control);
    EXPECT_EQ(field_of(r), "(accepted)") << control;
  }
  Record multi_line = incident("Multi-line");
  multi_line.values["description"] = std::string("First line\nsecond line\twith a tab");
  EXPECT_EQ(field_of(multi_line), "(accepted)");
}

TEST_P(IncidentsTest, ResolvingNeedsAResolutionAndEveryChangeTheCurrentVersion) {
  const Record i = must_create_incident(incident("Drifted scores"));
  const int64_t before = events();
  auto investigating = change(i.id, {{"status", std::string("investigating")}}, 1);
  ASSERT_TRUE(investigating.ok()) << investigating.error().message;
  EXPECT_EQ(investigating->text("status"), "investigating");
  EXPECT_EQ(investigating->version, 2);
  EXPECT_EQ(events(), before + 1);
  EXPECT_EQ(change(i.id, {{"status", std::string("investigating")}}, 1).error().code,
            ErrorCode::stale_version);

  auto unexplained = change(i.id, {{"status", std::string("resolved")}}, 2);
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unexplained.error().field, "resolution");
  EXPECT_EQ(
      change(i.id, {{"status", std::string("resolved")}, {"resolution", std::string("   ")}}, 2)
          .error()
          .field,
      "resolution")
      << "blank is no resolution";
  EXPECT_EQ(change(i.id, {{"status", std::string("closed")}}, 2).error().field, "resolution");
  EXPECT_EQ(events(), before + 1);

  auto resolved = change(i.id,
                         {{"status", std::string("resolved")},
                          {"resolution", std::string("Rolled back to model 3.1")}},
                         2);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->text("status"), "resolved");
  EXPECT_FALSE(resolved->is_set("closed_at")) << "resolved is not closed";
  EXPECT_EQ(resolved->version, 3);
  // The resolution cannot be blanked while the incident stays resolved.
  EXPECT_EQ(change(i.id, {{"resolution", std::string()}}, 3).error().field, "resolution");

  auto closed = change(i.id, {{"status", std::string("closed")}}, 3);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  ASSERT_TRUE(closed->is_set("closed_at"));
  EXPECT_EQ(closed->text("closed_at"), closed->updated_at);
  // Reopening clears the closing time.
  auto reopened =
      change(i.id, {{"status", std::string("open")}, {"severity", std::string("critical")}}, 4);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->text("severity"), "critical");
  EXPECT_FALSE(reopened->is_set("closed_at"));
  EXPECT_FALSE(read(i.id)->is_set("closed_at"));
  EXPECT_EQ(reopened->version, 5);
  // A change to the same values makes no new version and no event.
  const int64_t settled = events();
  auto same =
      change(i.id, {{"status", std::string("open")}, {"severity", std::string("critical")}}, 5);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 5);
  EXPECT_EQ(events(), settled);
  EXPECT_EQ(events(), before + 4);

  EXPECT_EQ(change(i.id, {{"status", std::string("done")}}, 5).error().field, "status");
  EXPECT_EQ(change(i.id, {{"severity", std::string("huge")}}, 5).error().field, "severity");
  EXPECT_EQ(change(i.id, {{"description", std::string("nul\x01")}}, 5).error().field,
            "description");
  EXPECT_EQ(change(i.id, {{"breach_count", int64_t{99}}}, 5).ok(), true)
      << "modules may set what people may not; the API refuses it (see the API tests)";
  EXPECT_EQ(change(999999, {}, 5).error().code, ErrorCode::not_found);
  EXPECT_EQ(change(i.id, {}, 5, beta_.org).error().code, ErrorCode::not_found);
  auto v = trail::verify(*db_, alpha_.org);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
}

TEST_P(IncidentsTest, ListsFilterByStatusAndSystemNewestFirst) {
  // a: open, b: investigating, c: resolved (other system), d: closed.
  const Record a = must_create_incident(incident("a"));
  const Record b = must_create_incident(incident("b"));
  Record other = incident("c");
  other.values["system_id"] = other_system_;
  const Record c = must_create_incident(other);
  const Record d = must_create_incident(incident("d"));
  ASSERT_TRUE(change(b.id, {{"status", std::string("investigating")}}, 1).ok());
  ASSERT_TRUE(
      change(c.id, {{"status", std::string("resolved")}, {"resolution", std::string("Fixed")}}, 1)
          .ok());
  ASSERT_TRUE(
      change(d.id, {{"status", std::string("closed")}, {"resolution", std::string("Fixed")}}, 1)
          .ok());
  Record beta = incident("beta");
  beta.values["system_id"] = beta_system_;
  ASSERT_TRUE(create(beta, beta_.org).ok());

  auto with = [](std::vector<std::pair<std::string, std::string>> filters) {
    records::Query q = kNewest;
    q.filters = std::move(filters);
    return q;
  };
  EXPECT_EQ(ids(kNewest), (std::vector<int64_t>{d.id, c.id, b.id, a.id}));
  EXPECT_EQ(total(), 4);
  EXPECT_EQ(ids(with({{"status", "active"}})), (std::vector<int64_t>{b.id, a.id}));
  EXPECT_EQ(ids(with({{"status", "open,investigating"}})), (std::vector<int64_t>{b.id, a.id}));
  for (const auto& [status, id] : std::vector<std::pair<std::string, int64_t>>{
           {"open", a.id}, {"investigating", b.id}, {"resolved", c.id}, {"closed", d.id}}) {
    EXPECT_EQ(ids(with({{"status", status}})), std::vector<int64_t>{id}) << status;
  }
  const std::string here = std::to_string(system_), there = std::to_string(other_system_);
  EXPECT_EQ(ids(with({{"system_id", here}})), (std::vector<int64_t>{d.id, b.id, a.id}));
  EXPECT_EQ(ids(with({{"system_id", here}, {"status", "active"}})),
            (std::vector<int64_t>{b.id, a.id}));
  EXPECT_TRUE(ids(with({{"system_id", there}, {"status", "active"}})).empty());
  EXPECT_EQ(ids(with({{"system_id", there}, {"status", "resolved"}})), std::vector<int64_t>{c.id});

  // Pages of three: the cursor reaches the fourth, and the total counts every page.
  records::Query page = kNewest;
  page.limit = 3;
  auto first = records::list(*db_, incidents(), alpha_.org, page);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->items.size(), 3u);
  EXPECT_EQ(first->total, 4);
  ASSERT_TRUE(first->next_cursor);
  page.cursor = first->next_cursor;
  EXPECT_EQ(ids(page), std::vector<int64_t>{a.id});

  auto refused = records::list(*db_, incidents(), alpha_.org, with({{"status", "pending"}}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "status");
  EXPECT_EQ(total({}, beta_.org), 1);
}

TEST_P(IncidentsTest, ABreachOpensAMonitoringIncidentThenAddsToIt) {
  const int64_t before = events();
  auto first = breach(monitoring_breach(7, "medium", 2, "drift.psi (column:feature:x) = 0.3"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->text("control"), "A.6.2.6");
  EXPECT_EQ(first->text("source"), "monitoring");
  EXPECT_EQ(first->number("monitor_id"), 7);
  EXPECT_EQ(first->number("system_id"), system_);
  EXPECT_EQ(first->text("status"), "open");
  EXPECT_EQ(first->text("severity"), "medium");
  EXPECT_EQ(first->number("breach_count"), 2);
  EXPECT_EQ(first->text("title"), "Monitoring breach: Credit scorer");
  EXPECT_NE(first->text("description").find("drift.psi (column:feature:x) = 0.3"),
            std::string::npos);
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(events(), before + 1);

  // The same monitor again: the same incident, counts add up, the severity rises.
  auto second = breach(monitoring_breach(7, "critical", 3, "fairness.disparate_impact = 0.5"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->number("breach_count"), 5);  // 2 + 3
  EXPECT_EQ(second->text("severity"), "critical");
  EXPECT_EQ(second->version, 2);
  EXPECT_NE(second->text("description").find("drift.psi (column:feature:x) = 0.3"),
            std::string::npos);
  EXPECT_NE(second->text("description").find("fairness.disparate_impact = 0.5"), std::string::npos);
  EXPECT_EQ(events(), before + 2);
  auto stored = read(first->id);
  EXPECT_EQ(stored->text("first_seen_at"), first->text("first_seen_at"));
  EXPECT_GE(stored->text("last_seen_at"), first->text("last_seen_at"));

  // A milder breach keeps the severity.
  auto third = breach(monitoring_breach(7, "low", 1, "quality.missing_share = 0.06"));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->id, first->id);
  EXPECT_EQ(third->text("severity"), "critical");
  EXPECT_EQ(third->number("breach_count"), 6);
  // Another monitor of the same system has its own incident.
  auto other_monitor = breach(monitoring_breach(8, "low", 1, "quality.missing_share = 0.06"));
  ASSERT_TRUE(other_monitor.ok());
  EXPECT_NE(other_monitor->id, first->id);
  // Investigating still counts as open.
  ASSERT_TRUE(change(first->id, {{"status", std::string("investigating")}}, 3).ok());
  auto fourth = breach(monitoring_breach(7, "high", 1, "again"));
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->id, first->id);
  EXPECT_EQ(fourth->text("status"), "investigating");
  EXPECT_EQ(fourth->number("breach_count"), 7);
  // Once resolved, the next breach opens a new incident.
  ASSERT_TRUE(
      change(first->id,
             {{"status", std::string("resolved")}, {"resolution", std::string("Recalibrated")}}, 5)
          .ok());
  auto fifth = breach(monitoring_breach(7, "medium", 1, "after the fix"));
  ASSERT_TRUE(fifth.ok());
  EXPECT_NE(fifth->id, first->id);
  EXPECT_NE(fifth->id, other_monitor->id);
  EXPECT_EQ(fifth->number("breach_count"), 1);
  EXPECT_EQ(read(first->id)->text("status"), "resolved");
  EXPECT_EQ(total({.filters = {{"status", "active"}}}), 2);  // monitor 8's and the new one of 7

  auto v = trail::verify(*db_, alpha_.org);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
}

TEST_P(IncidentsTest, ALongRunOfBreachesKeepsTheDescriptionWithinItsLimit) {
  const std::string line(400, 'x');
  Result<Record> last = Error::internal("no breach yet");
  for (int i = 0; i < 40; ++i)
    last = breach(monitoring_breach(7, "low", 1, line + std::to_string(i)));
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_LE(last->text("description").size(), records::rules::kLongTextLimit);
  EXPECT_NE(last->text("description").find(line + "39"), std::string::npos) << "the latest stays";
  EXPECT_EQ(last->number("breach_count"), 40);
}

TEST_P(IncidentsTest, ABreachIsWrittenInTheCallersTransaction) {
  const int64_t before = events();
  // The caller fails after recording the breach: neither the incident nor its event remains.
  auto failed = db_->write([&](store::Tx& tx) -> Result<Record> {
    TRY(record_breach(tx, alpha_.org, monitoring_breach(7, "high", 1, "x"), kTrailActor));
    return Error::unavailable("the caller failed afterwards");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::unavailable);
  EXPECT_EQ(total(), 0);
  EXPECT_EQ(events(), before);
  // A manual incident of the same system is not where breaches go.
  must_create_incident(incident("Manual"));
  auto recorded = breach(monitoring_breach(7, "high", 1, "x"));
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->text("source"), "monitoring");
  EXPECT_EQ(total(), 2);
}

TEST(IncidentSeverities, AreOrderedAndCompared) {
  EXPECT_EQ(severities(), (std::vector<std::string>{"low", "medium", "high", "critical"}));
  EXPECT_EQ(max_severity("low", "high"), "high");
  EXPECT_EQ(max_severity("critical", "medium"), "critical");
  EXPECT_EQ(max_severity("medium", "medium"), "medium");
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::improvement
