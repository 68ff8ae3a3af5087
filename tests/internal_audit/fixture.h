// A migrated database with alpha's people (the risk suites' fixture), the SoA, documents and
// nonconformities defined beside the audit registers, and helpers to write programmes, audits and
// SoA entries as those people (for the internal audit store suites, on both backends).
#pragma once

#include "controls/controls.h"
#include "documents/documents.h"
#include "improvement/improvement.h"
#include "internal_audit/internal_audit.h"
#include "risk/fixture.h"

namespace aims::internal_audit::testing {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class AuditTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    controls::define_registers();
    documents::define_registers();
    improvement::define_registers();
    define_registers();
    auditor_ = add_person("auditor@alpha.test", auth::Role::auditor, "Grace Lindqvist");
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

  // A programme for 2027 written by the author and owned by the owner.
  Record add_programme(const std::string& title = "Audit programme 2027") {
    return must(create(programmes(),
                       {{"title", title},
                        {"period_start", "2027-01-01"s},
                        {"period_end", "2027-12-31"s},
                        {"owner_id", owner_.user_id.value()}},
                       author_));
  }

  // An audit of `programme` led by the auditor in March 2027; `extra` adds or replaces values.
  Result<Record> create_audit(int64_t programme, const std::string& title,
                              std::vector<std::string> criteria, const Values& extra = {}) {
    Values v = {{"programme_id", programme},       {"title", title},
                {"criteria", std::move(criteria)}, {"lead_auditor_id", auditor_.user_id.value()},
                {"planned_start", "2027-03-01"s},  {"planned_end", "2027-03-05"s}};
    for (const auto& [k, value] : extra)
      v[k] = value;
    return create(audits(), v, author_);
  }

  // The SoA entry of an Annex A control, applicable and owned by `owner`.
  Record add_soa_entry(const std::string& control, int64_t owner) {
    return must(create(controls::soa_entries(),
                       {{"control", control},
                        {"applicability", "applicable"s},
                        {"justification", "Needed for the credit scorer"s},
                        {"owner_id", owner}},
                       author_));
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

  records::Caller auditor_;
};

}  // namespace aims::internal_audit::testing
