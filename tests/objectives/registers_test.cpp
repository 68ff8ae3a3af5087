// The objective register's rules, measurements accepted only for objectives measured by hand, and
// the series and progress worked out from hand measurements and from a monitor's stored runs, on
// both backends.
#include <gtest/gtest.h>

#include "objectives/fixture.h"

namespace aims::objectives {
namespace {

using records::Record;
using testing::Values;
using namespace std::string_literals;

class ObjectiveRegisterTest : public testing::ObjectiveTest {};

TEST_P(ObjectiveRegisterTest, AMonitorMeasureNeedsTheMonitorAndAKnownMetric) {
  auto missing = create_objective("Fair approvals", {{"measure", std::string(kFromMonitor)}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(risk::testing::fields_of(missing.error()),
            (std::set<std::string>{"monitor_id", "metric"}));
  const int64_t monitor = add_monitor("Credit fairness");
  auto unknown = create_objective("Fair approvals", {{"measure", std::string(kFromMonitor)},
                                                     {"monitor_id", monitor},
                                                     {"metric", "fairness.niceness"s}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "metric");
  // A monitor measure without a scope reads the metric over all rows.
  const Record o = add_objective("Accurate scores", {{"measure", std::string(kFromMonitor)},
                                                     {"monitor_id", monitor},
                                                     {"metric", "performance.accuracy"s}});
  EXPECT_EQ(o.text("metric_scope"), "overall");
}

TEST_P(ObjectiveRegisterTest, TargetAndDueDateAreRequiredAndDueComesAfterStart) {
  auto bare =
      create_objective("Vague", {{"target_value", std::monostate{}}, {"due_on", std::monostate{}}});
  ASSERT_FALSE(bare.ok());
  const auto fields = risk::testing::fields_of(bare.error());
  EXPECT_TRUE(fields.count("target_value"));
  EXPECT_TRUE(fields.count("due_on"));
  auto backwards = create_objective("Backwards", {{"due_on", "2026-12-31"s}});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "due_on");
}

TEST_P(ObjectiveRegisterTest, TheTargetLiesOnTheBetterSideOfTheBaseline) {
  // Higher is better (the fixture's default), so a target of 80 below a baseline of 90 would read
  // as reached while the value falls.
  auto below = create_objective("Backwards target", {{"baseline_value", 90.0}});
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.error().field, "target_value");
  auto lower_is_better = create_objective(
      "Fewer overrides",
      {{"direction", "at_most"s}, {"baseline_value", 90.0}, {"target_value", 95.0}});
  ASSERT_FALSE(lower_is_better.ok());
  EXPECT_EQ(lower_is_better.error().field, "target_value");
  EXPECT_TRUE(create_objective(
                  "Fewer overrides",
                  {{"direction", "at_most"s}, {"baseline_value", 90.0}, {"target_value", 50.0}})
                  .ok());
}

TEST_P(ObjectiveRegisterTest, AShareOfImpactAssessmentsStartsFromAGivenBaseline) {
  auto without = create_objective("All assessed", {{"measure", std::string(kImpactShare)}});
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().field, "baseline_value");
  EXPECT_TRUE(create_objective("All assessed",
                               {{"measure", std::string(kImpactShare)}, {"baseline_value", 40.0}})
                  .ok());
}

TEST_P(ObjectiveRegisterTest, AnotherMeasureKindsFieldsAreCleared) {
  const int64_t monitor = add_monitor("Credit fairness");
  const Record o = add_objective("By hand", {{"monitor_id", monitor}, {"metric", "x"s}});
  EXPECT_FALSE(o.is_set("monitor_id"));
  EXPECT_FALSE(o.is_set("metric"));
}

TEST_P(ObjectiveRegisterTest, MeasurementsAreRefusedForAMonitorMeasuredObjective) {
  const int64_t monitor = add_monitor("Credit fairness");
  const Record o = add_objective("Fair approvals", {{"measure", std::string(kFromMonitor)},
                                                    {"monitor_id", monitor},
                                                    {"metric", "fairness.disparate_impact"s},
                                                    {"metric_scope", "attribute:g"s}});
  auto refused = measure(o.id, "2027-02-01", 0.9);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "objective_id");
  EXPECT_NE(refused.error().message.find("measured by hand"), std::string::npos);
}

TEST_P(ObjectiveRegisterTest, HandMeasurementsMakeTheSeries) {
  const Record o = add_objective("Validators trained", {{"baseline_value", 20.0}});
  auto first = measure(o.id, "2027-03-31", 35);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->text("title"), "Validators trained, 2027-03-31");
  ASSERT_TRUE(measure(o.id, "2027-06-30", 50).ok());
  // 2027-07-02 is 182 of 364 days: 50 % expected. (50 - 20) / (80 - 20) = 50 % of the way.
  auto s = standing(*db_, alpha_.org, read(o.id, objectives()), "2027-07-02");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->series.size(), 2u);
  EXPECT_EQ(s->series[0].date, "2027-03-31");
  EXPECT_DOUBLE_EQ(s->progress.percent_done.value(), 50);
  EXPECT_EQ(s->progress.verdict, Verdict::on_track);
  EXPECT_EQ(s->sentence,
            "On track: 50 % of a 80 % target, 50 % of the way; 50 % expected by today.");
}

TEST_P(ObjectiveRegisterTest, AMonitorMeasuredObjectiveReadsTheStoredRuns) {
  const int64_t monitor = add_monitor("Credit fairness");
  run(monitor, log_on("2027-01-10", 2));  // disparate impact 2/4 = 0.5
  run(monitor, log_on("2027-03-10", 3));  // 3/4 = 0.75
  const Record o = add_objective("Fair approvals", {{"measure", std::string(kFromMonitor)},
                                                    {"monitor_id", monitor},
                                                    {"metric", "fairness.disparate_impact"s},
                                                    {"metric_scope", "attribute:g"s},
                                                    {"unit", std::monostate{}},
                                                    {"baseline_value", 0.5},
                                                    {"target_value", 0.95},
                                                    {"start_on", "2027-01-10"s},
                                                    {"due_on", "2027-11-10"s}});
  // Start to due: 21 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 10 = 304 days; to 2027-06-09:
  // 21 + 28 + 31 + 30 + 31 + 9 = 150 days, 49.34 % expected. (0.75 - 0.5) / (0.95 - 0.5) = 55.56 %.
  auto s = standing(*db_, alpha_.org, read(o.id, objectives()), "2027-06-09");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->series.size(), 2u);
  EXPECT_EQ(s->series[0].date, "2027-01-10");
  EXPECT_DOUBLE_EQ(s->series[0].value, 0.5);
  EXPECT_EQ(s->series[1].date, "2027-03-10");
  EXPECT_DOUBLE_EQ(s->series[1].value, 0.75);
  EXPECT_NEAR(s->progress.percent_expected, 150.0 / 304 * 100, 1e-9);
  EXPECT_NEAR(s->progress.percent_done.value(), 0.25 / 0.45 * 100, 1e-9);
  EXPECT_EQ(s->progress.verdict, Verdict::on_track);
  EXPECT_EQ(s->sentence,
            "On track: 0.75 of a 0.95 target, 56 % of the way; 49 % expected by today.");
  // A run that reaches the target: 4/4 = 1.0 >= 0.95.
  run(monitor, log_on("2027-05-10", 4));
  auto after = standing(*db_, alpha_.org, read(o.id, objectives()), "2027-06-09");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->progress.verdict, Verdict::achieved);
}

INSTANTIATE_TEST_SUITE_P(Backends, ObjectiveRegisterTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::objectives
