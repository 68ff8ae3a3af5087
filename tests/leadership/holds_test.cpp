// A committee's hold on AI systems, on both backends: placed by a decision of kind "place a hold"
// (which must name a system and say why), visible through holds_on, lifted only by someone who may
// approve records and with a reason that the audit trail keeps, and never lifted by an edit.
#include <gtest/gtest.h>

#include "leadership/fixture.h"

namespace aims::leadership {
namespace {

using records::Record;
using testing::date_in;
using testing::fields_of;
using namespace std::string_literals;

class HoldsTest : public testing::LeadershipTest {
 protected:
  void SetUp() override {
    LeadershipTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    committee_ = add_committee("AI governance committee");
  }
  int64_t committee_ = 0;
};

TEST_P(HoldsTest, AHoldNamesASystemAndSaysWhy) {
  auto refused = create(committee_decisions(), decision(committee_, "place_hold", {}, ""));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(fields_of(refused.error()), (std::set<std::string>{"system_ids", "rationale"}));
  // Other kinds of decision need neither.
  EXPECT_TRUE(create(committee_decisions(), decision(committee_, "other", {}, "")).ok());
}

TEST_P(HoldsTest, OnlyACommitteeWithTheAuthorityToHaltReleasesPlacesAHold) {
  testing::Values advisory = {{"name", "Ethics advisory board"s},
                              {"chair_id", secretary_.user_id.value()},
                              {"may_halt_releases", false}};
  const int64_t board = add(committees(), advisory).id;
  auto refused = create(committee_decisions(), decision(board, "place_hold", {system_}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "kind");
  EXPECT_TRUE(holds(system_).empty());
  // It may still record other decisions about the system.
  EXPECT_TRUE(create(committee_decisions(), decision(board, "other", {system_})).ok());
}

TEST_P(HoldsTest, ArchivingAHoldDoesNotLiftIt) {
  const auto hold = add(committee_decisions(), decision(committee_, "place_hold", {system_}));
  auto archived = records::archive(*db_, committee_decisions(), alpha_.org, hold.id, admin_);
  ASSERT_TRUE(archived.ok()) << archived.error().message;
  auto held = holds(system_);
  ASSERT_EQ(held.size(), 1u) << "only the lift step, with its reason, ends a hold";
  EXPECT_EQ(held[0].decision_id, hold.id);
}

TEST_P(HoldsTest, AHoldIsInForceUntilLiftedAndTheLiftIsInTheTrail) {
  EXPECT_TRUE(holds(system_).empty());
  const auto hold = add(committee_decisions(), decision(committee_, "place_hold", {system_}));
  // An approval on the same system is no hold.
  add(committee_decisions(), decision(committee_, "approve", {system_}));

  auto held = holds(system_);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].decision_id, hold.id);
  EXPECT_EQ(held[0].title, "Decision place_hold");
  EXPECT_EQ(held[0].committee, "AI governance committee");
  EXPECT_EQ(held[0].decided_on, date_in(0));
  EXPECT_EQ(held[0].rationale, "Validation found unfair outcomes");

  // A contributor may record decisions but not lift a hold; a lift needs its reason.
  auto by_contributor = lift(hold.id, contributor_, "Fixed");
  ASSERT_FALSE(by_contributor.ok());
  EXPECT_EQ(by_contributor.error().code, ErrorCode::permission_denied);
  auto without_reason = lift(hold.id, admin_, "");
  ASSERT_FALSE(without_reason.ok());
  EXPECT_EQ(without_reason.error().field, "reason");
  EXPECT_EQ(holds(system_).size(), 1u);

  auto lifted = lift(hold.id, admin_, "Retest passed after the ranking was reworked");
  ASSERT_TRUE(lifted.ok()) << lifted.error().message;
  EXPECT_TRUE(lifted->moved);
  EXPECT_TRUE(holds(system_).empty());

  bool in_trail = false;
  for (const auto& e : events_of("committee_decision", hold.id)) {
    if (e.action != "transition") continue;
    in_trail = e.actor_label == "owner@alpha.test" &&
               e.changes.find("Retest passed after the ranking was reworked") != std::string::npos;
  }
  EXPECT_TRUE(in_trail);
}

TEST_P(HoldsTest, OnlyAHoldIsLifted) {
  const auto approval = add(committee_decisions(), decision(committee_, "approve", {system_}));
  auto refused = lift(approval.id, admin_, "No reason to lift an approval");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
}

TEST_P(HoldsTest, AnEditNeverLiftsAHoldInForce) {
  const int64_t other =
      must_create(alpha_.org, inventory::ai_systems(), system("Fraud detector", alpha_.users[0]));
  const auto hold =
      add(committee_decisions(), decision(committee_, "place_hold", {system_, other}));
  auto edit = [&](const testing::Values& values) {
    Record changes;
    changes.values = values;
    const Record now = *records::get(*db_, committee_decisions(), alpha_.org, hold.id);
    return records::update(*db_, committee_decisions(), alpha_.org, hold.id, changes, now.version,
                           secretary_);
  };
  auto kind_changed = edit({{"kind", "other"s}});
  ASSERT_FALSE(kind_changed.ok());
  EXPECT_EQ(kind_changed.error().field, "kind");
  auto system_dropped = edit({{"system_ids", records::Ids{other}}});
  ASSERT_FALSE(system_dropped.ok());
  EXPECT_EQ(system_dropped.error().field, "system_ids");
  EXPECT_EQ(holds(system_).size(), 1u);
  // Adding a system holds it too; the rationale may be reworded.
  const int64_t third =
      must_create(alpha_.org, inventory::ai_systems(), system("Chat assistant", alpha_.users[0]));
  ASSERT_TRUE(
      edit({{"system_ids", records::Ids{system_, other, third}}, {"rationale", "Reworded"s}}).ok());
  ASSERT_EQ(holds(third).size(), 1u);
  EXPECT_EQ(holds(third)[0].rationale, "Reworded");
}

TEST_P(HoldsTest, AnotherOrganisationsSystemHasNoHold) {
  add(committee_decisions(), decision(committee_, "place_hold", {system_}));
  auto beta = holds_on(*db_, beta_.org, system_);
  ASSERT_TRUE(beta.ok());
  EXPECT_TRUE(beta->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, HoldsTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::leadership
