// Holding a management review: top management must attend, and the hold freezes the pack as a
// numbered version.
#include "review/fixture.h"

namespace aims::review::testing {
namespace {

class HoldTest : public ReviewTest {};

TEST_P(HoldTest, RefusedWithoutTopManagementWithTheReason) {
  const Record review = plan_review("Spring review");
  attend(review.id, approver_);  // an AIMS manager by platform role, but no top-management role
  auto held = hold_review(review.id, "2026-06-02");
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(held.error().field, "attendees");
  EXPECT_NE(held.error().message.find("top management must attend"), std::string::npos)
      << held.error().message;
  auto after = records::get(*db_, management_reviews(), alpha_.org, review.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, "planned");
  EXPECT_FALSE(after->is_set("input_pack"));
}

TEST_P(HoldTest, RefusedWhenTheExecutivesRoleHadEndedOrNotBegun) {
  const Record review = plan_review("Review before the appointment");
  attend(review.id, executive_);
  // The executive holds the role from 2025-01-01: a review held the day before has no top
  // management present.
  auto held = hold_review(review.id, "2024-12-31");
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().field, "attendees");
}

TEST_P(HoldTest, RefusedWithNoAttendeeRecorded) {
  const Record review = plan_review("Empty review");
  auto held = hold_review(review.id, "2026-06-02");
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().field, "attendees");
}

TEST_P(HoldTest, HeldWithTheExecutivePresentFreezesVersionOne) {
  const Record review = plan_review("Spring review");
  attend(review.id, approver_);
  attend(review.id, executive_);
  auto held = hold_review(review.id, "2026-06-02");
  ASSERT_TRUE(held.ok()) << held.error().message;
  EXPECT_TRUE(held->moved);
  EXPECT_EQ(held->record.state, "held");
  EXPECT_EQ(held->record.frozen, 1);
  EXPECT_EQ(held->record.text("held_on"), "2026-06-02");
  for (const auto& heading : pack_sections())
    EXPECT_NE(held->record.text("input_pack").find("\n## " + heading + "\n"), std::string::npos)
        << heading;
}

TEST_P(HoldTest, ThePlatformsOwnTransitionCannotHoldWithoutCompilingThePack) {
  const Record review = plan_review("Spring review");
  attend(review.id, executive_);
  records::TransitionRequest move{.name = "hold", .expected_version = review.version};
  move.values.values = {{"held_on", "2026-06-02"s}, {"minutes", "By hand"s}};
  auto moved =
      records::transition(*db_, management_reviews(), alpha_.org, review.id, move, author_);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, ErrorCode::failed_precondition);
}

TEST_P(HoldTest, TheChairCannotApproveTheMinutesButAnotherManagerCan) {
  const Record review = plan_review("Spring review");
  attend(review.id, executive_);
  auto held = hold_review(review.id, "2026-06-02");
  ASSERT_TRUE(held.ok()) << held.error().message;
  const records::TransitionRequest approve{.name = "approve_minutes",
                                           .expected_version = held->record.version};
  // The owner chairs the review (its responsible person).
  auto by_chair =
      records::transition(*db_, management_reviews(), alpha_.org, review.id, approve, owner_);
  ASSERT_FALSE(by_chair.ok());
  EXPECT_EQ(by_chair.error().code, ErrorCode::permission_denied);
  auto by_other =
      records::transition(*db_, management_reviews(), alpha_.org, review.id, approve, approver_);
  ASSERT_TRUE(by_other.ok()) << by_other.error().message;
  EXPECT_EQ(by_other->record.state, "approved");
  EXPECT_EQ(by_other->record.frozen, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, HoldTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::review::testing
