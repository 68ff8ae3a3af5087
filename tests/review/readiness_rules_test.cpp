// The readiness rules for 9.1 and 9.3.1 to 9.3.3, judged on fixed days; each expected status is
// worked out by hand from the records written.
#include "review/readiness_rules.h"

#include "review/fixture.h"

namespace aims::review::testing {
namespace {

using readiness::Status;

class ReviewReadinessTest : public ReviewTest {
 protected:
  Record held(const std::string& held_on) {
    const Record review = plan_review("Review of " + held_on, held_on);
    attend(review.id, executive_);
    auto outcome = hold_review(review.id, held_on);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    return outcome.ok() ? outcome->record : Record{};
  }
};

TEST_P(ReviewReadinessTest, NothingHeldIsNotMetForEachReviewRequirement) {
  plan_review("Planned only", "2026-06-01");
  for (auto rule : {held_rule(*db_, alpha_.org, "2026-05-01"), inputs_rule(*db_, alpha_.org),
                    outputs_rule(*db_, alpha_.org, "2026-05-01")}) {
    ASSERT_TRUE(rule.ok());
    EXPECT_EQ(rule->status, Status::not_met);
    EXPECT_EQ(rule->reason, "No management review has been held yet.");
  }
}

TEST_P(ReviewReadinessTest, HeldWithinTwelveMonthsOrTheNextNotYetOverdue) {
  held("2026-01-10");
  // 2026-01-10 to 2026-12-01 is 325 days: within the interval.
  auto within = held_rule(*db_, alpha_.org, "2026-12-01");
  ASSERT_TRUE(within.ok());
  EXPECT_EQ(within->status, Status::met);
  // 2026-01-10 to 2027-02-01 is 387 days, and nothing is planned: a gap.
  auto late = held_rule(*db_, alpha_.org, "2027-02-01");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->status, Status::partial);
  // A review planned for 2027-03-01 is not overdue on 2027-02-01.
  plan_review("Next review", "2027-03-01");
  auto planned = held_rule(*db_, alpha_.org, "2027-02-01");
  ASSERT_TRUE(planned.ok());
  EXPECT_EQ(planned->status, Status::met);
  EXPECT_EQ(planned->reason,
            "The last management review was held on 2026-01-10, and the next is planned for "
            "2027-03-01.");
  // On 2027-03-02 it is overdue too.
  auto overdue = held_rule(*db_, alpha_.org, "2027-03-02");
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(overdue->status, Status::partial);
}

TEST_P(ReviewReadinessTest, TheFrozenPackHasEveryInput) {
  held("2026-01-10");
  auto rule = inputs_rule(*db_, alpha_.org);
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(rule->status, Status::met);
  EXPECT_EQ(rule->reason,
            "The input pack of the review held on 2026-01-10 was frozen with all 10 inputs, "
            "compiled from the records.");
}

TEST_P(ReviewReadinessTest, OutputsAreActionsWithNoneOverdue) {
  const Record review = held("2026-01-10");
  auto none = outputs_rule(*db_, alpha_.org, "2026-02-01");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->status, Status::partial);  // no decision recorded as an action
  add_action(review.id, "Fund a validator", "2026-03-01");
  add_action(review.id, "Extend the scope", "2026-06-01");
  auto on_time = outputs_rule(*db_, alpha_.org, "2026-02-01");
  ASSERT_TRUE(on_time.ok());
  EXPECT_EQ(on_time->status, Status::met);
  EXPECT_EQ(on_time->reason,
            "2 decisions of the review held on 2026-01-10 are actions with an owner and a due "
            "date; none is overdue.");
  // On 2026-04-01 the first is a month past its due date.
  auto late = outputs_rule(*db_, alpha_.org, "2026-04-01");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->status, Status::partial);
  ASSERT_EQ(late->links.size(), 1u);
  EXPECT_EQ(late->links.front().label, "Fund a validator");
}

TEST_P(ReviewReadinessTest, MonitoringAndMeasurementNeedsSomethingMeasuredRecently) {
  auto nothing = monitoring_rule(*db_, alpha_.org, "2027-03-01T00:00:00.000000Z");
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->status, Status::not_met);
  // An active objective measured on 2027-02-01.
  const Record o = add_objective("Complaints answered within a week");
  ASSERT_TRUE(measure(o.id, "2027-02-01", 50).ok());
  auto fresh = records::get(*db_, objectives::objectives(), alpha_.org, o.id);
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(records::transition(*db_, objectives::objectives(), alpha_.org, o.id,
                                  {.name = "activate", .expected_version = fresh->version}, author_)
                  .ok());
  // 2027-02-01 to 2027-03-01 is 28 days: measured within 92 days.
  auto measured = monitoring_rule(*db_, alpha_.org, "2027-03-01T00:00:00.000000Z");
  ASSERT_TRUE(measured.ok());
  EXPECT_EQ(measured->status, Status::met);
  // 2027-02-01 to 2027-06-01 is 120 days: too long ago.
  auto stale = monitoring_rule(*db_, alpha_.org, "2027-06-01T00:00:00.000000Z");
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->status, Status::partial);
  ASSERT_EQ(stale->links.size(), 1u);
  EXPECT_EQ(stale->links.front().label, "Complaints answered within a week");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::review::testing
