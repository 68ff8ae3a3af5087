// The input pack: frozen when the review is held and unchanged after the records move on, and
// carrying an earlier review's actions into the next one.
#include "base/time.h"
#include "review/fixture.h"

namespace aims::review::testing {
namespace {

class PackTest : public ReviewTest {
 protected:
  // The text of one section of a pack, up to the next heading.
  static std::string section(const std::string& pack, const std::string& heading) {
    const auto from = pack.find("\n## " + heading + "\n");
    if (from == std::string::npos) return "";
    const auto to = pack.find("\n## ", from + 1);
    return pack.substr(from, to == std::string::npos ? std::string::npos : to - from);
  }

  Record held(const std::string& title, const std::string& held_on) {
    const Record review = plan_review(title, held_on);
    attend(review.id, executive_);
    auto outcome = hold_review(review.id, held_on);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    return outcome.ok() ? outcome->record : Record{};
  }
};

TEST_P(PackTest, TheFrozenPackIsIdenticalWhenReReadAfterTheLiveDataChanged) {
  add_objective("Halve the time to answer a complaint");
  const Record review = held("Spring review", "2026-06-02");
  const std::string frozen = review.text("input_pack");
  ASSERT_NE(section(frozen, "Objectives' progress").find("Halve the time"), std::string::npos);

  // The records move on: a new objective and an action of this review.
  add_objective("Every model card reviewed yearly");
  add_action(review.id, "Hire a second validator", "2099-01-01");

  auto again = records::get(*db_, management_reviews(), alpha_.org, review.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->text("input_pack"), frozen);
  auto v1 = records::version(*db_, management_reviews(), alpha_.org, review.id, 1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->snapshot.text("input_pack"), frozen);
  // The live pack would have changed: the new objective is in it, the frozen one does not know it.
  auto live = compile_pack(*db_, alpha_.org, *again, now_timestamp());
  ASSERT_TRUE(live.ok());
  EXPECT_NE(live->find("Every model card reviewed yearly"), std::string::npos);
  EXPECT_EQ(frozen.find("Every model card reviewed yearly"), std::string::npos);
}

TEST_P(PackTest, ActionsOfAnEarlierReviewAppearInTheNextPack) {
  const Record spring = held("Spring review", "2026-03-02");
  add_action(spring.id, "Hire a second validator", "2099-01-01");
  add_action(spring.id, "Publish the AI policy", "2020-01-01");  // long past: overdue
  const Record autumn = plan_review("Autumn review", "2026-09-01");
  add_action(autumn.id, "Not this review's input", "2099-01-01");

  auto pack = compile_pack(*db_, alpha_.org, autumn, now_timestamp());
  ASSERT_TRUE(pack.ok()) << pack.error().message;
  const std::string earlier = section(*pack, "Actions from earlier reviews");
  // Worked out by hand: two open actions of the spring review, one of them past its due date.
  EXPECT_NE(earlier.find("2 actions are open (1 overdue)"), std::string::npos) << earlier;
  EXPECT_NE(earlier.find("Hire a second validator"), std::string::npos);
  EXPECT_NE(earlier.find("Publish the AI policy"), std::string::npos);
  EXPECT_NE(earlier.find("due 2020-01-01 (**overdue**)"), std::string::npos) << earlier;
  EXPECT_EQ(earlier.find("Not this review's input"), std::string::npos);
  EXPECT_NE(pack->find("since the last review, held on 2026-03-02"), std::string::npos);
}

TEST_P(PackTest, ActionsDoneSinceTheLastReviewAreReportedWithTheirOutcome) {
  const Record spring = held("Spring review", "2026-03-02");
  const int64_t id = add_action(spring.id, "Hire a second validator", "2099-01-01");
  auto action = records::get(*db_, review_actions(), alpha_.org, id);
  ASSERT_TRUE(action.ok());
  records::TransitionRequest done{.name = "complete", .expected_version = action->version};
  done.values.values = {{"outcome", "Hired from March"s}};
  ASSERT_TRUE(records::transition(*db_, review_actions(), alpha_.org, id, done, owner_).ok());
  const Record autumn = plan_review("Autumn review", "2026-09-01");
  auto pack = compile_pack(*db_, alpha_.org, autumn, now_timestamp());
  ASSERT_TRUE(pack.ok());
  const std::string earlier = section(*pack, "Actions from earlier reviews");
  EXPECT_NE(earlier.find("0 actions are open (0 overdue); 1 was finished"), std::string::npos)
      << earlier;
  EXPECT_NE(earlier.find("Hired from March"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PackTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::review::testing
