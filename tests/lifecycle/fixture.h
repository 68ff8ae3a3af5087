// A migrated database with the risk suites' people (an author, an owner, an approver), the credit
// scorer with a model the author registered, a monitor of its decisions and a validator, and
// helpers to agree requirements and run validations (for the lifecycle store suites, both
// backends).
#pragma once

#include <string>

#include "impact/impact.h"
#include "lifecycle/lifecycle.h"
#include "risk/fixture.h"
#include "support/decision_log.h"

namespace aims::lifecycle::testing {

using records::Caller;
using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class LifecycleTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
    validator_ = add_person("validator@alpha.test", auth::Role::contributor);
    // The model is the author's: they registered it.
    model_ = must(create(inventory::models(),
                         {{"name", "Credit PD model"s},
                          {"model_version", "3.2"s},
                          {"model_type", "classifier"s}},
                         author_))
                 .id;
    Record link;
    link.values["model_ids"] = records::Ids{model_};
    const Record system = read(system_, inventory::ai_systems());
    ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, link,
                                system.version, admin_)
                    .ok());
    monitoring::MonitorInput input;
    input.system_id = system_;
    input.name = "Decisions";
    input.config_json = R"({"columns": {"id": "id", "prediction": "pred", "label": "label",
                            "sensitive_attributes": ["g"]}, "min_group_size": 1})";
    auto monitor = monitoring::create_monitor(*db_, alpha_.org, input, admin_.actor);
    ASSERT_TRUE(monitor.ok()) << monitor.error().message;
    monitor_ = monitor->id;
  }

  Result<Record> create(const records::Description& d, const Values& values, const Caller& who) {
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

  // A requirement of the credit scorer written by the author and agreed by the approver.
  int64_t agreed(const std::string& name, const std::string& kind, const std::string& metric,
                 const std::string& scope, const std::string& comparison, double threshold) {
    const Record r = must(create(requirements(),
                                 {{"name", name},
                                  {"ai_system_id", system_},
                                  {"kind", kind},
                                  {"statement", "The system meets " + name},
                                  {"metric", metric},
                                  {"scope", scope},
                                  {"comparison", comparison},
                                  {"threshold", threshold}},
                                 author_));
    must_step(r.id, "agree", approver_, "", {}, requirements());
    return r.id;
  }

  // The credit scorer's fields changed by the admin.
  void set_system(const Values& values) {
    const Record system = read(system_, inventory::ai_systems());
    Record changes;
    changes.values = values;
    auto updated = records::update(*db_, inventory::ai_systems(), alpha_.org, system_, changes,
                                   system.version, admin_);
    ASSERT_TRUE(updated.ok()) << updated.error().field << ": " << updated.error().message;
  }

  // An approved impact assessment of the credit scorer: written by the author, assessed by the
  // owner, approved by the approver.
  int64_t approve_impact_assessment() {
    const Record a = must(create(impact::assessments(),
                                 {{"title", "Credit scorer impact"s},
                                  {"system_id", system_},
                                  {"assessor_id", owner_.user_id.value()},
                                  {"decision", "proceed"s},
                                  {"assessed_on", risk::testing::date_in(-1)},
                                  {"scope", "Retail lending"s}},
                                 author_));
    must_step(a.id, "submit", author_, "Harms weighed", {}, impact::assessments());
    must_step(a.id, "approve", approver_, "", {}, impact::assessments());
    return a.id;
  }

  Result<Record> create_validation(int64_t validator, int64_t model) {
    return create(validations(),
                  {{"name", "PD model 3.2 before release"s},
                   {"ai_system_id", system_},
                   {"model_id", model},
                   {"validator_id", validator},
                   {"monitor_id", monitor_}},
                  author_);
  }

  Result<ValidationRun> run(int64_t id, const std::string& log, const std::string& perturbed = "") {
    ValidationLogs logs{.log = monitoring::LogInput::memory(log), .log_name = "holdout.csv"};
    if (!perturbed.empty()) {
      logs.perturbed = monitoring::LogInput::memory(perturbed);
      logs.perturbed_name = "holdout-noisy.csv";
    }
    return run_validation(*db_, alpha_.org, id, logs, author_);
  }

  Caller validator_;
  int64_t model_ = 0, monitor_ = 0;
};

}  // namespace aims::lifecycle::testing
