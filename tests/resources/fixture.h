// A migrated database with alpha's people (the risk suites' fixture), the resources registers and
// AIMS roles defined, and helpers to write tools, compute, plans and a top-management role (for
// the resources store suites, on both backends).
#pragma once

#include "resources/resources.h"
#include "review/review.h"
#include "risk/fixture.h"
#include "roles/roles.h"

namespace aims::resources::testing {

using records::Record;
using risk::testing::date_in;
using risk::testing::fields_of;
using risk::testing::Values;
using namespace std::string_literals;

class ResourcesTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    review::define_registers();  // a plan names the management review that approved it
    define_registers();
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

  // An AIMS role `name` marked as top management, held by `person` since a month ago.
  void make_top_management(int64_t person, const std::string& name) {
    const Record role = must(create(roles::aims_roles(),
                                    {{"name", name},
                                     {"purpose", "Answers to the board for AI"s},
                                     {"top_management", true},
                                     {"min_holders", int64_t{1}}},
                                    admin_));
    must(create(roles::role_assignments(),
                {{"person_id", person}, {"role_id", role.id}, {"from_date", date_in(-30)}},
                admin_));
  }

  // A plan for `from` to `to`, written by the author and owned by the owner, ready to submit.
  Record add_plan(const std::string& title, const std::string& from, const std::string& to) {
    return must(create(resource_plans(),
                       {{"title", title},
                        {"period_start", from},
                        {"period_end", to},
                        {"owner_id", owner_.user_id.value()},
                        {"people", "- AIMS manager: 0.5 FTE"s},
                        {"budget", 120000.0},
                        {"currency", "EUR"s}},
                       author_));
  }

  Result<records::TransitionOutcome> move(int64_t id, const std::string& name,
                                          const records::Caller& who) {
    TRY_ASSIGN(const Record current, records::get(*db_, resource_plans(), alpha_.org, id));
    return records::transition(*db_, resource_plans(), alpha_.org, id,
                               {.name = name, .expected_version = current.version}, who);
  }

  Record add_tool(const std::string& name, records::Ids systems, const Values& extra = {}) {
    Values v = {{"name", name},
                {"category", "framework"s},
                {"system_ids", std::move(systems)},
                {"owner_id", owner_.user_id.value()}};
    for (const auto& [k, value] : extra)
      v[k] = value;
    return must(create(tools(), v, author_));
  }

  Record add_compute(const std::string& name, records::Ids systems) {
    return must(create(compute_resources(),
                       {{"name", name},
                        {"kind", "cloud"s},
                        {"system_ids", std::move(systems)},
                        {"owner_id", owner_.user_id.value()}},
                       author_));
  }
};

}  // namespace aims::resources::testing
