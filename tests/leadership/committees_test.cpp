// The committee's records, on both backends: a seat and a meeting without a title are named by
// what they join, and the committee's next meeting (the chair's due date) is the one its latest
// meeting planned.
#include <gtest/gtest.h>

#include "leadership/fixture.h"

namespace aims::leadership {
namespace {

using records::Record;
using testing::date_in;
using namespace std::string_literals;

class CommitteesTest : public testing::LeadershipTest {
 protected:
  std::string next_meeting(int64_t committee) {
    auto c = records::get(*db_, committees(), alpha_.org, committee);
    EXPECT_TRUE(c.ok());
    return c.ok() ? c->text("next_meeting") : "";
  }
};

TEST_P(CommitteesTest, SeatsAndMeetingsAreNamedByWhatTheyJoin) {
  const int64_t committee = add_committee("AI governance committee");
  const auto seat = add(committee_members(),
                        {{"committee_id", committee}, {"person_id", secretary_.user_id.value()}});
  EXPECT_EQ(seat.text("title"), "Sam Secretary, AI governance committee");
  EXPECT_EQ(seat.text("seat"), "member");
  const auto meeting =
      add(committee_meetings(), {{"committee_id", committee}, {"held_on", "2026-11-02"s}});
  EXPECT_EQ(meeting.text("title"), "AI governance committee, 2026-11-02");
}

TEST_P(CommitteesTest, TheNextMeetingIsTheOneTheLatestMeetingPlanned) {
  const int64_t committee = add_committee("AI governance committee");
  EXPECT_EQ(next_meeting(committee), "");
  add(committee_meetings(),
      {{"committee_id", committee}, {"held_on", date_in(-90)}, {"next_meeting", date_in(-5)}});
  EXPECT_EQ(next_meeting(committee), date_in(-5));
  // The meeting held then plans the next: the passed date is no longer anyone's work.
  const auto latest =
      add(committee_meetings(),
          {{"committee_id", committee}, {"held_on", date_in(-5)}, {"next_meeting", date_in(85)}});
  EXPECT_EQ(next_meeting(committee), date_in(85));
  // An older meeting recorded late does not move it back.
  add(committee_meetings(),
      {{"committee_id", committee}, {"held_on", date_in(-180)}, {"next_meeting", date_in(-90)}});
  EXPECT_EQ(next_meeting(committee), date_in(85));
  // The next meeting must come after the one that plans it.
  Record earlier;
  earlier.values = {{"next_meeting", date_in(-6)}};
  auto refused = records::update(*db_, committee_meetings(), alpha_.org, latest.id, earlier,
                                 latest.version, secretary_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "next_meeting");
}

INSTANTIATE_TEST_SUITE_P(Backends, CommitteesTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::leadership
