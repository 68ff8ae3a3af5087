// The resources registers' rules and the resource plan's approval on both backends: top
// management approves, never the plan's owner or author, and not someone outside top management
// whatever their role in aims.
#include <gmock/gmock.h>

#include "resources/fixture.h"

namespace aims::resources::testing {
namespace {

using ::testing::HasSubstr;

class ResourceRegisterTest : public ResourcesTest {};

TEST_P(ResourceRegisterTest, AToolsNextReviewMustFollowItsLastReview) {
  auto refused = create(tools(),
                        {{"name", "MLflow"s},
                         {"category", "mlops"s},
                         {"owner_id", owner_.user_id.value()},
                         {"last_reviewed_on", "2026-06-01"s},
                         {"next_review_on", "2026-06-01"s}},
                        author_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields_of(refused.error()), std::set<std::string>{"next_review_on"});
  EXPECT_TRUE(create(tools(),
                     {{"name", "MLflow"s},
                      {"category", "mlops"s},
                      {"tool_version", "2.16.2"s},
                      {"owner_id", owner_.user_id.value()},
                      {"last_reviewed_on", "2026-06-01"s},
                      {"next_review_on", "2026-12-01"s}},
                     author_)
                  .ok());
}

TEST_P(ResourceRegisterTest, AnEnergyEstimateNeedsItsMethod) {
  const Values estimate = {{"name", "GPU node"s},
                           {"kind", "on_premises"s},
                           {"owner_id", owner_.user_id.value()},
                           {"energy_kwh_per_month", 255.5}};
  auto refused = create(compute_resources(), estimate, author_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields_of(refused.error()), std::set<std::string>{"estimate_method"});
  Values with_method = estimate;
  with_method["estimate_method"] = "Metered at the PDU: 350 W x 730 h"s;
  const Record created = must(create(compute_resources(), with_method, author_));
  EXPECT_DOUBLE_EQ(created.decimal("energy_kwh_per_month").value_or(0), 255.5);
}

TEST_P(ResourceRegisterTest, APlanMustEndAfterItStartsAndNameItsBudgetsCurrency) {
  auto refused = create(resource_plans(),
                        {{"title", "Backwards"s},
                         {"period_start", "2027-12-31"s},
                         {"period_end", "2027-01-01"s},
                         {"owner_id", owner_.user_id.value()},
                         {"budget", 1000.0}},
                        author_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields_of(refused.error()), (std::set<std::string>{"period_end", "currency"}));
}

TEST_P(ResourceRegisterTest, OnlyTopManagementOtherThanTheOwnerApprovesAPlan) {
  // A viewer account: executives approve from a read-only seat.
  const records::Caller sponsor =
      add_person("sponsor@alpha.test", auth::Role::viewer, "Sam Sponsor");
  make_top_management(sponsor.user_id.value(), "Executive sponsor");
  make_top_management(owner_.user_id.value(), "Chief risk officer");
  const Record plan = add_plan("AIMS resources 2027", "2027-01-01", "2027-12-31");
  ASSERT_TRUE(move(plan.id, "submit", author_).ok());

  // The owner holds top management too, but owns the plan.
  auto by_owner = move(plan.id, "approve", owner_);
  ASSERT_FALSE(by_owner.ok());
  EXPECT_EQ(by_owner.error().code, ErrorCode::permission_denied);
  EXPECT_THAT(by_owner.error().message, HasSubstr("separation of duties"));

  // An AIMS manager outside top management may not either.
  auto by_manager = move(plan.id, "approve", approver_);
  ASSERT_FALSE(by_manager.ok());
  EXPECT_EQ(by_manager.error().code, ErrorCode::permission_denied);
  EXPECT_THAT(by_manager.error().message, HasSubstr("top management"));

  auto by_sponsor = move(plan.id, "approve", sponsor);
  ASSERT_TRUE(by_sponsor.ok()) << by_sponsor.error().message;
  EXPECT_TRUE(by_sponsor->moved);
  EXPECT_EQ(by_sponsor->record.state, "approved");
  EXPECT_EQ(by_sponsor->record.frozen, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResourceRegisterTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::resources::testing
