// The communication plan and the communications made (src/context/communications.cpp): when a
// plan item is next due after a communication (each frequency, month ends and leap days), that
// date written on the item with its audit event when a communication is recorded, a later due date
// kept, a one-off item due no more, what a communication takes from its plan item, and a
// communication dated ahead refused with the plan left as it was.
//
// Every date is worked out by hand: a month on from 31 January is the last day of February, so
// 2026-01-31 + 1 month = 2026-02-28 and 2024-02-29 + 12 months = 2025-02-28.
#include <gtest/gtest.h>

#include "context/fixture.h"

namespace aims::context::testing {
namespace {

TEST(NextDueAfter, AddsTheFrequencyKeepingTheDayOrTheMonthsLast) {
  EXPECT_EQ(next_due_after("monthly", "2025-12-15"), "2026-01-15");
  EXPECT_EQ(next_due_after("monthly", "2026-01-31"), "2026-02-28");
  EXPECT_EQ(next_due_after("quarterly", "2025-11-30"), "2026-02-28");
  EXPECT_EQ(next_due_after("quarterly", "2026-01-15"), "2026-04-15");
  EXPECT_EQ(next_due_after("twice_a_year", "2025-08-31"), "2026-02-28");
  EXPECT_EQ(next_due_after("yearly", "2024-02-29"), "2025-02-28");
  EXPECT_EQ(next_due_after("yearly", "2026-06-30"), "2027-06-30");
}

TEST(NextDueAfter, IrregularFrequenciesAndNonDatesHaveNone) {
  EXPECT_EQ(next_due_after("once", "2026-01-15"), std::nullopt);
  EXPECT_EQ(next_due_after("on_event", "2026-01-15"), std::nullopt);
  EXPECT_EQ(next_due_after("monthly", "15 January"), std::nullopt);
}

class CommunicationsTest : public ContextTest {
 protected:
  // The plan item's audit events, newest first.
  std::vector<trail::Event> events_of(int64_t item) {
    auto list = db_->read([&](store::Tx& tx) {
      return trail::list(
          tx, alpha_.org,
          {.entity_type = "communication_plan_item", .entity_id = item, .limit = 10});
    });
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<trail::Event>{};
  }
};

TEST_P(CommunicationsTest, RecordingACommunicationMovesThePlanItemOnByItsFrequency) {
  const Record board =
      plan_item("AIMS performance to the board", "quarterly", {{"next_due", "2025-12-31"s}});
  ASSERT_EQ(events_of(board.id).size(), 1u);  // created

  // Made on 30 November: next due three months on, 28 February (no 30 February).
  auto made = communicate("Q4 AIMS report", board.id, "2025-11-30");
  ASSERT_TRUE(made.ok()) << why(made);
  EXPECT_EQ(next_due(board.id), "2026-02-28");
  const auto events = events_of(board.id);
  ASSERT_EQ(events.size(), 2u);  // the move is in the trail, written by the same person
  EXPECT_NE(events.front().changes.find("2026-02-28"), std::string::npos) << events.front().changes;
  EXPECT_EQ(events.front().actor_id, manager_id());

  // The next one follows the new date: 20 April + 3 months = 20 July.
  ASSERT_TRUE(communicate("Q1 AIMS report", board.id, "2026-04-20").ok());
  EXPECT_EQ(next_due(board.id), "2026-07-20");
}

TEST_P(CommunicationsTest, AnItemWithNoNextDueGetsOne) {
  const Record bulletin = plan_item("AI bulletin to staff", "monthly");
  EXPECT_EQ(next_due(bulletin.id), "");
  ASSERT_TRUE(communicate("January bulletin", bulletin.id, "2025-01-31").ok());
  EXPECT_EQ(next_due(bulletin.id), "2025-02-28");
}

TEST_P(CommunicationsTest, ALaterDueDateAlreadySetIsKept) {
  // Made on 15 September 2025, a year on is 15 September 2026: before the 30 June 2027 set.
  const Record report =
      plan_item("Public AI transparency report", "yearly", {{"next_due", "2027-06-30"s}});
  ASSERT_TRUE(communicate("2025 transparency report", report.id, "2025-09-15").ok());
  EXPECT_EQ(next_due(report.id), "2027-06-30");
  EXPECT_EQ(events_of(report.id).size(), 1u);  // nothing written on the item
}

TEST_P(CommunicationsTest, AOneOffItemIsDueNoMoreOnceMadeAndAnEventItemIsLeftAlone) {
  const Record launch =
      plan_item("Launch notice of the triage aid", "once", {{"next_due", "2025-10-01"s}});
  ASSERT_TRUE(communicate("Triage aid launch notice", launch.id, "2025-10-01").ok());
  EXPECT_EQ(next_due(launch.id), "");

  // Made early for a one-off planned later (a second notice): the plan's date stands.
  const Record rollout =
      plan_item("Rollout notice to branches", "once", {{"next_due", "2026-03-01"s}});
  ASSERT_TRUE(communicate("Early rollout notice", rollout.id, "2025-10-01").ok());
  EXPECT_EQ(next_due(rollout.id), "2026-03-01");

  const Record incident = plan_item("Serious incident notice to the supervisor", "on_event",
                                    {{"next_due", "2025-10-01"s}});
  ASSERT_TRUE(communicate("Incident notice", incident.id, "2025-11-01").ok());
  EXPECT_EQ(next_due(incident.id), "2025-10-01");
}

TEST_P(CommunicationsTest, AnInactiveItemIsDueForNobody) {
  const Record retired =
      plan_item("Old newsletter", "monthly", {{"next_due", "2025-10-01"s}, {"active", false}});
  EXPECT_EQ(next_due(retired.id), "");
  ASSERT_TRUE(communicate("Last newsletter", retired.id, "2025-09-01").ok());
  EXPECT_EQ(next_due(retired.id), "");
}

TEST_P(CommunicationsTest, ACommunicationTakesAudienceAndChannelFromItsPlanItemUnlessGiven) {
  const int64_t board = party("Board of directors", {{"party_type", "investor_board"s}}).id;
  const Record item = plan_item("AIMS performance to the board", "quarterly",
                                {{"party_ids", records::Ids{board}},
                                 {"audience", "Board risk committee"s},
                                 {"channel", "report"s}});
  auto made = communicate("Q4 AIMS report", item.id, "2025-11-30");
  ASSERT_TRUE(made.ok()) << why(made);
  EXPECT_EQ(made->ids("party_ids"), records::Ids{board});
  EXPECT_EQ(made->text("audience"), "Board risk committee");
  EXPECT_EQ(made->text("channel"), "report");
  EXPECT_EQ(made->number("made_by_id"), manager_id());

  auto given = communicate("Board briefing", item.id, "2025-12-05",
                           {{"channel", "meeting"s}, {"made_by_id", alpha_.users[0]}});
  ASSERT_TRUE(given.ok()) << why(given);
  EXPECT_EQ(given->text("channel"), "meeting");
  EXPECT_EQ(given->number("made_by_id"), alpha_.users[0]);
}

TEST_P(CommunicationsTest, ACommunicationDatedAheadIsRefusedAndThePlanStaysAsItWas) {
  const Record item = plan_item("AI bulletin to staff", "monthly", {{"next_due", "2025-10-01"s}});
  auto ahead = communicate("Tomorrow's bulletin", item.id, date_in(1));
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().field, "made_on");
  EXPECT_EQ(next_due(item.id), "2025-10-01");
  // Today is fine.
  EXPECT_TRUE(communicate("Today's bulletin", item.id, date_in(0)).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, CommunicationsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::context::testing
