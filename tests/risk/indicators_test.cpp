// A monitoring breach reaching the risk whose indicator it is, on both backends: the breach is
// written on the risk and raises its review (a due date of the owner) in the run's transaction,
// whatever the risk's state, while risks with another metric or monitor are left alone; the raised
// review is cleared once the risk is reassessed or its next review is set again.
#include <cstdio>

#include <gtest/gtest.h>

#include "records/due.h"
#include "risk/fixture.h"

namespace aims::risk {
namespace {

using records::Record;
using testing::Values;
using namespace std::string_literals;

struct Row {
  int pred;
  int label;
  const char* group;
};

// One row per hour from 08:00 of `day`, ids 1, 2, ... (as tests/monitoring writes its logs).
std::string log_of(const std::string& day, const std::vector<Row>& rows) {
  std::string out = "id,ts,pred,label,g\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02zu", 8 + i);
    out += std::to_string(i + 1) + "," + day + "T" + hour + ":00:00Z," +
           std::to_string(rows[i].pred) + "," + std::to_string(rows[i].label) + "," +
           rows[i].group + "\n";
  }
  return out;
}

// Group a predicts 1 1 1 0 (selection rate 3/4 = 0.75), group b 1 1 1 1 (1.0): disparate impact
// 0.75 / 1.0 = 0.75, below 0.8, a breach; fairness starts at high severity and the margin
// 0.05 / 0.8 = 0.0625 keeps it there. Correct predictions: a 3 of 4, b 2 of 4: accuracy 5/8 =
// 0.625, not below 0.5.
std::string unfair_log() {
  return log_of("2026-03-01", {{1, 1, "a"},
                               {1, 1, "a"},
                               {1, 0, "a"},
                               {0, 0, "a"},
                               {1, 1, "b"},
                               {1, 1, "b"},
                               {1, 0, "b"},
                               {1, 0, "b"}});
}

// Group a 1 1 0 0 (0.5), b 1 1 1 1 (1.0): disparate impact 0.5; margin 0.3 / 0.8 = 0.375 >= 0.25
// -> critical. Correct: a (1,1) only = 1, b 2: accuracy 3/8 = 0.375, below 0.5; performance starts
// at medium, margin 0.125 / 0.5 = 0.25 -> high.
std::string unfair_and_inaccurate_log() {
  return log_of("2026-03-02", {{1, 1, "a"},
                               {1, 0, "a"},
                               {0, 1, "a"},
                               {0, 1, "a"},
                               {1, 1, "b"},
                               {1, 1, "b"},
                               {1, 0, "b"},
                               {1, 0, "b"}});
}

Values indicator(int64_t monitor, const std::string& metric, Values more = {}) {
  more["indicator_monitor_id"] = monitor;
  more["indicator_metric"] = metric;
  return more;
}

class RiskIndicatorTest : public testing::RiskTest {
 protected:
  monitoring::Run run(int64_t monitor, const std::string& log) {
    monitoring::RunRequest request;
    request.monitor_id = monitor;
    request.log = monitoring::LogInput::memory(log);
    request.input_name = "predictions.csv";
    request.options.threads = 2;
    auto r = monitoring::run_monitor(*db_, alpha_.org, request, inventory::testing::kTrailActor);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().field + ": " + r.error().message);
    return r.ok() ? *r : monitoring::Run{};
  }

  // Assessed at 2 x 2 (low) and accepted by its owner at 1 x 2 (low): no longer editable by people.
  Record accepted(const std::string& title, const Values& extra) {
    Values v = extra;
    v["inherent_likelihood"] = int64_t(2);
    v["inherent_impact"] = int64_t(2);
    const Record r = add_risk(title, v);
    must_step(r.id, "assess", owner_);
    must_step(r.id, "accept", owner_, "Low enough",
              {{"residual_likelihood", int64_t(1)}, {"residual_impact", int64_t(2)}});
    return read(r.id);
  }
};

TEST_P(RiskIndicatorTest, ABreachReachesOnlyTheRisksWhoseIndicatorItIs) {
  const int64_t monitor = add_monitor("Credit fairness");
  const int64_t other_monitor = add_monitor("Credit fairness, second opinion");
  const Record unfair =
      add_risk("Unfair outcomes", indicator(monitor, "fairness.disparate_impact"));
  const Record inaccurate = add_risk("Inaccurate", indicator(monitor, "performance.accuracy"));
  const Record elsewhere =
      add_risk("Watched elsewhere", indicator(other_monitor, "fairness.disparate_impact"));
  const Record no_indicator = add_risk("No indicator");
  const Record kept =
      accepted("Accepted unfairness", indicator(monitor, "fairness.disparate_impact"));
  ASSERT_EQ(kept.state, "accepted");

  const monitoring::Run r = run(monitor, unfair_log());
  ASSERT_EQ(r.status, "completed");
  ASSERT_EQ(r.breaches, 1);
  const std::string day = r.finished_at.substr(0, 10);
  const std::string expected =
      "fairness.disparate_impact (attribute:g) = 0.75, below the threshold "
      "0.8, high severity, in run #" +
      std::to_string(r.id) + " of Credit fairness";

  const Record hit = read(unfair.id);
  EXPECT_EQ(hit.text("indicator_breach"), expected);
  EXPECT_EQ(hit.text("indicator_breached_at"), r.finished_at);
  EXPECT_EQ(hit.text("review_raised_on"), day);
  EXPECT_EQ(hit.state, "identified");
  // The accepted risk, which people may not edit, gets the breach all the same.
  const Record kept_hit = read(kept.id);
  EXPECT_EQ(kept_hit.state, "accepted");
  EXPECT_EQ(kept_hit.text("indicator_breach"), expected);
  EXPECT_EQ(kept_hit.text("review_raised_on"), day);
  // Another metric of the same monitor, the same metric of another monitor, no indicator at all:
  // untouched.
  for (const Record* untouched : {&inaccurate, &elsewhere, &no_indicator}) {
    const Record now = read(untouched->id);
    EXPECT_EQ(now.text("indicator_breach"), "") << untouched->text("title");
    EXPECT_FALSE(now.is_set("review_raised_on")) << untouched->text("title");
    EXPECT_EQ(now.version, untouched->version) << untouched->text("title");
  }
  // The raised review is the owner's work: due on the run's day, overdue the day after.
  auto counts = records::overdue_counts(*db_, alpha_.org, testing::date_in(3), owner_.user_id);
  ASSERT_TRUE(counts.ok());
  int64_t overdue = 0;
  for (const auto& c : *counts)
    if (c.register_ == &risks()) overdue = c.records;
  EXPECT_EQ(overdue, 2) << "the two risks whose review the breach raised";
}

TEST_P(RiskIndicatorTest, ALaterBreachUpdatesTheRiskAndEachMetricReachesItsOwn) {
  const int64_t monitor = add_monitor("Credit fairness");
  const Record unfair =
      add_risk("Unfair outcomes", indicator(monitor, "fairness.disparate_impact"));
  const Record inaccurate = add_risk("Inaccurate", indicator(monitor, "performance.accuracy"));
  const monitoring::Run first = run(monitor, unfair_log());
  const monitoring::Run second = run(monitor, unfair_and_inaccurate_log());
  ASSERT_EQ(second.breaches, 2);
  EXPECT_EQ(read(unfair.id).text("indicator_breach"),
            "fairness.disparate_impact (attribute:g) = 0.5, below the threshold 0.8, critical "
            "severity, in run #" +
                std::to_string(second.id) + " of Credit fairness");
  EXPECT_EQ(read(unfair.id).text("indicator_breached_at"), second.finished_at);
  // The review stays raised from the first breach.
  EXPECT_EQ(read(unfair.id).text("review_raised_on"), first.finished_at.substr(0, 10));
  EXPECT_EQ(read(inaccurate.id).text("indicator_breach"),
            "performance.accuracy (overall) = 0.375, below the threshold 0.5, high severity, in "
            "run #" +
                std::to_string(second.id) + " of Credit fairness");
  EXPECT_EQ(read(inaccurate.id).text("review_raised_on"), second.finished_at.substr(0, 10));
}

TEST_P(RiskIndicatorTest, TheRaisedReviewIsClearedByANewNextReviewOrAReassessment) {
  const int64_t monitor = add_monitor("Credit fairness");
  const Record unfair =
      add_risk("Unfair outcomes", indicator(monitor, "fairness.disparate_impact"));
  const Record kept =
      accepted("Accepted unfairness", indicator(monitor, "fairness.disparate_impact"));
  run(monitor, unfair_log());
  ASSERT_TRUE(read(unfair.id).is_set("review_raised_on"));
  ASSERT_TRUE(read(kept.id).is_set("review_raised_on"));

  // Editing something else leaves the raised review as it is.
  ASSERT_TRUE(edit(unfair.id, {{"description", "Seen in March"s}}, owner_).ok());
  EXPECT_TRUE(read(unfair.id).is_set("review_raised_on"));
  // Setting the next review again is the owner's answer to it.
  ASSERT_TRUE(edit(unfair.id, {{"next_review", testing::date_in(30)}}, owner_).ok());
  const Record answered = read(unfair.id);
  EXPECT_FALSE(answered.is_set("review_raised_on"));
  EXPECT_FALSE(answered.text("indicator_breach").empty()) << "the latest breach stays on record";

  // The accepted risk is reassessed: a change of state.
  must_step(kept.id, "reassess", owner_, "The March breach");
  const Record reassessed = read(kept.id);
  EXPECT_EQ(reassessed.state, "assessed");
  EXPECT_FALSE(reassessed.is_set("review_raised_on"));
}

TEST_P(RiskIndicatorTest, AnIdentifiedRiskMovingOnClearsItsRaisedReview) {
  const int64_t monitor = add_monitor("Credit fairness");
  const Record r =
      add_risk("Unfair outcomes",
               indicator(monitor, "fairness.disparate_impact",
                         {{"inherent_likelihood", int64_t(3)}, {"inherent_impact", int64_t(4)}}));
  run(monitor, unfair_log());
  ASSERT_TRUE(read(r.id).is_set("review_raised_on"));
  must_step(r.id, "assess", owner_);
  EXPECT_FALSE(read(r.id).is_set("review_raised_on"));
}

TEST_P(RiskIndicatorTest, AClosedRiskIsLeftAloneAndNeverStopsTheRun) {
  // A closed risk no longer applies: a breach of its old indicator is no review for anyone. It is
  // not re-scored by new criteria either, so writing on it could meet scores beyond the scales in
  // force, and the breach would then fail the whole monitoring run.
  const int64_t monitor = add_monitor("Credit fairness");
  const Record closed =
      add_risk("Closed unfairness",
               indicator(monitor, "fairness.disparate_impact",
                         {{"inherent_likelihood", int64_t(5)}, {"inherent_impact", int64_t(5)}}));
  must_step(closed.id, "close", owner_, "The scorer was replaced");
  const Record before = read(closed.id);
  // 4-step scales: the closed risk's 5 x 5 is beyond them, which adoption allows for closed risks.
  Criteria four = default_criteria();
  four.likelihood.pop_back();
  four.impact.pop_back();
  four.matrix.pop_back();
  for (auto& row : four.matrix)
    row.pop_back();
  four.reason = "Four steps";
  ASSERT_TRUE(adopt_criteria(*db_, alpha_.org, four, admin_).ok());

  const monitoring::Run r = run(monitor, unfair_log());
  EXPECT_EQ(r.status, "completed");
  EXPECT_EQ(r.breaches, 1);
  auto runs = monitoring::list_runs(*db_, alpha_.org, monitor, 10);
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(runs->size(), 1u) << "the run and its alert are stored";
  const Record after = read(closed.id);
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.text("indicator_breach"), "");
  EXPECT_FALSE(after.is_set("review_raised_on"));
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskIndicatorTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
