// What the context registers prove for ISO/IEC 42001 readiness (src/context/readiness_rules.cpp),
// on both backends: 4.1 (internal and external issues, climate change judged, none past its
// review), 4.2 (interested
// parties, and a decision on each of their requirements) and 7.4 (an active plan, communications in
// the last 12 months, nothing overdue). Another organisation's records count for nothing.
//
// Every status, count and reason is worked out by hand from the records each test creates.
#include <gtest/gtest.h>

#include "context/fixture.h"
#include "readiness/readiness.h"

namespace aims::context::testing {
namespace {

class ContextReadinessTest : public ContextTest {
 protected:
  // The finding, once its status ("met", "partial", "not_met") and reason are checked.
  readiness::Finding expect(const std::string& requirement, const std::string& status,
                            const std::string& reason, int64_t org = 0) {
    const readiness::Rule* rule = readiness::rule_for("iso-iec-42001-2023", requirement);
    EXPECT_NE(rule, nullptr) << requirement;
    if (!rule) return {};
    auto f = rule->assess(*db_, org ? org : alpha_.org);
    EXPECT_TRUE(f.ok()) << requirement << ": " << why(f);
    if (!f.ok()) return {};
    EXPECT_EQ(std::string(readiness::key(f->status)), status) << requirement << ": " << f->reason;
    EXPECT_EQ(f->reason, reason) << requirement;
    return *f;
  }
};

TEST_P(ContextReadinessTest, IssuesNeedBothSidesAndTimelyReviews) {
  expect("4.1", "not_met",
         "No context issue is recorded: neither internal nor external issues are determined.");

  const Record act = issue("EU AI Act obligations", "external", {{"next_review", date_in(30)}});
  expect("4.1", "partial",
         "No internal issue is recorded. No issue says whether climate change is relevant to the "
         "AIMS.");
  // Judged of low relevance, and closed: the judgement is made all the same.
  const Record climate = issue("Climate change", "external",
                               {{"category", "environmental_climate"s}, {"relevance", "low"s}});
  ASSERT_TRUE(
      step(issues(), climate.id, "close", "AI workloads are 2% of data-centre energy").ok());
  expect("4.1", "partial", "No internal issue is recorded.");

  // Never reviewed, then past its date: a gap either way, linked to the issue.
  const Record talent = issue("Talent shortage", "internal");
  auto none = expect("4.1", "partial", "1 of 2 issues has no review date, or one already passed.");
  ASSERT_EQ(none.links.size(), 1u);
  EXPECT_EQ(none.links[0].label, "Talent shortage");
  EXPECT_EQ(none.links[0].href, "/context/issues/" + std::to_string(talent.id));
  ASSERT_TRUE(edit(issues(), talent.id, {{"next_review", date_in(-1)}}).ok());
  expect("4.1", "partial", "1 of 2 issues has no review date, or one already passed.");

  // Due today is not yet late.
  ASSERT_TRUE(edit(issues(), talent.id, {{"next_review", date_in(0)}}).ok());
  expect("4.1", "met",
         "Internal and external issues are recorded (1 internal, 1 external), each with a review "
         "date not yet passed; whether climate change is relevant is decided.");

  // A closed issue no longer counts, on either side.
  ASSERT_TRUE(step(issues(), act.id, "close", "Obligations met and audited").ok());
  expect("4.1", "partial", "No external issue is recorded.");
  expect("4.1", "not_met",
         "No context issue is recorded: neither internal nor external issues are determined.",
         beta_.org);
}

TEST_P(ContextReadinessTest, EveryRequirementOfTheirsNeedsADecision) {
  expect("4.2", "not_met", "No interested party is recorded.");
  const int64_t regulator = party("Financial conduct supervisor").id;
  expect("4.2", "partial", "1 interested party is recorded, but none of their requirements.");

  must_create(requirements(),
              requirement("Report serious incidents", regulator, {{"decision", "not_yet"s}}));
  const Record open = must_create(requirements(), requirement("Explain refusals", regulator));
  auto undecided = expect("4.2", "partial",
                          "1 of 2 requirements has no decision on whether the AIMS addresses it.");
  ASSERT_EQ(undecided.links.size(), 1u);
  EXPECT_EQ(undecided.links[0].label, "Explain refusals");
  EXPECT_EQ(undecided.fix.href, "/context/requirements/" + std::to_string(open.id));

  ASSERT_TRUE(edit(requirements(), open.id,
                   {{"decision", "addressed"s}, {"how_addressed", "Reason codes on letters"s}})
                  .ok());
  expect("4.2", "met",
         "1 interested party and 2 requirements are recorded, each with a decision: 1 addressed, 0 "
         "partly, 1 not yet, 0 not applicable.");
  expect("4.2", "not_met", "No interested party is recorded.", beta_.org);
}

TEST_P(ContextReadinessTest, ThePlanIsFollowedWithinTheLastYear) {
  expect("7.4", "not_met", "The communication plan has no active item.");
  plan_item("Old newsletter", "monthly", {{"active", false}});
  expect("7.4", "not_met", "The communication plan has no active item.");

  const Record board =
      plan_item("AIMS performance to the board", "quarterly", {{"next_due", date_in(30)}});
  expect("7.4", "partial", "No communication is recorded in the last 12 months.");
  // 400 days ago is more than 12 months ago; its quarter passed long before the due date set.
  ASSERT_TRUE(communicate("Report of last year", board.id, date_in(-400)).ok());
  expect("7.4", "partial", "No communication is recorded in the last 12 months.");

  ASSERT_TRUE(communicate("Q4 report", board.id, date_in(-10)).ok());
  expect("7.4", "met",
         "The communication plan has 1 active item, none overdue; 1 communication was made in the "
         "last 12 months.");

  plan_item("AI bulletin to staff", "monthly", {{"next_due", date_in(-1)}});
  auto late = expect("7.4", "partial", "1 of 2 active plan items is overdue.");
  ASSERT_EQ(late.links.size(), 1u);
  EXPECT_EQ(late.links[0].label, "AI bulletin to staff");
  expect("7.4", "not_met", "The communication plan has no active item.", beta_.org);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContextReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::context::testing
