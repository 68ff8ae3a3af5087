// The questionnaire's total and rating, the next review a decision sets, and the 72-hour supplier
// notice of an incident, as pure functions; every expected value is worked out by hand below.
#include <gtest/gtest.h>

#include "improvement/improvement.h"
#include "suppliers/suppliers.h"

namespace aims::suppliers {
namespace {

using records::Record;

// Scores in questionnaire order: data use, security, transparency, testing, incident notice,
// sub-processors, change notice, exit, EU AI Act.
Record answered(std::vector<int64_t> scores) {
  Record r;
  for (size_t i = 0; i < scores.size(); ++i)
    r.values[questionnaire()[i].key] = scores[i];
  return r;
}

TEST(SupplierScoring, AdequateAnswersWithOneWeakTopicAreAMediumConcern) {
  // 3+3+2+2+3+2+1+2+2 = 20: no zero, but not above 20.
  const Scoring s = score(answered({3, 3, 2, 2, 3, 2, 1, 2, 2}));
  EXPECT_EQ(s.total, 20);
  EXPECT_EQ(s.answered, 9);
  EXPECT_EQ(s.rating, "medium");
}

TEST(SupplierScoring, StrongAnswersAreALowConcern) {
  // 3+3+3+3+3+2+3+2+3 = 25, no zero.
  const Scoring s = score(answered({3, 3, 3, 3, 3, 2, 3, 2, 3}));
  EXPECT_EQ(s.total, 25);
  EXPECT_EQ(s.rating, "low");
}

TEST(SupplierScoring, ACriticalTopicScoredZeroIsAHighConcernWhateverTheTotal) {
  // Security (critical) 0, everything else 3: 8 x 3 = 24, still high.
  const Scoring s = score(answered({3, 0, 3, 3, 3, 3, 3, 3, 3}));
  EXPECT_EQ(s.total, 24);
  EXPECT_EQ(s.rating, "high");
  // The same 0 on sub-processors, which is not critical: medium.
  EXPECT_EQ(score(answered({3, 3, 3, 3, 3, 0, 3, 3, 3})).rating, "medium");
  // 1+1+1+2+2+2+1+1+2 = 13: half the maximum or less is high even without a zero.
  EXPECT_EQ(score(answered({1, 1, 1, 2, 2, 2, 1, 1, 2})).rating, "high");
}

TEST(SupplierScoring, NoRatingUntilEveryQuestionIsAnswered) {
  const Scoring s = score(answered({3, 3, 3, 3, 3, 3, 3, 3}));
  EXPECT_EQ(s.total, 24);
  EXPECT_EQ(s.answered, 8);
  EXPECT_EQ(s.rating, "");
}

TEST(SupplierScoring, AHighConcernIsReviewedAfterTwelveMonthsOthersAfterTwentyFour) {
  EXPECT_EQ(next_review_after("2026-03-31", "high"), "2027-03-31");
  EXPECT_EQ(next_review_after("2026-03-31", "medium"), "2028-03-31");
  // 29 February has no twin two years on: the last day of that February.
  EXPECT_EQ(next_review_after("2024-02-29", "low"), "2026-02-28");
}

Record incident_with_supplier() {
  Record r;
  r.values["supplier_id"] = int64_t{7};
  r.values["status"] = std::string("investigating");
  r.values["first_seen_at"] = std::string("2026-04-30T08:00:00.000000Z");
  r.values["became_aware_at"] = std::string("2026-05-01T10:00:00.000000Z");
  return r;
}

TEST(SupplierNotice, IsDue72HoursAfterAwarenessAndLateOnlyAfterThat) {
  const Record r = incident_with_supplier();
  // 1 May 10:00 + 72 h = 4 May 10:00.
  EXPECT_EQ(improvement::supplier_notice_deadline(r), "2026-05-04T10:00:00.000000Z");
  EXPECT_FALSE(improvement::supplier_notice_late(r, "2026-05-04T09:59:59.000000Z"));
  EXPECT_TRUE(improvement::supplier_notice_late(r, "2026-05-04T10:00:01.000000Z"));
}

TEST(SupplierNotice, WithoutAwarenessCountsFromFirstSeen) {
  Record r = incident_with_supplier();
  r.values.erase("became_aware_at");
  // 30 April 08:00 + 72 h = 3 May 08:00.
  EXPECT_EQ(improvement::supplier_notice_deadline(r), "2026-05-03T08:00:00.000000Z");
}

TEST(SupplierNotice, NoDeadlineOnceToldWithoutSupplierOrWhenClosed) {
  Record told = incident_with_supplier();
  told.values["supplier_notified_at"] = std::string("2026-05-06T09:00:00.000000Z");
  EXPECT_FALSE(improvement::supplier_notice_late(told, "2026-06-01T00:00:00.000000Z"));
  Record none = incident_with_supplier();
  none.values.erase("supplier_id");
  EXPECT_EQ(improvement::supplier_notice_deadline(none), std::nullopt);
  Record closed = incident_with_supplier();
  closed.values["status"] = std::string("closed");
  EXPECT_EQ(improvement::supplier_notice_deadline(closed), std::nullopt);
}

}  // namespace
}  // namespace aims::suppliers
