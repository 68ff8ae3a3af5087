// A migrated database with two organisations, the registers customers and responsibilities refer
// to, and helpers to write AI systems of a given EU AI Act role, customers and responsibilities.
#pragma once

#include <set>

#include <gtest/gtest.h>

#include "controls/controls.h"
#include "customers/customers.h"
#include "documents/documents.h"
#include "improvement/improvement.h"
#include "inventory/fixture.h"

namespace aims::customers::testing {

using inventory::testing::kActor;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;
using namespace std::string_literals;

class CustomersTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    improvement::define_registers();
    documents::define_registers();
    controls::define_registers();
    define_registers();
  }

  // An AI system in scope of alpha, with our role and its EU AI Act class.
  int64_t add_system(const std::string& name, const std::string& role, const std::string& eu_class,
                     int64_t org = 0) {
    Record r = system(name, alpha_.users[0]);
    r.values["org_role"] = role;
    r.values["eu_ai_act_class"] = eu_class;
    if (eu_class == "high_risk") r.values["annex_iii_area"] = "essential_services"s;
    if (org != 0 && org != alpha_.org) r.values["owner_id"] = beta_.users[0];
    return must_create(org ? org : alpha_.org, inventory::ai_systems(), r);
  }

  Result<Record> create(const records::Description& d, const Values& values) {
    Record r;
    r.values = values;
    return records::create(*db_, d, alpha_.org, r, kActor);
  }

  int64_t add(const records::Description& d, const Values& values) {
    auto made = create(d, values);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().field + ": " + made.error().message);
    return made.ok() ? made->id : 0;
  }

  std::vector<Record> responsibilities_of(int64_t system) {
    auto all = records::list_all(*db_, responsibilities(), alpha_.org,
                                 {.filters = {{"system_id", std::to_string(system)}}});
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<Record>{};
  }

  std::set<std::string> duties_of(int64_t system) {
    std::set<std::string> out;
    for (const auto& r : responsibilities_of(system))
      out.insert(r.text("duty"));
    return out;
  }

  // Every responsibility of the system carried by alpha's organisation and agreed.
  void agree_all(int64_t system) {
    for (const auto& r : responsibilities_of(system)) {
      Record changes;
      changes.values = {
          {"party", "organisation"s}, {"accountable_id", alpha_.users[0]}, {"status", "agreed"s}};
      ASSERT_TRUE(
          records::update(*db_, responsibilities(), alpha_.org, r.id, changes, r.version, kActor)
              .ok());
    }
  }

  int64_t add_defaults(int64_t system) {
    auto added = add_default_responsibilities(*db_, alpha_.org, system, kActor);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
    return added.ok() ? *added : -1;
  }
};

}  // namespace aims::customers::testing
