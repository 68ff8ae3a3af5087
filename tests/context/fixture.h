// What the context suites share: alpha and beta from the inventory fixture, an AIMS manager who
// writes the records, a document and a risk to link to, and helpers that create, read and change
// the context module's records.
#pragma once

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "context/context.h"
#include "documents/documents.h"
#include "inventory/fixture.h"
#include "risk/fixture.h"

namespace aims::context::testing {

using namespace std::string_literals;
using records::Caller;
using records::Record;
using Values = std::map<std::string, records::FieldValue>;

// Dates from today and the fields an error names, as the risk suites read them.
using risk::testing::date_in;
using risk::testing::fields_of;

// A failed Result's field and message, for a failure message.
template <typename T>
std::string why(const Result<T>& r) {
  return r.ok() ? std::string() : r.error().field + ": " + r.error().message;
}

class ContextTest : public inventory::testing::InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    documents::define_registers();
    risk::define_registers();
    define_registers();
    manager_ = add_person("manager@alpha.test", auth::Role::aims_manager, "Priya Raman");
  }

  // A record of `d` in alpha with `values`, written by the manager.
  Result<Record> create(const records::Description& d, Values values, int64_t org = 0) {
    Record r;
    r.values = std::move(values);
    return records::create(*db_, d, org ? org : alpha_.org, r, manager_);
  }

  Record must_create(const records::Description& d, Values values) {
    auto created = create(d, std::move(values));
    EXPECT_TRUE(created.ok()) << d.type << ": " << why(created);
    return created.ok() ? *created : Record{};
  }

  Result<Record> read(const records::Description& d, int64_t id) {
    return records::get(*db_, d, alpha_.org, id);
  }

  Result<Record> edit(const records::Description& d, int64_t id, Values values) {
    TRY_ASSIGN(const Record now, read(d, id));
    Record changes;
    changes.values = std::move(values);
    return records::update(*db_, d, alpha_.org, id, changes, now.version, manager_);
  }

  Result<records::TransitionOutcome> step(const records::Description& d, int64_t id,
                                          const std::string& name, const std::string& reason) {
    TRY_ASSIGN(const Record now, read(d, id));
    return records::transition(*db_, d, alpha_.org, id, {name, reason, {}, now.version}, manager_);
  }

  int64_t add_document(const std::string& title) {
    return must_create(documents::documents(), {{"title", title}, {"owner_id", manager_id()}}).id;
  }

  int64_t add_risk(const std::string& title) {
    return must_create(risk::risks(),
                       {{"title", title}, {"owner_id", manager_id()}, {"organisation_wide", true}})
        .id;
  }

  // An issue with what every issue needs; `extra` adds or replaces values.
  Record issue(const std::string& title, const std::string& origin, Values extra = {}) {
    Values v = {{"title", title},
                {"origin", origin},
                {"category", "legal_regulatory"s},
                {"effect", "Shapes what the AIMS must prove"s},
                {"owner_id", manager_id()}};
    for (auto& [k, value] : extra)
      v[k] = value;
    return must_create(issues(), v);
  }

  Record party(const std::string& name, Values extra = {}) {
    Values v = {{"name", name},
                {"party_type", "regulator"s},
                {"interest", "That AI in lending is lawful and explained"s}};
    for (auto& [k, value] : extra)
      v[k] = value;
    return must_create(parties(), v);
  }

  // A requirement of `party_id` with no decision yet; `extra` adds or replaces values.
  Values requirement(const std::string& title, int64_t party_id, Values extra = {}) {
    Values v = {{"title", title}, {"party_id", party_id}, {"source", "law_regulation"s}};
    for (auto& [k, value] : extra)
      v[k] = value;
    return v;
  }

  Record plan_item(const std::string& title, const std::string& frequency, Values extra = {}) {
    Values v = {{"title", title}, {"frequency", frequency}, {"communicator_id", manager_id()}};
    for (auto& [k, value] : extra)
      v[k] = value;
    return must_create(plan_items(), v);
  }

  Result<Record> communicate(const std::string& title, int64_t item, const std::string& made_on,
                             Values extra = {}) {
    Values v = {{"title", title}, {"plan_item_id", item}, {"made_on", made_on}};
    for (auto& [k, value] : extra)
      v[k] = value;
    return create(communications(), v);
  }

  // The plan item's next due as stored ("" when none).
  std::string next_due(int64_t item) {
    auto r = read(plan_items(), item);
    EXPECT_TRUE(r.ok()) << why(r);
    return r.ok() ? r->text("next_due") : "?";
  }

  int64_t manager_id() const { return manager_.user_id.value(); }

  Caller manager_;
};

}  // namespace aims::context::testing
