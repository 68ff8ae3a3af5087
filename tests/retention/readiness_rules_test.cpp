// Clause 7.5.3 as retention records prove it: not met without rules; partial while a register
// that holds documented information has no rule or a record is past its retention without a
// decision; met once every one is covered and decided.
#include <gtest/gtest.h>

#include "retention/fixture.h"

namespace aims::retention::testing {
namespace {

class RetentionReadinessTest : public RetentionTest {
 protected:
  readiness::Finding assess_on(const std::string& today) {
    auto f = assess_retention(*db_, alpha_.org, today);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
    return f.ok() ? *f : readiness::Finding{};
  }
  std::string today() { return now_timestamp().substr(0, 10); }
};

TEST_P(RetentionReadinessTest, FollowsTheRulesAndTheRecordsPastRetention) {
  using readiness::Status;
  EXPECT_EQ(assess_on(today()).status, Status::not_met);

  // This suite defines AI systems but not documents or evidence: the AI systems' rule is the one
  // that matters. A dataset rule alone leaves AI systems uncovered.
  const Record rule = add_rule("Datasets: a month", "dataset", 1);
  auto partial = assess_on(today());
  EXPECT_EQ(partial.status, Status::partial);
  EXPECT_NE(partial.reason.find("no retention rule covers AI systems"), std::string::npos)
      << partial.reason;

  add_rule("AI systems: 10 years after retirement (Art. 18)", "ai_system", 120, kFromArchived);
  EXPECT_EQ(assess_on(today()).status, Status::met) << assess_on(today()).reason;

  // Two months on, the dataset is past its retention with no decision: partial, linked.
  const Record dataset = add_dataset("Old applications");
  const Record older = add_dataset("Older applications", "Bureau feed", 60);
  const std::string later = add_months(today(), 2);
  auto undecided = assess_on(later);
  EXPECT_EQ(undecided.status, Status::partial);
  EXPECT_NE(undecided.reason.find("2 records are past retention"), std::string::npos)
      << undecided.reason;
  ASSERT_EQ(undecided.links.size(), 2u);
  EXPECT_EQ(undecided.links[0].label, "Older applications");

  // A requested disposal is a decision; a request is taken only once the period has run out, so
  // the newer dataset's waits for it (the older one is past it today).
  ASSERT_TRUE(request_disposal(older.id, rule.id).ok());
  EXPECT_FALSE(request_disposal(dataset.id, rule.id).ok());
  EXPECT_EQ(assess_on(today()).status, Status::met) << assess_on(today()).reason;
  auto newer = assess_on(later);
  EXPECT_EQ(newer.status, Status::partial);
  ASSERT_EQ(newer.links.size(), 1u);
  EXPECT_EQ(newer.links[0].label, "Old applications");
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionReadinessTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::retention::testing
