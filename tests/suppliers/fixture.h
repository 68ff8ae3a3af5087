// A migrated database with alpha's people and credit scorer (the risk suites' fixture), incidents
// and the supplier registers defined, a supplier whose relationship the owner holds, and helpers to
// write assessments as those people (for the supplier store suites, on both backends).
#pragma once

#include "improvement/improvement.h"
#include "risk/fixture.h"
#include "suppliers/suppliers.h"

namespace aims::suppliers::testing {

using records::Record;
using risk::testing::date_in;
using risk::testing::Values;
using namespace std::string_literals;

class SupplierTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    improvement::define_registers();
    define_registers();
    assessor_ = add_person("assessor@alpha.test", auth::Role::aims_manager);
    supplier_ = must(create(inventory::suppliers(),
                            {{"name", "Vendor"s},
                             {"provides", "model_api"s},
                             {"criticality", "high"s},
                             {"evaluation_interval_months", int64_t{1}},
                             {"relationship_owner_id", owner_.user_id.value()}},
                            author_))
                    .id;
  }

  Result<Record> create(const records::Description& d, const Values& values,
                        const records::Caller& who) {
    Record r;
    r.values = values;
    return records::create(*db_, d, alpha_.org, r, who);
  }

  Record must(Result<Record> created) {
    EXPECT_TRUE(created.ok()) << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Record get(const records::Description& d, int64_t id) {
    return must(records::get(*db_, d, alpha_.org, id));
  }

  Result<records::TransitionOutcome> move(const records::Description& d, int64_t id,
                                          const std::string& name, const records::Caller& who,
                                          const Values& values = {},
                                          const std::string& reason = "") {
    TRY_ASSIGN(const Record current, records::get(*db_, d, alpha_.org, id));
    Record set;
    set.values = values;
    return records::transition(*db_, d, alpha_.org, id, {name, reason, set, current.version}, who);
  }

  // An assessment of the supplier by the assessor with every question scored `each`, submitted.
  Record submitted_assessment(int64_t each, const std::string& title = "Vendor 2026") {
    Values v = {{"title", title},
                {"supplier_id", supplier_},
                {"assessed_on", date_in(-3)},
                {"assessor_id", assessor_.user_id.value()}};
    for (const auto& q : questionnaire())
      v[q.key] = each;
    const Record a = must(create(assessments(), v, author_));
    EXPECT_TRUE(move(assessments(), a.id, "submit", assessor_).ok());
    return a;
  }

  records::Caller assessor_;
  int64_t supplier_ = 0;
};

}  // namespace aims::suppliers::testing
