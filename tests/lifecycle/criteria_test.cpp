// Acceptance criteria read against a run's samples: the worst value in the criterion's scope
// decides, an attribute's scope covers its groups, and a criterion nothing measures fails saying
// why. Expected values are read off the samples by hand.
#include <gtest/gtest.h>

#include "lifecycle/lifecycle.h"

namespace aims::lifecycle {
namespace {

using monitoring::MetricSample;
using monitoring::MetricScope;
using monitoring::MetricValue;
using monitoring::ScopeKind;

MetricSample overall(const std::string& key, double v) {
  return {key, {}, MetricValue::of(v, 100)};
}

MetricSample group(const std::string& key, const std::string& attribute, const std::string& g,
                   double v) {
  return {key, MetricScope{.kind = ScopeKind::group, .attribute = attribute, .group = g},
          MetricValue::of(v, 50)};
}

MetricSample attribute(const std::string& key, const std::string& a, MetricValue v) {
  return {key, MetricScope{.kind = ScopeKind::attribute, .attribute = a}, std::move(v)};
}

const std::vector<MetricSample> kSamples = {
    overall("performance.accuracy", 0.91),
    group("performance.accuracy", "sex", "female", 0.84),
    group("performance.accuracy", "sex", "male", 0.93),
    group("performance.accuracy", "age", "65+", 0.79),
    attribute("fairness.disparate_impact", "sex", MetricValue::of(0.86, 100)),
    attribute("fairness.disparate_impact", "age",
              MetricValue::undefined("fewer than 2 groups reach the minimum group size")),
};

CriterionResult only(const Criterion& c) {
  const auto results = evaluate_criteria({c}, kSamples);
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? CriterionResult{} : results.front();
}

TEST(CriteriaTest, AnOverallScopeReadsTheOverallValue) {
  const auto r = only({1, "Accuracy", "performance.accuracy", "overall", true, 0.9});
  EXPECT_TRUE(r.pass);
  EXPECT_DOUBLE_EQ(*r.measured, 0.91);
  EXPECT_EQ(r.where, "overall");
  EXPECT_EQ(r.reason, "0.91 at overall is at least 0.9");
}

TEST(CriteriaTest, WithoutAScopeTheWorstOfEveryScopeDecides) {
  // Lowest accuracy anywhere: 0.79 for age 65+.
  const auto r = only({1, "Accuracy", "performance.accuracy", "", true, 0.8});
  EXPECT_FALSE(r.pass);
  EXPECT_DOUBLE_EQ(*r.measured, 0.79);
  EXPECT_EQ(r.where, "group:age=65+");
  EXPECT_EQ(r.reason, "0.79 at group:age=65+ is below 0.8");
}

TEST(CriteriaTest, AnAttributeScopeCoversItsGroupsOnly) {
  // sex: female 0.84, male 0.93; the 0.79 of age is not in scope.
  const auto r = only({1, "Accuracy by sex", "performance.accuracy", "attribute:sex", true, 0.8});
  EXPECT_TRUE(r.pass);
  EXPECT_DOUBLE_EQ(*r.measured, 0.84);
  EXPECT_EQ(r.where, "group:sex=female");
}

TEST(CriteriaTest, AtMostTakesTheHighestValue) {
  const auto r = only({1, "Accuracy cap", "performance.accuracy", "attribute:sex", false, 0.9});
  EXPECT_FALSE(r.pass);
  EXPECT_DOUBLE_EQ(*r.measured, 0.93);
  EXPECT_EQ(r.reason, "0.93 at group:sex=male is above 0.9");
}

TEST(CriteriaTest, UndefinedValuesAreSkippedAndNothingMeasuredFailsWithTheReason) {
  const auto defined = only({1, "Parity", "fairness.disparate_impact", "", true, 0.8});
  EXPECT_TRUE(defined.pass);  // sex 0.86; age undefined and passed over
  EXPECT_DOUBLE_EQ(*defined.measured, 0.86);

  const auto undefined =
      only({2, "Parity by age", "fairness.disparate_impact", "attribute:age", true, 0.8});
  EXPECT_FALSE(undefined.pass);
  EXPECT_FALSE(undefined.measured);
  EXPECT_EQ(undefined.reason,
            "not measured in attribute:age: fewer than 2 groups reach the minimum group size");

  const auto absent = only({3, "Flip rate", "robustness.flip_rate", "", false, 0.05});
  EXPECT_FALSE(absent.pass);
  EXPECT_EQ(absent.reason, "not measured in any scope: the log gives nothing to compute it from");
}

}  // namespace
}  // namespace aims::lifecycle
