// Robustness from paired logs: flip rate and score change, overall and per group, against values
// worked out by hand on small logs.
#include "monitoring/engine/robustness.h"

#include <string>

#include <gtest/gtest.h>

namespace aims::monitoring {
namespace {

MonitorConfig scored_config() {
  MonitorConfig config;
  config.columns.id = "id";
  config.columns.score = "score";
  config.columns.sensitive_attributes = {"group"};
  return config;
}

RobustnessReport robustness_ok(const std::string& original, const std::string& perturbed,
                               const MonitorConfig& config, const RunOptions& options = {}) {
  auto report =
      evaluate_robustness(LogInput::memory(original), LogInput::memory(perturbed), config, options);
  EXPECT_TRUE(report) << report.error().message;
  return report ? *report : RobustnessReport{};
}

const RobustnessGroup* group_of(const RobustnessReport& report, const std::string& name) {
  for (const auto& group : report.groups)
    if (group.group == name) return &group;
  return nullptr;
}

// By hand, at the default threshold 0.5 (score >= 0.5 is positive):
//   a 0.90 -> 0.80  pos -> pos         change 0.10   group x
//   b 0.40 -> 0.55  neg -> pos  flip   change 0.15   group x
//   c 0.60 -> 0.45  pos -> neg  flip   change 0.15   group y
//   d 0.20 -> 0.25  neg -> neg         change 0.05   group y
//   e 0.55 -> 0.50  pos -> pos         change 0.05   group y (0.50 reaches the threshold)
//   f only in the original, g only in the perturbed log.
// Overall: 2 flips of 5 = 0.4; largest change 0.15; mean 0.5 / 5 = 0.1.
// x: 1 of 2 = 0.5, mean 0.125; y: 1 of 3, mean 0.25 / 3.
const char* kOriginal = "id,score,group\na,0.9,x\nb,0.4,x\nc,0.6,y\nd,0.2,y\ne,0.55,y\nf,0.7,x\n";
const char* kPerturbed =
    "id,score,group\na,0.8,x\nb,0.55,x\nc,0.45,y\nd,0.25,y\ne,0.5,y\ng,0.1,x\n";

TEST(RobustnessTest, FlipRateAndScoreChangeOverallAndPerGroupMatchTheHandCount) {
  const auto report = robustness_ok(kOriginal, kPerturbed, scored_config());
  EXPECT_EQ(report.original_rows, 6u);
  EXPECT_EQ(report.perturbed_rows, 6u);
  EXPECT_EQ(report.unmatched_original, 1u);
  EXPECT_EQ(report.unmatched_perturbed, 1u);
  EXPECT_EQ(report.overall.pairs, 5u);
  EXPECT_EQ(report.overall.flips, 2u);
  EXPECT_DOUBLE_EQ(*report.overall.flip_rate.value, 0.4);
  EXPECT_NEAR(*report.overall.max_score_change.value, 0.15, 1e-12);
  EXPECT_NEAR(*report.overall.mean_score_change.value, 0.1, 1e-12);

  const auto* x = group_of(report, "x");
  const auto* y = group_of(report, "y");
  ASSERT_NE(x, nullptr);
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(x->attribute, "group");
  EXPECT_DOUBLE_EQ(*x->tally.flip_rate.value, 0.5);
  EXPECT_NEAR(*x->tally.mean_score_change.value, 0.125, 1e-12);
  EXPECT_DOUBLE_EQ(*y->tally.flip_rate.value, 1.0 / 3.0);
  EXPECT_NEAR(*y->tally.max_score_change.value, 0.15, 1e-12);
  EXPECT_NEAR(*y->tally.mean_score_change.value, 0.25 / 3.0, 1e-12);

  // Overall and two groups, each with the two keys acceptance criteria check.
  ASSERT_EQ(report.samples.size(), 6u);
  EXPECT_EQ(report.samples[0].key, kFlipRateKey);
  EXPECT_EQ(report.samples[0].scope.kind, ScopeKind::overall);
  EXPECT_EQ(report.samples[2].scope.kind, ScopeKind::group);
  EXPECT_EQ(report.samples[2].scope.group, "x");
}

TEST(RobustnessTest, ThePredictionColumnDecidesTheClassAndJsonNumbersEqualTheirText) {
  MonitorConfig config;
  config.columns.id = "id";
  config.columns.prediction = "decision";
  // Row 1: 1 and "1" are one class; row 2: approve -> decline flips; row 3: no prediction in the
  // perturbed row, so it is paired but not compared. 1 flip of 2 compared.
  const std::string original =
      "{\"id\":1,\"decision\":1}\n{\"id\":2,\"decision\":\"approve\"}\n"
      "{\"id\":3,\"decision\":\"approve\"}\n";
  const std::string perturbed =
      "{\"id\":1,\"decision\":\"1\"}\n{\"id\":2,\"decision\":\"decline\"}\n"
      "{\"id\":3,\"decision\":null}\n";
  const auto report = robustness_ok(original, perturbed, config);
  EXPECT_EQ(report.overall.pairs, 3u);
  EXPECT_EQ(report.overall.compared, 2u);
  EXPECT_DOUBLE_EQ(*report.overall.flip_rate.value, 0.5);
  EXPECT_FALSE(report.overall.max_score_change.value);
  EXPECT_EQ(report.overall.max_score_change.undefined_reason,
            "no pair has a numeric score in both logs");
}

TEST(RobustnessTest, ARegressionHasNoFlipRateButItsLargestChange) {
  MonitorConfig config;
  config.task = TaskType::regression;
  config.columns.id = "id";
  config.columns.prediction = "y";
  // |12.5 - 10| = 2.5 and |19 - 20| = 1: largest 2.5, mean 1.75.
  const auto report = robustness_ok("id,y\n1,10\n2,20\n", "id,y\n1,12.5\n2,19\n", config);
  EXPECT_FALSE(report.overall.flip_rate.value);
  EXPECT_EQ(report.overall.flip_rate.undefined_reason, "a regression model's outputs do not flip");
  EXPECT_DOUBLE_EQ(*report.overall.max_score_change.value, 2.5);
  EXPECT_DOUBLE_EQ(*report.overall.mean_score_change.value, 1.75);
}

TEST(RobustnessTest, AnIdTwiceInEitherLogIsRefusedNamingItsLine) {
  const auto config = scored_config();
  auto twice_original = evaluate_robustness(LogInput::memory("id,score,group\na,1,x\na,0,x\n"),
                                            LogInput::memory(kPerturbed), config);
  ASSERT_FALSE(twice_original);
  EXPECT_EQ(twice_original.error().code, ErrorCode::malformed);
  EXPECT_EQ(twice_original.error().message,
            "line 3: id 'a' appears more than once in the original log");

  auto twice_perturbed = evaluate_robustness(
      LogInput::memory(kOriginal), LogInput::memory("id,score,group\nb,1,x\nb,0,x\n"), config);
  ASSERT_FALSE(twice_perturbed);
  EXPECT_EQ(twice_perturbed.error().message,
            "line 3: id 'b' appears more than once in the perturbed log");
}

TEST(RobustnessTest, WithoutAnIdColumnTheLogsCannotBePaired) {
  auto config = scored_config();
  config.columns.id.clear();
  auto report =
      evaluate_robustness(LogInput::memory(kOriginal), LogInput::memory(kPerturbed), config);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(report.error().field, "columns.id");
}

// Many small blocks on several threads merge to what one thread reads in one block (the mean's sum
// may differ in its last bits, as it adds in another order).
TEST(RobustnessTest, ResultsDoNotDependOnBlocksOrThreads) {
  std::string original = "id,score,group\n";
  std::string perturbed = "id,score,group\n";
  for (int i = 0; i < 3000; ++i) {
    const double score = (i % 100) / 100.0;
    const double shifted = ((i * 7) % 100) / 100.0;
    const std::string group = i % 3 == 0 ? "a" : "b";
    original += std::to_string(i) + "," + std::to_string(score) + "," + group + "\n";
    perturbed += std::to_string(i) + "," + std::to_string(shifted) + "," + group + "\n";
  }
  RunOptions one;
  one.threads = 1;
  RunOptions many;
  many.threads = 4;
  many.block_bytes = 512;
  const auto a = robustness_ok(original, perturbed, scored_config(), one);
  const auto b = robustness_ok(original, perturbed, scored_config(), many);
  EXPECT_EQ(a.overall.pairs, 3000u);
  EXPECT_EQ(a.overall.flips, b.overall.flips);
  EXPECT_EQ(*a.overall.flip_rate.value, *b.overall.flip_rate.value);
  EXPECT_EQ(*a.overall.max_score_change.value, *b.overall.max_score_change.value);
  EXPECT_NEAR(*a.overall.mean_score_change.value, *b.overall.mean_score_change.value, 1e-12);
  ASSERT_EQ(a.groups.size(), 2u);
  ASSERT_EQ(b.groups.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(a.groups[i].group, b.groups[i].group);
    EXPECT_EQ(a.groups[i].tally.flips, b.groups[i].tally.flips);
    EXPECT_EQ(a.groups[i].tally.pairs, b.groups[i].tally.pairs);
  }
}

}  // namespace
}  // namespace aims::monitoring
