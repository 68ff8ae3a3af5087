// A migrated database with alpha's people (an AIMS manager who records, an administrator who may
// approve, a contributor who may not), an AI system in scope, and helpers to write the committee's
// records and RACI assignments as those people (for the leadership store suites, on both backends).
#pragma once

#include <set>

#include <gtest/gtest.h>

#include "base/time.h"
#include "inventory/fixture.h"
#include "leadership/leadership.h"
#include "trail/trail.h"

namespace aims::leadership::testing {

using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;
using namespace std::string_literals;

// A date `days` from today (UTC, as aims reads "today"): "YYYY-MM-DD".
inline std::string date_in(int days) {
  return format_timestamp(now_micros() + int64_t(days) * 86'400'000'000LL).substr(0, 10);
}

class LeadershipTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    leadership::define_registers();
    admin_ = {{"user", alpha_.users[0], "owner@alpha.test"}, alpha_.users[0], auth::Role::admin};
    contributor_ = {
        {"user", alpha_.users[1], "second@alpha.test"}, alpha_.users[1], auth::Role::contributor};
    secretary_ = add_person("secretary@alpha.test", auth::Role::aims_manager, "Sam Secretary");
    system_ =
        must_create(alpha_.org, inventory::ai_systems(), system("Credit scorer", alpha_.users[0]));
  }

  // A record of `d` written by the secretary; fails the test when refused.
  Record add(const records::Description& d, const Values& values) {
    auto created = create(d, values);
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Result<Record> create(const records::Description& d, const Values& values) {
    Record r;
    r.values = values;
    return records::create(*db_, d, alpha_.org, r, secretary_);
  }

  int64_t add_committee(const std::string& name, const std::string& mandate = "Oversees AI.") {
    // May halt releases: the holds these tests place need that authority.
    Values v = {
        {"name", name}, {"chair_id", secretary_.user_id.value()}, {"may_halt_releases", true}};
    if (!mandate.empty()) v["mandate"] = mandate;
    return add(committees(), v).id;
  }

  // A decision of `committee` of `kind` about `systems`, decided today.
  Values decision(int64_t committee, const std::string& kind, records::Ids systems,
                  const std::string& rationale = "Validation found unfair outcomes") const {
    Values v = {{"title", "Decision " + kind},
                {"committee_id", committee},
                {"decided_on", date_in(0)},
                {"kind", kind},
                {"system_ids", systems}};
    if (!rationale.empty()) v["rationale"] = rationale;
    return v;
  }

  Result<records::TransitionOutcome> lift(int64_t decision, const Caller& who,
                                          const std::string& reason) {
    TRY_ASSIGN(const Record current,
               records::get(*db_, committee_decisions(), alpha_.org, decision));
    return records::transition(*db_, committee_decisions(), alpha_.org, decision,
                               {"lift", reason, {}, current.version}, who);
  }

  std::vector<Hold> holds(int64_t system) {
    auto found = holds_on(*db_, alpha_.org, system);
    EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message);
    return found.ok() ? *found : std::vector<Hold>{};
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

  Caller admin_, contributor_, secretary_;
  int64_t system_ = 0;
};

// Every field an error names: the first in Error::field, the others in Error::problems.
inline std::set<std::string> fields_of(const Error& e) {
  std::set<std::string> out;
  if (!e.field.empty()) out.insert(e.field);
  for (const auto& p : e.problems)
    out.insert(p.field);
  return out;
}

}  // namespace aims::leadership::testing
