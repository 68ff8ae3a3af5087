// A migrated database with alpha's people (from the risk suites' fixture: an author, an owner and
// an approver who are AIMS managers), the retention registers, and helpers to write rules,
// datasets, holds and disposals as those people.
#pragma once

#include "data/data.h"
#include "records/backdated.h"
#include "retention/retention.h"
#include "risk/fixture.h"

namespace aims::retention::testing {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class RetentionTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    // Before retention, whose rules choose among the registers defined: dataset versions too.
    data::define_registers();
    define_registers();
  }

  Record add(const records::Description& d, const Values& values,
             const records::Caller* who = nullptr) {
    Record r;
    r.values = values;
    auto created = records::create(*db_, d, alpha_.org, r, who ? *who : author_);
    EXPECT_TRUE(created.ok()) << d.type << ": "
                              << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Record add_rule(const std::string& title, const std::string& type, int64_t months,
                  const std::string& starts_from = kFromCreated) {
    return add(rules(), {{"title", title},
                         {"record_type", type},
                         {"ai_act_role", "any"s},
                         {"period_months", months},
                         {"starts_from", starts_from},
                         {"basis", "Decided by the AIMS manager"s},
                         {"end_action", "dispose"s}});
  }

  // A record written `days_old` days ago by the author, as if the clock had said so then.
  Record add_old(const records::Description& d, const Values& values, int64_t days_old) {
    auto created = records::create_backdated(*db_, d, alpha_.org, author_, values, days_old);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Record{};
  }

  // Created `days_old` days ago: a rule of a month has run out for it after 31 days.
  Record add_dataset(const std::string& name, const std::string& source = "Bureau feed",
                     int64_t days_old = 0) {
    const Values values = {{"name", name}, {"source", source}};
    return days_old ? add_old(inventory::datasets(), values, days_old)
                    : add(inventory::datasets(), values);
  }

  Result<Record> request_disposal(int64_t dataset, int64_t rule) {
    Record r;
    r.values = {{"record_type", "dataset"s},
                {"record_id", dataset},
                {"rule_id", rule},
                {"reason", "Retention ended; the model no longer uses it"s},
                {"requested_by_id", author_.user_id.value()}};
    return records::create(*db_, disposals(), alpha_.org, r, author_);
  }

  Record add_hold(const std::string& title) {
    return add(holds(),
               {{"title", title},
                {"reason", "A complaint about the support assistant is open"s},
                {"placed_by_id", owner_.user_id.value()},
                {"placed_on", "2026-11-02"s}},
               &owner_);
  }
};

}  // namespace aims::retention::testing
