// What the impact suites share: alpha and beta from the inventory fixture, the people an
// assessment passes through (its author, its assessor, an approver who is neither), and helpers
// that build AI systems, models, datasets, assessments and their harms and benefits, and move an
// assessment along its workflow.
#pragma once

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "base/time.h"
#include "impact/impact.h"
#include "inventory/fixture.h"

namespace aims::impact::testing {

using namespace std::string_literals;
using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;

// "YYYY-MM-DD" `days` from today, in UTC as aims reads "today".
inline std::string date_in(int days) {
  return format_timestamp(now_micros() + int64_t(days) * 86'400'000'000LL).substr(0, 10);
}

// A failed Result's field and message, for a failure message.
template <typename T>
std::string why(const Result<T>& r) {
  return r.ok() ? std::string() : r.error().field + ": " + r.error().message;
}

class ImpactTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    // The inventory fixture's actor: alpha's first user, an admin.
    admin_ = inventory::testing::kActor;
    admin_.user_id = alpha_.users[0];
    admin_.actor.user_id = alpha_.users[0];
    contributor_ = {
        {"user", alpha_.users[1], "second@alpha.test"}, alpha_.users[1], auth::Role::contributor};
    author_ = add_person("author@alpha.test", auth::Role::aims_manager);
    assessor_ = add_person("assessor@alpha.test", auth::Role::aims_manager);
    approver_ = add_person("approver@alpha.test", auth::Role::aims_manager);
  }

  // ---- inventory ------------------------------------------------------------------------------

  // An AI system of alpha owned by its admin, in scope, minimal risk, human in the loop.
  int64_t add_system(const std::string& name, Values values = {}) {
    Record r = system(name, alpha_.users[0]);
    for (auto& [k, v] : values)
      r.values[k] = v;
    return must_create(alpha_.org, inventory::ai_systems(), r);
  }

  int64_t add_model(const std::string& name, const std::string& version) {
    Record r;
    r.values = {{"name", name}, {"model_version", version}, {"model_type", "classifier"s}};
    return must_create(alpha_.org, inventory::models(), r);
  }

  int64_t add_dataset(const std::string& name) {
    Record r;
    r.values = {{"name", name}, {"source", "Core banking"s}};
    return must_create(alpha_.org, inventory::datasets(), r);
  }

  Result<Record> edit_system(int64_t id, Values values, const Caller& who) {
    TRY_ASSIGN(const Record now, records::get(*db_, inventory::ai_systems(), alpha_.org, id));
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, inventory::ai_systems(), alpha_.org, id, changes, now.version,
                           who);
  }

  // ---- assessments ----------------------------------------------------------------------------

  // What an assessment of `system` needs to be created, led by the assessor: a title, the system
  // and the assessor only. `extra` adds or replaces values.
  Record assessment(const std::string& title, int64_t system, Values extra = {}) const {
    Record r;
    r.values = {
        {"title", title}, {"system_id", system}, {"assessor_id", assessor_.user_id.value()}};
    for (auto& [k, v] : extra)
      r.values[k] = v;
    return r;
  }

  // The same, with what submitting needs: scope, decision and the day it was assessed.
  Record ready_assessment(const std::string& title, int64_t system, Values extra = {}) const {
    Values all = {{"scope", "Retail lending in the EU"s},
                  {"decision", "proceed"s},
                  {"assessed_on", "2026-01-31"s}};
    for (auto& [k, v] : extra)
      all[k] = v;
    return assessment(title, system, all);
  }

  Result<Record> create_assessment(const Record& r, int64_t org = 0) {
    return records::create(*db_, assessments(), org ? org : alpha_.org, r, author_);
  }

  Record must_create_assessment(const Record& r) {
    auto created = create_assessment(r);
    EXPECT_TRUE(created.ok()) << why(created);
    return created.ok() ? *created : Record{};
  }

  Result<Record> read(int64_t id) { return records::get(*db_, assessments(), alpha_.org, id); }

  Result<Record> edit_assessment(int64_t id, Values values) {
    TRY_ASSIGN(const Record now, read(id));
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, assessments(), alpha_.org, id, changes, now.version, author_);
  }

  Result<records::TransitionOutcome> step(int64_t id, const std::string& name, const Caller& who,
                                          const std::string& reason = "", Values values = {}) {
    TRY_ASSIGN(const Record now, read(id));
    Record set;
    set.values = std::move(values);
    return records::transition(*db_, assessments(), alpha_.org, id,
                               {name, reason, set, now.version}, who);
  }

  // Submitted by its author and approved by the approver, who is neither author nor assessor.
  void approve(int64_t id) {
    auto submitted = step(id, "submit", author_, "Two harms found, both mitigated");
    ASSERT_TRUE(submitted.ok()) << why(submitted);
    auto approved = step(id, "approve", approver_, "Reviewed");
    ASSERT_TRUE(approved.ok()) << why(approved);
    ASSERT_TRUE(approved->moved);
    ASSERT_EQ(approved->record.state, "approved");
  }

  // A new assessment of `system` created ready and approved; its id.
  int64_t approved_assessment(const std::string& title, int64_t system, Values extra = {}) {
    const Record a = must_create_assessment(ready_assessment(title, system, extra));
    approve(a.id);
    return a.id;
  }

  // ---- harms and benefits ---------------------------------------------------------------------

  // A harm of the assessment, mitigated unless `extra` says otherwise.
  Record harm(const std::string& title, int64_t assessment_id, Values extra = {}) const {
    Record r;
    r.values = {{"title", title},
                {"assessment_id", assessment_id},
                {"kind", "harm"s},
                {"dimension", "fairness"s},
                {"severity", "high"s},
                {"likelihood", "possible"s},
                {"mitigation", "Quarterly bias review of approval rates"s}};
    for (auto& [k, v] : extra)
      r.values[k] = v;
    return r;
  }

  Result<Record> create_impact(const Record& r) {
    return records::create(*db_, impacts(), alpha_.org, r, author_);
  }

  Result<Record> edit_impact(int64_t id, Values values) {
    TRY_ASSIGN(const Record now, records::get(*db_, impacts(), alpha_.org, id));
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, impacts(), alpha_.org, id, changes, now.version, author_);
  }

  // ---- the audit trail ------------------------------------------------------------------------

  // The record's events, newest first.
  std::vector<trail::Event> events_of(const std::string& type, int64_t id) {
    auto list = db_->read([&](store::Tx& tx) {
      return trail::list(tx, alpha_.org, {.entity_type = type, .entity_id = id, .limit = 100});
    });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<trail::Event>{};
  }

  Caller admin_, contributor_, author_, assessor_, approver_;
};

}  // namespace aims::impact::testing
