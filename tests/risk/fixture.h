// A migrated database with alpha's people in every role the risk workflow tells apart, an AI system
// in scope, and helpers to write risks and treatment actions as those people (for the risk store
// suites, on both backends).
#pragma once

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "base/time.h"
#include "inventory/fixture.h"
#include "monitoring/monitoring.h"
#include "risk/risk.h"
#include "trail/trail.h"

namespace aims::risk::testing {

using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;
using namespace std::string_literals;

// A date `days` from today (UTC, as aims reads "today"): "YYYY-MM-DD".
inline std::string date_in(int days) {
  return format_timestamp(now_micros() + int64_t(days) * 86'400'000'000LL).substr(0, 10);
}

// Every field an error names: the first in Error::field, the others in Error::problems.
inline std::set<std::string> fields_of(const Error& e) {
  std::set<std::string> out;
  if (!e.field.empty()) out.insert(e.field);
  for (const auto& p : e.problems)
    out.insert(p.field);
  return out;
}

class RiskTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    risk::define_registers();  // risks, treatment actions, monitors as a target, readiness,
                               // breaches
    admin_ = {{"user", alpha_.users[0], "owner@alpha.test"}, alpha_.users[0], auth::Role::admin};
    contributor_ = {
        {"user", alpha_.users[1], "second@alpha.test"}, alpha_.users[1], auth::Role::contributor};
    // The three people of separation of duties: who writes a risk, who owns it, who approves.
    author_ = add_person("author@alpha.test", auth::Role::aims_manager);
    owner_ = add_person("risk-owner@alpha.test", auth::Role::aims_manager);
    approver_ = add_person("approver@alpha.test", auth::Role::aims_manager);
    system_ = add_system("Credit scorer");
  }

  int64_t add_system(const std::string& name) {
    return must_create(alpha_.org, inventory::ai_systems(), system(name, alpha_.users[0]));
  }

  // A risk of the credit scorer written by the author and owned by the owner; `extra` adds or
  // replaces values (a monostate removes one).
  Record risk_values(const std::string& title, const Values& extra = {}) const {
    Record r;
    r.values = {{"title", title},
                {"system_ids", records::Ids{system_}},
                {"owner_id", owner_.user_id.value()},
                {"source", "machine_learning"s},
                {"objective", "fairness"s}};
    for (const auto& [k, v] : extra)
      r.values[k] = v;
    return r;
  }

  Result<Record> create_risk(const std::string& title, const Values& extra = {}) {
    return records::create(*db_, risks(), alpha_.org, risk_values(title, extra), author_);
  }

  Record add_risk(const std::string& title, const Values& extra = {}) {
    auto created = create_risk(title, extra);
    EXPECT_TRUE(created.ok()) << title << ": "
                              << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Record read(int64_t id, const records::Description& d = risks()) {
    auto r = records::get(*db_, d, alpha_.org, id);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Record{};
  }

  Result<Record> edit(int64_t id, const Values& values, const Caller& who) {
    TRY_ASSIGN(const Record current, records::get(*db_, risks(), alpha_.org, id));
    Record changes;
    changes.values = values;
    return records::update(*db_, risks(), alpha_.org, id, changes, current.version, who);
  }

  Result<records::TransitionOutcome> step(int64_t id, const std::string& name, const Caller& who,
                                          const std::string& reason = "", const Values& values = {},
                                          const records::Description& d = risks()) {
    TRY_ASSIGN(const Record current, records::get(*db_, d, alpha_.org, id));
    Record set;
    set.values = values;
    return records::transition(*db_, d, alpha_.org, id, {name, reason, set, current.version}, who);
  }

  // A step that must succeed and move the record.
  void must_step(int64_t id, const std::string& name, const Caller& who,
                 const std::string& reason = "", const Values& values = {},
                 const records::Description& d = risks()) {
    auto moved = step(id, name, who, reason, values, d);
    ASSERT_TRUE(moved.ok()) << name << ": " << moved.error().field << ": " << moved.error().message;
    ASSERT_TRUE(moved->moved) << name;
  }

  // A treatment action of `risk_id` owned by the owner.
  Result<Record> create_action(const std::string& title, int64_t risk_id,
                               const std::string& due_date, const Values& extra = {}) {
    Record r;
    r.values = {{"title", title},
                {"risk_id", risk_id},
                {"owner_id", owner_.user_id.value()},
                {"due_date", due_date}};
    for (const auto& [k, v] : extra)
      r.values[k] = v;
    return records::create(*db_, treatment_actions(), alpha_.org, r, author_);
  }

  Record add_action(const std::string& title, int64_t risk_id, const std::string& due_date,
                    const Values& extra = {}) {
    auto created = create_action(title, risk_id, due_date, extra);
    EXPECT_TRUE(created.ok()) << title << ": "
                              << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  // A monitor of `system_id` (the credit scorer when 0) reading a classification log with one
  // sensitive attribute g; thresholds: disparate impact of g below 0.8, overall accuracy below 0.5.
  int64_t add_monitor(const std::string& name, int64_t system_id = 0) {
    monitoring::MonitorInput in;
    in.system_id = system_id ? system_id : system_;
    in.name = name;
    in.config_json =
        R"({"columns":{"id":"id","timestamp":"ts","prediction":"pred","label":"label",
            "sensitive_attributes":["g"]},"min_group_size":2})";
    in.thresholds_json =
        R"([{"metric":"fairness.disparate_impact","scope":"attribute:g","comparison":"below",
             "value":0.8},
            {"metric":"performance.accuracy","scope":"overall","comparison":"below","value":0.5}])";
    auto m = monitoring::create_monitor(*db_, alpha_.org, in, inventory::testing::kTrailActor);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().field + ": " + m.error().message);
    return m.ok() ? m->id : 0;
  }

  // The organisation's audit events about one entity, newest first.
  std::vector<trail::Event> events_of(const std::string& type, int64_t id) {
    trail::Filter f;
    f.entity_type = type;
    f.entity_id = id;
    f.limit = 100;
    auto list = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<trail::Event>{};
  }

  Caller admin_, contributor_, author_, owner_, approver_;
  int64_t system_ = 0;
};

}  // namespace aims::risk::testing
