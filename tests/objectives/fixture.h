// A migrated database with alpha's people, an AI system and a monitor (from the risk suites'
// fixture), and helpers to write objectives and measurements and to run the monitor over a log.
#pragma once

#include <cstdio>

#include "objectives/objectives.h"
#include "risk/fixture.h"

namespace aims::objectives::testing {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class ObjectiveTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
  }

  // An objective measured by hand owned by the owner, from 2027-01-01 to 2027-12-31, to reach at
  // least 80 %; `extra` adds or replaces values (a monostate removes one).
  Result<Record> create_objective(const std::string& title, const Values& extra = {}) {
    Record r;
    r.values = {{"title", title},
                {"owner_id", owner_.user_id.value()},
                {"measure", std::string(kByHand)},
                {"unit", "%"s},
                {"target_value", 80.0},
                {"direction", "at_least"s},
                {"start_on", "2027-01-01"s},
                {"due_on", "2027-12-31"s}};
    for (const auto& [k, v] : extra)
      r.values[k] = v;
    return records::create(*db_, objectives(), alpha_.org, r, author_);
  }

  Record add_objective(const std::string& title, const Values& extra = {}) {
    auto created = create_objective(title, extra);
    EXPECT_TRUE(created.ok()) << title << ": "
                              << (created.ok()
                                      ? ""
                                      : created.error().field + ": " + created.error().message);
    return created.ok() ? *created : Record{};
  }

  Result<Record> measure(int64_t objective, const std::string& on, double value) {
    Record r;
    r.values = {{"objective_id", objective}, {"measured_on", on}, {"value", value}};
    return records::create(*db_, measurements(), alpha_.org, r, author_);
  }

  // A log of four rows of group a and four of group b, all on `day`: a's first `a_selected` are
  // predicted 1, b's all four. Disparate impact of g: a_selected / 4 (b's rate is 1).
  static std::string log_on(const std::string& day, int a_selected) {
    std::string out = "id,ts,pred,label,g\n";
    for (int i = 0; i < 8; ++i) {
      const bool a = i < 4;
      const int pred = a ? (i < a_selected ? 1 : 0) : 1;
      char line[96];
      std::snprintf(line, sizeof line, "%d,%sT%02d:00:00Z,%d,1,%s\n", i + 1, day.c_str(), 8 + i,
                    pred, a ? "a" : "b");
      out += line;
    }
    return out;
  }

  void run(int64_t monitor, const std::string& log) {
    monitoring::RunRequest request;
    request.monitor_id = monitor;
    request.log = monitoring::LogInput::memory(log);
    request.input_name = "predictions.csv";
    request.options.threads = 2;
    auto r = monitoring::run_monitor(*db_, alpha_.org, request, inventory::testing::kTrailActor);
    ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    ASSERT_EQ(r->status, "completed") << r->error;
  }
};

}  // namespace aims::objectives::testing
