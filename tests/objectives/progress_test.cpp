// Progress and verdicts with numbers worked out by hand: both directions, the straight line from
// start to due, past due, no data and achieved.
#include "objectives/progress.h"

#include <gtest/gtest.h>

namespace aims::objectives {
namespace {

// 2027-01-01 to 2027-12-31 is 364 days; 2027-07-02 is 182 days in: 50 % expected.
constexpr const char* kHalfway = "2027-07-02";

Plan raise_fairness() {
  return {.baseline = 0.70,
          .target = 0.85,
          .direction = Direction::at_least,
          .start = "2027-01-01",
          .due = "2027-12-31"};
}

// A percentage to reach from 0 to 100: round numbers, so the verdict's boundaries are exact.
Plan percent_plan() {
  Plan p = raise_fairness();
  p.baseline = 0;
  p.target = 100;
  return p;
}

Plan lower_drift() {
  return {.baseline = 20,
          .target = 10,
          .direction = Direction::at_most,
          .start = "2027-01-01",
          .due = "2027-12-31"};
}

TEST(Progress, OnTrackWhenAheadOfTheStraightLine) {
  // (0.79 - 0.70) / (0.85 - 0.70) = 0.09 / 0.15 = 60 % of the way; 50 % expected.
  const Progress p = progress(raise_fairness(), {{"2027-06-30", 0.79}}, kHalfway);
  ASSERT_TRUE(p.latest);
  EXPECT_EQ(p.latest->date, "2027-06-30");
  EXPECT_DOUBLE_EQ(p.latest->value, 0.79);
  EXPECT_NEAR(*p.percent_done, 60, 1e-9);
  EXPECT_DOUBLE_EQ(p.percent_expected, 50);
  EXPECT_EQ(p.verdict, Verdict::on_track);
  EXPECT_EQ(sentence(raise_fairness(), p, ""),
            "On track: 0.79 of a 0.85 target, 60 % of the way; 50 % expected by today.");
}

TEST(Progress, TenPointsBelowTheLineIsStillOnTrackAndMoreIsBehind) {
  EXPECT_EQ(progress(percent_plan(), {{"2027-06-01", 40}}, kHalfway).verdict, Verdict::on_track);
  EXPECT_EQ(progress(percent_plan(), {{"2027-06-01", 39}}, kHalfway).verdict, Verdict::behind);
  // 30 points below is behind; 31 off track.
  EXPECT_EQ(progress(percent_plan(), {{"2027-06-01", 20}}, kHalfway).verdict, Verdict::behind);
  EXPECT_EQ(progress(percent_plan(), {{"2027-06-01", 19}}, kHalfway).verdict, Verdict::off_track);
}

TEST(Progress, BehindWithTheUnitInTheSentence) {
  // (0.745 - 0.70) / 0.15 = 30 % of the way, 20 points below the 50 % expected.
  const Progress p = progress(raise_fairness(), {{"2027-06-30", 0.745}}, kHalfway);
  EXPECT_NEAR(*p.percent_done, 30, 1e-9);
  EXPECT_EQ(p.verdict, Verdict::behind);
  EXPECT_EQ(sentence(raise_fairness(), p, "ratio"),
            "Behind: 0.745 ratio of a 0.85 ratio target, 30 % of the way; 50 % expected by "
            "today.");
}

TEST(Progress, WorseThanTheBaselineIsNoWayAtAll) {
  const Progress p = progress(raise_fairness(), {{"2027-06-30", 0.64}}, kHalfway);
  EXPECT_DOUBLE_EQ(*p.percent_done, 0);
  EXPECT_EQ(p.verdict, Verdict::off_track);  // 50 points below the line
}

TEST(Progress, LowerIsBetter) {
  // (16 - 20) / (10 - 20) = 40 % of the way, exactly 10 below the line: on track.
  const Progress p = progress(lower_drift(), {{"2027-06-01", 16}}, kHalfway);
  EXPECT_DOUBLE_EQ(*p.percent_done, 40);
  EXPECT_EQ(p.verdict, Verdict::on_track);
  EXPECT_EQ(sentence(lower_drift(), p, "%"),
            "On track: 16 % against a target of at most 10 %, 40 % of the way; 50 % expected by "
            "today.");
  // Rising instead of falling: no way at all.
  EXPECT_DOUBLE_EQ(*progress(lower_drift(), {{"2027-06-01", 25}}, kHalfway).percent_done, 0);
  // At or under the target is achieved.
  const Progress done = progress(lower_drift(), {{"2027-06-01", 10}}, kHalfway);
  EXPECT_EQ(done.verdict, Verdict::achieved);
  EXPECT_DOUBLE_EQ(*done.percent_done, 100);
}

TEST(Progress, AchievedWhenTheLatestValueMeetsTheTarget) {
  const Progress p = progress(raise_fairness(), {{"2027-03-01", 0.86}}, kHalfway);
  EXPECT_EQ(p.verdict, Verdict::achieved);
  EXPECT_DOUBLE_EQ(*p.percent_done, 100);
  EXPECT_EQ(sentence(raise_fairness(), p, ""),
            "Achieved: 0.86 of a 0.85 target, measured on 2027-03-01.");
}

TEST(Progress, TheLatestIsByDateAndTheFirstIsTheBaselineWhenNoneIsGiven) {
  Plan plan = raise_fairness();
  plan.baseline.reset();
  // Given out of order: 0.75 on 2027-06-30 is the latest, 0.60 on 2027-01-15 the baseline.
  // (0.75 - 0.60) / (0.85 - 0.60) = 0.15 / 0.25 = 60 %.
  const Progress p =
      progress(plan, {{"2027-06-30", 0.75}, {"2027-01-15", 0.60}, {"2027-03-31", 0.70}}, kHalfway);
  EXPECT_EQ(p.latest->date, "2027-06-30");
  EXPECT_NEAR(*p.percent_done, 60, 1e-9);
  EXPECT_EQ(p.verdict, Verdict::on_track);
}

TEST(Progress, PastDueWithoutReachingTheTargetIsOffTrack) {
  // 0.84 is 93 % of the way, but the due date has passed.
  const Progress p = progress(raise_fairness(), {{"2027-12-20", 0.84}}, "2028-01-05");
  EXPECT_TRUE(p.past_due);
  EXPECT_DOUBLE_EQ(p.percent_expected, 100);
  EXPECT_EQ(p.verdict, Verdict::off_track);
  EXPECT_EQ(sentence(raise_fairness(), p, ""),
            "Off track: due 2027-12-31 and not reached; 0.84 of a 0.85 target, 93 % of the way.");
  // Reached, even late, is achieved.
  EXPECT_EQ(progress(raise_fairness(), {{"2028-01-02", 0.9}}, "2028-01-05").verdict,
            Verdict::achieved);
}

TEST(Progress, NoDataYet) {
  const Progress p = progress(raise_fairness(), {}, kHalfway);
  EXPECT_FALSE(p.latest);
  EXPECT_FALSE(p.percent_done);
  EXPECT_EQ(p.verdict, Verdict::no_data);
  EXPECT_EQ(sentence(raise_fairness(), p, ""),
            "No data yet: nothing measured so far; 50 % of the time to the due date has passed.");
  const Progress late = progress(raise_fairness(), {}, "2028-01-01");
  EXPECT_EQ(late.verdict, Verdict::off_track);
  EXPECT_EQ(sentence(raise_fairness(), late, ""), "Off track: due 2027-12-31 and never measured.");
}

TEST(Progress, NothingIsExpectedBeforeTheStart) {
  const Progress p = progress(raise_fairness(), {{"2026-12-01", 0.70}}, "2026-12-15");
  EXPECT_DOUBLE_EQ(p.percent_expected, 0);
  EXPECT_EQ(p.verdict, Verdict::on_track);
}

}  // namespace
}  // namespace aims::objectives
