// Oversight plans and the review queue on both backends: a plan's mode needs its number, the author
// does not approve their own plan and a system has one approved plan; the round trip submit ->
// pending -> override with a reason -> poll shows the final outcome, with its audit event, and a
// second review refused; a retry is idempotent; another organisation's ids are not found; the
// threshold and the human-review switch hold decisions; the sampled share of a seeded run stays
// within a stated tolerance; metrics on a small set worked out by hand; the A.9.3 rule.
#include <gtest/gtest.h>

#include "base/time.h"
#include "notify/settings.h"
#include "oversight/oversight.h"
#include "readiness/readiness.h"
#include "risk/fixture.h"

namespace aims::oversight {
namespace {

using records::Record;
using risk::testing::fields_of;
using risk::testing::Values;
using namespace std::string_literals;

class QueueTest : public risk::testing::RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    define_registers();
  }

  Result<Record> create_plan(const Values& values) {
    Record r;
    r.values = {{"name", "Credit decisions"s},
                {"ai_system_id", system_},
                {"acceptable_use", "Consumer credit up to 25,000 EUR; never employment."s},
                {"reviewer_role", "contributor"s},
                {"target_hours", int64_t{24}},
                {"max_override_rate", 0.2}};
    for (const auto& [k, v] : values)
      r.values[k] = v;
    return records::create(*db_, plans(), alpha_.org, r, author_);
  }

  // A plan written by the author and approved by the approver.
  int64_t approved(const Values& values) {
    auto plan = create_plan(values);
    EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
    if (!plan.ok()) return 0;
    must_step(plan->id, "approve", approver_, "", {}, plans());
    return plan->id;
  }

  Result<Submitted> send(const std::string& id, const std::string& outcome = "approve",
                         std::optional<double> score = std::nullopt,
                         std::map<std::string, std::string> groups = {},
                         const std::string& at = "") {
    DecisionInput in{.decision_id = id, .outcome = outcome, .score = score, .groups = groups};
    // The production system submits under the author's account; people review.
    return submit(*db_, alpha_.org, system_, in, author_, at);
  }

  Decision sent(const std::string& id, std::optional<double> score = std::nullopt) {
    auto s = send(id, "approve", score);
    EXPECT_TRUE(s.ok()) << id << ": " << (s.ok() ? "" : s.error().message);
    return s.ok() ? s->decision : Decision{};
  }
};

TEST_P(QueueTest, EachModeNeedsItsNumber) {
  auto threshold = create_plan({{"mode", "below_threshold"s}});
  ASSERT_FALSE(threshold.ok());
  EXPECT_TRUE(fields_of(threshold.error()).count("confidence_threshold"));
  auto sampled = create_plan({{"mode", "sampled"s}});
  ASSERT_FALSE(sampled.ok());
  EXPECT_TRUE(fields_of(sampled.error()).count("sampling_rate"));
  auto rate = create_plan({{"mode", "sampled"s}, {"sampling_rate", 1.5}});
  ASSERT_FALSE(rate.ok());
  EXPECT_TRUE(fields_of(rate.error()).count("sampling_rate"));
}

TEST_P(QueueTest, TheAuthorDoesNotApproveAndASystemHasOneApprovedPlan) {
  auto plan = create_plan({{"mode", "every"s}});
  ASSERT_TRUE(plan.ok());
  auto own = step(plan->id, "approve", author_, "", {}, plans());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  must_step(plan->id, "approve", approver_, "", {}, plans());
  auto second = create_plan({{"name", "Second plan"s}, {"mode", "every"s}});
  ASSERT_TRUE(second.ok());
  auto refused = step(second->id, "approve", approver_, "", {}, plans());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
}

TEST_P(QueueTest, WithoutAnApprovedPlanNothingIsSubmitted) {
  auto s = send("d-1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::failed_precondition);
}

TEST_P(QueueTest, RoundTripWithAnOverride) {
  approved({{"mode", "every"s}});
  const Decision d = sent("loan-1001");
  EXPECT_EQ(d.route, "held");
  EXPECT_EQ(d.state, "pending");
  EXPECT_TRUE(d.wait_for_review());

  auto no_reason =
      review(*db_, alpha_.org, d.id, {.overrides = true, .outcome = "refer"}, contributor_);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field, "reason");
  auto same = review(*db_, alpha_.org, d.id,
                     {.overrides = true, .outcome = "approve", .reason = "x"}, contributor_);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().field, "outcome");

  auto done =
      review(*db_, alpha_.org, d.id,
             {.overrides = true, .outcome = "refer", .reason = "Income proof is a month old"},
             contributor_);
  ASSERT_TRUE(done.ok()) << done.error().message;
  auto polled = get(*db_, alpha_.org, d.id);
  ASSERT_TRUE(polled.ok());
  EXPECT_EQ(polled->state, "overridden");
  EXPECT_EQ(polled->outcome, "approve");
  EXPECT_EQ(polled->final_outcome, "refer");
  EXPECT_EQ(polled->reason, "Income proof is a month old");
  EXPECT_EQ(polled->reviewed_by, contributor_.user_id);
  EXPECT_FALSE(polled->wait_for_review());

  auto twice = review(*db_, alpha_.org, d.id, {}, admin_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::failed_precondition);

  auto events = db_->read([&](store::Tx& tx) {
    return trail::list(tx, alpha_.org,
                       {.entity_type = "oversight_decision", .entity_id = d.id, .limit = 10});
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);  // the review, not the submission
  EXPECT_EQ(events->front().action, "override");
}

TEST_P(QueueTest, AReviewIsAnnouncedToWebhooksInItsTransaction) {
  auto keys = trail::SigningKeys::open_or_create(aims::testing::fresh_key_file_path());
  ASSERT_TRUE(keys.ok());
  ASSERT_TRUE(notify::store_webhook(*db_, *keys, alpha_.org,
                                    {"https://hooks.alpha.test/aims", "", {"oversight.decided"}},
                                    admin_.actor)
                  .ok());
  approved({{"mode", "every"s}});
  const Decision d = sent("loan-42");
  const auto queued = [&] {
    auto rows = db_->read([&](store::Tx& tx) {
      return tx.query("SELECT event_type FROM notify_deliveries WHERE org_id = $1", {alpha_.org});
    });
    std::vector<std::string> out;
    if (rows.ok())
      for (const auto& r : *rows)
        out.push_back(r.text(0));
    return out;
  };
  EXPECT_TRUE(queued().empty()) << "a submission announces nothing";
  ASSERT_TRUE(review(*db_, alpha_.org, d.id, {}, contributor_).ok());
  EXPECT_EQ(queued(), std::vector<std::string>{"oversight.decided"});
}

TEST_P(QueueTest, ReviewersAreThePlansRole) {
  approved({{"mode", "every"s}, {"reviewer_role", "aims-manager"s}});
  const Decision d = sent("loan-1");
  auto by_contributor = review(*db_, alpha_.org, d.id, {}, contributor_);
  ASSERT_FALSE(by_contributor.ok());
  EXPECT_EQ(by_contributor.error().code, ErrorCode::permission_denied);
  auto by_manager = review(*db_, alpha_.org, d.id, {}, owner_);
  ASSERT_TRUE(by_manager.ok());
  EXPECT_EQ(by_manager->state, "confirmed");
  EXPECT_EQ(by_manager->final_outcome, "approve");
}

// The production system's account may not pass its own decisions; only those who approve plans
// take one out of force, and while it is out of force its held decisions wait for a manager.
TEST_P(QueueTest, NeitherTheSubmitterNorARevisedPlanLowersWhoReviews) {
  const int64_t plan = approved({{"mode", "every"s}});  // contributors review
  const Decision d = sent("loan-7");
  auto own = review(*db_, alpha_.org, d.id, {}, author_);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(own.error().message, "the account that submitted a decision may not review it");

  auto revised_by_contributor = step(plan, "revise", contributor_, "Looser", {}, plans());
  ASSERT_FALSE(revised_by_contributor.ok());
  EXPECT_EQ(revised_by_contributor.error().code, ErrorCode::permission_denied);
  must_step(plan, "revise", approver_, "New thresholds", {}, plans());
  auto by_contributor = review(*db_, alpha_.org, d.id, {}, contributor_);
  ASSERT_FALSE(by_contributor.ok());
  EXPECT_EQ(by_contributor.error().code, ErrorCode::permission_denied);
  EXPECT_TRUE(review(*db_, alpha_.org, d.id, {}, owner_).ok());
}

TEST_P(QueueTest, ARetryIsTheSameDecision) {
  approved({{"mode", "every"s}});
  auto first = send("loan-7");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->created);
  auto retry = send("loan-7");
  ASSERT_TRUE(retry.ok());
  EXPECT_FALSE(retry->created);
  EXPECT_EQ(retry->decision.id, first->decision.id);
  auto other = send("loan-7", "decline");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::already_exists);
  EXPECT_EQ(other.error().field, "decision_id");
}

TEST_P(QueueTest, AnotherOrganisationsIdsAreNotFound) {
  approved({{"mode", "every"s}});
  const Decision d = sent("loan-9");
  const records::Caller beta{
      {"user", beta_.users[0], "owner@beta.test"}, beta_.users[0], auth::Role::admin};
  EXPECT_EQ(get(*db_, beta_.org, d.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(review(*db_, beta_.org, d.id, {}, beta).error().code, ErrorCode::not_found);
  auto s = submit(*db_, beta_.org, system_, {.decision_id = "x", .outcome = "y"}, beta);
  EXPECT_EQ(s.error().code, ErrorCode::not_found);
  EXPECT_EQ(metrics(*db_, beta_.org, system_).error().code, ErrorCode::not_found);
  auto listed = list(*db_, beta_.org, {});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_P(QueueTest, BelowTheThresholdWaitsAndTheSwitchHoldsEverything) {
  approved({{"mode", "below_threshold"s}, {"confidence_threshold", 0.7}});
  EXPECT_EQ(sent("low", 0.5).route, "held");
  EXPECT_EQ(sent("high", 0.9).route, "released");
  EXPECT_EQ(sent("high", 0.9).state, "released");
  auto none = send("no-score");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().field, "score");
  auto released = review(*db_, alpha_.org, sent("high", 0.9).id, {}, contributor_);
  EXPECT_EQ(released.error().code, ErrorCode::failed_precondition);

  ASSERT_TRUE(
      monitoring::set_oversight(*db_, alpha_.org, system_, true, "Drift breach", 0, admin_.actor)
          .ok());
  EXPECT_EQ(sent("high-while-on", 0.95).route, "held");
}

TEST(SamplePoint, TheShareOfTenThousandIdsIsTheRate) {
  // 10,000 ids at a rate of 0.1: a fair hash samples a binomial count with mean 1,000 and
  // standard deviation sqrt(10,000 x 0.1 x 0.9) = 30; the tolerance is four of them (+-120).
  int sampled = 0;
  for (int i = 0; i < 10'000; ++i)
    if (sample_point(42, "decision-" + std::to_string(i)) < 0.1) ++sampled;
  EXPECT_GE(sampled, 880);
  EXPECT_LE(sampled, 1120);
  // The same id is always sampled alike; another system draws its own sample.
  EXPECT_EQ(sample_point(42, "decision-1"), sample_point(42, "decision-1"));
  EXPECT_NE(sample_point(42, "decision-1"), sample_point(43, "decision-1"));
}

TEST_P(QueueTest, TheSampledShareOfASeededRunIsTheRate) {
  approved({{"mode", "sampled"s}, {"sampling_rate", 0.25}});
  // 400 decisions at 0.25: mean 100, standard deviation sqrt(400 x 0.25 x 0.75) = 8.66; the
  // tolerance is four of them (+-35). Each is sampled exactly when its hash says so.
  int sampled = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string id = "seeded-" + std::to_string(i);
    const Decision d = sent(id);
    const bool expected = sample_point(system_, id) < 0.25;
    EXPECT_EQ(d.route, expected ? "sampled" : "released") << id;
    EXPECT_EQ(d.wait_for_review(), false) << id;  // sampled ones are reviewed after the fact
    if (d.route == "sampled") ++sampled;
  }
  EXPECT_GE(sampled, 65);
  EXPECT_LE(sampled, 135);
  auto queue = list(*db_, alpha_.org, {.system_id = system_});
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(static_cast<int>(queue->size()), std::min(sampled, 100));  // the page's limit
}

TEST(ComputeMetrics, WorkedOutByHand) {
  // Six decisions: four held (three reviewed, one pending), one sampled and reviewed, one
  // released. Overridden: A, B (65+) and D (18-64).
  const int64_t s = 1'000'000;
  const std::vector<DecisionFacts> facts = {
      {"held", "overridden", {{"age_band", "65+"}}, 0, 600 * s},        // A: 600 s
      {"held", "overridden", {{"age_band", "65+"}}, 0, 1200 * s},       // B: 1,200 s
      {"held", "confirmed", {{"age_band", "18-64"}}, 0, 60 * s},        // C: 60 s
      {"sampled", "overridden", {{"age_band", "18-64"}}, 0, 3600 * s},  // D: 3,600 s
      {"released", "released", {{"age_band", "18-64"}}, 0, std::nullopt},
      {"held", "pending", {{"age_band", "65+"}}, 0, std::nullopt},
  };
  const Metrics m = compute_metrics(facts);
  EXPECT_EQ(m.decisions, 6);
  EXPECT_EQ(m.held, 4);
  EXPECT_EQ(m.sampled, 1);
  EXPECT_EQ(m.reviewed, 4);
  EXPECT_EQ(m.pending, 1);
  EXPECT_EQ(m.overridden, 3);
  EXPECT_DOUBLE_EQ(*m.reviewed_share, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(*m.override_rate, 0.75);  // 3 of 4 reviewed
  // Waits sorted: 60, 600, 1,200, 3,600. Median: rank ceil(0.5 x 4) = 2 -> 600; 90th
  // percentile: rank ceil(0.9 x 4) = 4 -> 3,600.
  EXPECT_EQ(*m.median_seconds, 600);
  EXPECT_EQ(*m.p90_seconds, 3600);
  ASSERT_EQ(m.groups.size(), 2u);
  EXPECT_EQ(m.groups[0].group, "age_band=18-64");  // C, D, E: two reviewed, one overridden
  EXPECT_EQ(m.groups[0].decisions, 3);
  EXPECT_DOUBLE_EQ(*m.groups[0].override_rate, 0.5);
  EXPECT_EQ(m.groups[1].group, "age_band=65+");  // A, B, F: two reviewed, both overridden
  EXPECT_EQ(m.groups[1].reviewed, 2);
  EXPECT_DOUBLE_EQ(*m.groups[1].override_rate, 1.0);
  EXPECT_FALSE(compute_metrics({}).override_rate.has_value());
}

TEST_P(QueueTest, MetricsReadTheStoredTimes) {
  approved({{"mode", "every"s}});
  // Submitted two hours ago and reviewed 30 and 90 minutes later: median 1,800 s (rank 1 of 2),
  // 90th percentile 5,400 s (rank 2); one overridden of two reviewed.
  const int64_t start = now_micros() - 2 * 3'600'000'000LL;
  const auto at = [&](int minutes) { return format_timestamp(start + minutes * 60'000'000LL); };
  auto a = send("m-1", "approve", std::nullopt, {{"region", "north"}}, at(0));
  auto b = send("m-2", "approve", std::nullopt, {{"region", "south"}}, at(0));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(review(*db_, alpha_.org, a->decision.id, {}, contributor_, at(30)).ok());
  ASSERT_TRUE(review(*db_, alpha_.org, b->decision.id,
                     {.overrides = true, .outcome = "decline", .reason = "Fraud flag"},
                     contributor_, at(90))
                  .ok());
  auto m = metrics(*db_, alpha_.org, system_, 1);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->decisions, 2);
  EXPECT_EQ(m->reviewed, 2);
  EXPECT_DOUBLE_EQ(*m->override_rate, 0.5);
  EXPECT_EQ(*m->median_seconds, 1800);
  EXPECT_EQ(*m->p90_seconds, 5400);
  ASSERT_EQ(m->groups.size(), 2u);
  EXPECT_DOUBLE_EQ(*m->groups[1].override_rate, 1.0);  // region=south
}

TEST_P(QueueTest, TheObjectivesRuleReadsTheApprovedPlans) {
  const auto* rule = readiness::rule_for("iso-iec-42001-2023", "A.9.3");
  ASSERT_NE(rule, nullptr);
  auto none = rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->status, readiness::Status::not_met);
  approved({{"mode", "every"s}});
  auto met = rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(met.ok());
  EXPECT_EQ(met->status, readiness::Status::met) << met->reason;
}

INSTANTIATE_TEST_SUITE_P(Backends, QueueTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::oversight
