// A migrated database with alpha's people and helpers to write AIMS roles, holders, competences,
// courses and training records as alpha's admin (for the roles store suites, on both backends).
#pragma once

#include <set>

#include <gtest/gtest.h>

#include "base/time.h"
#include "inventory/fixture.h"
#include "roles/roles.h"

namespace aims::roles::testing {

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

class RolesTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    roles::define_registers();
    admin_ = {{"user", alpha_.users[0], "owner@alpha.test"}, alpha_.users[0], auth::Role::admin};
  }

  Result<Record> create(const records::Description& d, const Values& values) {
    Record r;
    r.values = values;
    return records::create(*db_, d, alpha_.org, r, admin_);
  }

  // A record that must be created; its id.
  int64_t add(const records::Description& d, const Values& values) {
    auto created = create(d, values);
    EXPECT_TRUE(created.ok()) << d.type << ": "
                              << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? created->id : 0;
  }

  Record read(const records::Description& d, int64_t id) {
    auto r = records::get(*db_, d, alpha_.org, id);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Record{};
  }

  Result<Record> edit(const records::Description& d, int64_t id, const Values& values) {
    TRY_ASSIGN(const Record current, records::get(*db_, d, alpha_.org, id));
    Record changes;
    changes.values = values;
    return records::update(*db_, d, alpha_.org, id, changes, current.version, admin_);
  }

  int64_t competence(const std::string& name, std::optional<int64_t> renewal = std::nullopt) {
    Values v = {{"name", name}, {"category", "technical"s}};
    if (renewal) v["renewal_months"] = *renewal;
    return add(competences(), v);
  }

  int64_t course(const std::string& title, const records::Ids& gives,
                 std::optional<int64_t> validity = std::nullopt) {
    Values v = {{"title", title}, {"competence_ids", gives}};
    if (validity) v["validity_months"] = *validity;
    return add(courses(), v);
  }

  int64_t role(const std::string& name, const records::Ids& requires_ = {}) {
    return add(aims_roles(), {{"name", name}, {"competence_ids", requires_}});
  }

  int64_t appoint(int64_t person, int64_t role_id, const std::string& from,
                  const Values& extra = {}) {
    Values v = {{"person_id", person}, {"role_id", role_id}, {"from_date", from}};
    for (const auto& [k, value] : extra)
      v[k] = value;
    return add(role_assignments(), v);
  }

  int64_t train(int64_t person, int64_t course_id, const std::string& completed,
                const std::string& result = "passed", const Values& extra = {}) {
    Values v = {{"person_id", person},
                {"course_id", course_id},
                {"completed_on", completed},
                {"result", result}};
    for (const auto& [k, value] : extra)
      v[k] = value;
    return add(training_records(), v);
  }

  Caller admin_;
};

}  // namespace aims::roles::testing
