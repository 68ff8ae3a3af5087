// The readiness rule of 6.2 on both backends: not met without objectives, partly met while one is
// unmeasured or past due without reaching its target, met when every one is measured and on its
// way (or honestly closed as missed).
#include <gtest/gtest.h>

#include "objectives/fixture.h"
#include "readiness/readiness.h"

namespace aims::objectives {
namespace {

using namespace std::string_literals;

class ObjectiveReadinessTest : public testing::ObjectiveTest {
 protected:
  // An objective under way whatever day the suite runs: started a month ago, due in ten months.
  records::Record current(const std::string& title) {
    return add_objective(title, {{"start_on", risk::testing::date_in(-30)},
                                 {"due_on", risk::testing::date_in(300)}});
  }

  readiness::Finding assess() {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", "6.2");
    EXPECT_NE(rule, nullptr);
    if (!rule) return {};
    auto f = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(f.ok()) << f.error().message;
    return f.ok() ? *f : readiness::Finding{};
  }
};

TEST_P(ObjectiveReadinessTest, NotMetWithoutObjectives) {
  const auto f = assess();
  EXPECT_EQ(f.status, readiness::Status::not_met);
  EXPECT_EQ(f.reason, "No AI objective is set.");
  EXPECT_EQ(f.fix.href, "/governance/objectives");
}

TEST_P(ObjectiveReadinessTest, PartlyMetWhileAnObjectiveIsUnmeasured) {
  const auto o = current("Validators trained");
  const auto f = assess();
  EXPECT_EQ(f.status, readiness::Status::partial);
  EXPECT_EQ(f.reason,
            "1 objective is set: 0 without a usable measure, 1 not measured yet, 0 past due "
            "without reaching the target.");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, "/governance/objectives/" + std::to_string(o.id));
}

TEST_P(ObjectiveReadinessTest, MetWhenEveryObjectiveIsMeasured) {
  const auto o = current("Validators trained");
  ASSERT_TRUE(measure(o.id, risk::testing::date_in(-1), 30).ok());
  const auto f = assess();
  EXPECT_EQ(f.status, readiness::Status::met);
  EXPECT_EQ(f.reason,
            "1 objective is set, each with an owner, a measure, a target and a due date; every "
            "one is measured and none is past due without reaching its target.");
}

TEST_P(ObjectiveReadinessTest, PastDueUnreachedIsAGapUntilClosedAsMissed) {
  const auto o =
      add_objective("Old objective", {{"start_on", "2020-01-01"s}, {"due_on", "2020-06-30"s}});
  ASSERT_TRUE(measure(o.id, "2020-06-30", 60).ok());  // short of 80
  auto f = assess();
  EXPECT_EQ(f.status, readiness::Status::partial);
  EXPECT_EQ(f.reason,
            "1 objective is set: 0 without a usable measure, 0 not measured yet, 1 past due "
            "without reaching the target.");
  must_step(o.id, "activate", author_, "", {}, objectives());
  must_step(o.id, "miss", author_, "Training budget moved to 2021", {}, objectives());
  EXPECT_EQ(assess().status, readiness::Status::met);
}

TEST_P(ObjectiveReadinessTest, WithdrawnObjectivesDoNotCount) {
  const auto o = current("Dropped");
  must_step(o.id, "withdraw", author_, "Superseded by the new AI policy", {}, objectives());
  EXPECT_EQ(assess().status, readiness::Status::not_met);
}

INSTANTIATE_TEST_SUITE_P(Backends, ObjectiveReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::objectives
