// Risks and treatment actions as people's work, on both backends: a risk's next review and an
// action's due date count as overdue the day after them (the clock injected as `today`), work that
// is done is nobody's, and a risk's next review defaults to today plus its review interval.
#include "records/due.h"

#include <cstdio>

#include <gtest/gtest.h>

#include "risk/fixture.h"

namespace aims::risk {
namespace {

using records::Record;
using testing::date_in;

// `date` plus `months` calendar months, the day kept or cut to the month's last (31 January + 1
// month = 28 or 29 February), worked out here without aims' own date code.
std::string plus_months(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)),
      d = std::stoi(date.substr(8, 2));
  m += months;
  y += (m - 1) / 12;
  m = (m - 1) % 12 + 1;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  d = std::min(d, days[m - 1]);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return out;
}

class RiskDueTest : public testing::RiskTest {
 protected:
  // Overdue records of register `d` on `today`, for everyone or one person.
  int64_t overdue(const records::Description& d, const std::string& today,
                  std::optional<int64_t> person = std::nullopt) {
    auto counts = records::overdue_counts(*db_, alpha_.org, today, person);
    EXPECT_TRUE(counts.ok()) << (counts.ok() ? "" : counts.error().message);
    if (!counts.ok()) return -1;
    for (const auto& c : *counts)
      if (c.register_ == &d) return c.records;
    return 0;
  }
};

TEST(RiskDueHelper, PlusMonthsKeepsOrCutsTheDay) {
  EXPECT_EQ(plus_months("2026-12-06", 12), "2027-12-06");
  EXPECT_EQ(plus_months("2026-12-06", 6), "2027-06-06");
  EXPECT_EQ(plus_months("2027-01-31", 1), "2027-02-28");
  EXPECT_EQ(plus_months("2027-08-31", 6), "2028-02-29");
}

TEST_P(RiskDueTest, ARiskIsOverdueTheDayAfterItsNextReview) {
  add_risk("Reviewed in March", {{"next_review", std::string("2027-03-10")}});
  EXPECT_EQ(overdue(risks(), "2027-03-09"), 0);
  EXPECT_EQ(overdue(risks(), "2027-03-10"), 0) << "due today is not overdue";
  EXPECT_EQ(overdue(risks(), "2027-03-11"), 1);
  // It is the owner's work, not the contributor's.
  EXPECT_EQ(overdue(risks(), "2027-03-11", owner_.user_id), 1);
  EXPECT_EQ(overdue(risks(), "2027-03-11", contributor_.user_id), 0);
}

TEST_P(RiskDueTest, AnAcceptedRiskStillNeedsItsReviewAClosedOneDoesNot) {
  const Record accepted = add_risk("Accepted", {{"next_review", std::string("2027-03-10")},
                                                {"inherent_likelihood", int64_t(2)},
                                                {"inherent_impact", int64_t(2)}});
  must_step(accepted.id, "assess", owner_);
  // Residual 1 x 2 = 2: low, within the threshold.
  must_step(accepted.id, "accept", owner_, "Low enough",
            {{"residual_likelihood", int64_t(1)}, {"residual_impact", int64_t(2)}});
  const Record closed = add_risk("Closed", {{"next_review", std::string("2027-03-10")}});
  must_step(closed.id, "close", owner_, "No longer applies");
  EXPECT_EQ(overdue(risks(), "2027-03-11"), 1) << "only the accepted risk";
}

TEST_P(RiskDueTest, ATreatmentActionIsOverdueUntilItIsDone) {
  const Record r = add_risk("Treated", {{"next_review", std::string("2028-01-01")}});
  const Record open = add_action("Retrain with balanced data", r.id, "2027-04-01");
  const Record done = add_action("Add a fairness monitor", r.id, "2027-04-01");
  EXPECT_EQ(open.state, "planned");
  // Done needs its effectiveness checked (clause 8.3).
  auto unchecked = step(done.id, "complete", owner_, "", {}, treatment_actions());
  ASSERT_FALSE(unchecked.ok());
  EXPECT_EQ(unchecked.error().field, "effectiveness");
  must_step(done.id, "complete", owner_, "",
            {{"effectiveness", std::string("Disparate impact rose from 0.7 to 0.9")}},
            treatment_actions());
  EXPECT_EQ(read(done.id, treatment_actions()).state, "done");

  EXPECT_EQ(overdue(treatment_actions(), "2027-04-01"), 0);
  EXPECT_EQ(overdue(treatment_actions(), "2027-04-02"), 1) << "only the action not done";
  EXPECT_EQ(overdue(treatment_actions(), "2027-04-02", owner_.user_id), 1);
  EXPECT_EQ(overdue(risks(), "2027-04-02"), 0) << "the risk's review is in 2028";
  // A cancelled action is not overdue either.
  must_step(open.id, "cancel", owner_, "Replaced by the monitor", {}, treatment_actions());
  EXPECT_EQ(overdue(treatment_actions(), "2027-04-02"), 0);
}

TEST_P(RiskDueTest, TheNextReviewDefaultsToTodayPlusTheInterval) {
  // Computed from the day the risk is written; read "today" before and after so a test running
  // across midnight still finds one of them.
  const std::string before = date_in(0);
  const Record yearly = add_risk("Yearly");
  const Record half = add_risk("Half-yearly", {{"review_interval_months", int64_t(6)}});
  const std::string after = date_in(0);
  EXPECT_FALSE(yearly.is_set("review_interval_months"));
  // No interval: 12 months.
  EXPECT_TRUE(yearly.text("next_review") == plus_months(before, 12) ||
              yearly.text("next_review") == plus_months(after, 12))
      << yearly.text("next_review") << " from " << before;
  EXPECT_TRUE(half.text("next_review") == plus_months(before, 6) ||
              half.text("next_review") == plus_months(after, 6))
      << half.text("next_review") << " from " << before;
  // A date given by hand is kept.
  const Record dated = add_risk("Dated", {{"next_review", std::string("2027-02-01")}});
  EXPECT_EQ(dated.text("next_review"), "2027-02-01");
  // Changing the interval alone works the date out again; changing both keeps the date given.
  ASSERT_TRUE(edit(yearly.id, {{"review_interval_months", int64_t(3)}}, owner_).ok());
  const std::string now = date_in(0);
  EXPECT_EQ(read(yearly.id).text("next_review"), plus_months(now, 3));
  ASSERT_TRUE(
      edit(half.id,
           {{"review_interval_months", int64_t(1)}, {"next_review", std::string("2027-05-05")}},
           owner_)
          .ok());
  EXPECT_EQ(read(half.id).text("next_review"), "2027-05-05");
  // Clearing the date works it out again.
  ASSERT_TRUE(edit(dated.id, {{"next_review", std::monostate{}}}, owner_).ok());
  EXPECT_EQ(read(dated.id).text("next_review"), plus_months(date_in(0), 12));
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskDueTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
