// Requirements and validations on both backends: a measurable requirement needs its criterion, the
// author does not agree their own; a validator is neither the system's owner nor the model's
// author; a run checks the logs against the agreed criteria (fairness and robustness values worked
// out by hand below), keeps the evidence and sets the outcome; only the validator signs off, and
// only a passed run; the A.6.2.2 and A.6.2.4 rules follow.
#include <gtest/gtest.h>

#include "lifecycle/fixture.h"
#include "lifecycle/lifecycle.h"
#include "readiness/readiness.h"

namespace aims::lifecycle {
namespace {

using records::Caller;
using records::Record;
using risk::testing::fields_of;
using namespace std::string_literals;

using ValidationsTest = testing::LifecycleTest;

TEST_P(ValidationsTest, AMeasuredRequirementNeedsItsCriterion) {
  auto no_metric = create(requirements(),
                          {{"name", "Fair"s},
                           {"ai_system_id", system_},
                           {"kind", "fairness"s},
                           {"statement", "Fair to every age"s}},
                          author_);
  ASSERT_FALSE(no_metric.ok());
  EXPECT_TRUE(fields_of(no_metric.error()).count("metric"));

  auto half = create(requirements(),
                     {{"name", "Fair"s},
                      {"ai_system_id", system_},
                      {"kind", "fairness"s},
                      {"statement", "Fair to every age"s},
                      {"metric", "fairness.disparate_impact"s},
                      {"scope", "sex"s}},
                     author_);
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(fields_of(half.error()), (std::set<std::string>{"comparison", "threshold", "scope"}));
}

TEST_P(ValidationsTest, TheAuthorDoesNotAgreeTheirOwnRequirement) {
  const Record r = must(create(requirements(),
                               {{"name", "Accuracy"s},
                                {"ai_system_id", system_},
                                {"kind", "performance"s},
                                {"statement", "Accurate"s},
                                {"metric", "performance.accuracy"s},
                                {"comparison", "at_least"s},
                                {"threshold", 0.8}},
                               author_));
  auto own = step(r.id, "agree", author_, "", {}, requirements());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  must_step(r.id, "agree", approver_, "", {}, requirements());
  EXPECT_EQ(read(r.id, requirements()).state, "agreed");
}

TEST_P(ValidationsTest, TheValidatorIsNeitherTheSystemsOwnerNorTheModelsAuthor) {
  auto owner = create_validation(alpha_.users[0], model_);  // the credit scorer's owner
  ASSERT_FALSE(owner.ok());
  EXPECT_EQ(owner.error().field, "validator_id");
  EXPECT_EQ(owner.error().message, "the validator must not be the AI system's owner");

  auto author = create_validation(author_.user_id.value(), model_);
  ASSERT_FALSE(author.ok());
  EXPECT_EQ(author.error().message,
            "the validator must not be the model's author (who registered it)");

  const int64_t stray =
      must(
          create(inventory::models(),
                 {{"name", "Other model"s}, {"model_version", "1"s}, {"model_type", "classifier"s}},
                 admin_))
          .id;
  auto foreign = create_validation(validator_.user_id.value(), stray);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().field, "model_id");

  EXPECT_TRUE(create_validation(validator_.user_id.value(), model_).ok());
}

TEST_P(ValidationsTest, ARunChecksTheAgreedCriteriaAndKeepsTheEvidence) {
  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  agreed("Accuracy", "performance", "performance.accuracy", "overall", "at_least", 0.9);
  // A draft requirement is not yet a criterion.
  must(create(requirements(),
              {{"name", "Draft"s},
               {"ai_system_id", system_},
               {"kind", "performance"s},
               {"statement", "x"s},
               {"metric", "performance.f1"s},
               {"comparison", "at_least"s},
               {"threshold", 0.99}},
              author_));
  const Record v = must(create_validation(validator_.user_id.value(), model_));

  // Selection rates a 2/8 = 0.25 and b 4/8 = 0.5: disparate impact 0.25 / 0.5 = 0.5 < 0.8.
  // Labels equal predictions: accuracy 1.
  auto unfair = run(v.id, aims::testing::two_group_log(2, 4));
  ASSERT_TRUE(unfair.ok()) << unfair.error().message;
  EXPECT_FALSE(unfair->pass);
  EXPECT_EQ(unfair->rows, 16);
  ASSERT_EQ(unfair->criteria.size(), 2u);  // by name: Accuracy, then Approval parity
  EXPECT_EQ(unfair->criteria[0]["pass"], true);
  const auto& parity = unfair->criteria[1];
  EXPECT_EQ(parity["name"], "Approval parity");
  EXPECT_EQ(parity["pass"], false);
  EXPECT_DOUBLE_EQ(parity["measured"].get<double>(), 0.5);
  EXPECT_EQ(parity["reason"], "0.5 at attribute:g is below 0.8");
  EXPECT_EQ(read(v.id, validations()).text("outcome"), "failed");

  // Both groups at 4/8: disparate impact 1.
  auto fair = run(v.id, aims::testing::two_group_log(4, 4));
  ASSERT_TRUE(fair.ok());
  EXPECT_TRUE(fair->pass);
  const Record after = read(v.id, validations());
  EXPECT_EQ(after.text("outcome"), "passed");
  EXPECT_EQ(after.text("last_run_on"), risk::testing::date_in(0));

  auto stored = runs_of(*db_, alpha_.org, v.id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].id, fair->id);  // newest first
  EXPECT_EQ((*stored)[1].log_sha256, unfair->log_sha256);
  EXPECT_EQ((*stored)[0].run_by_name, "Person author@alpha.test");
  trail::Filter f;
  f.entity_type = "validation_run";
  auto events = db_->read([&](store::Tx& tx) { return trail::list(tx, alpha_.org, f); });
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
  // Another organisation sees none of it.
  EXPECT_EQ(get_run(*db_, beta_.org, fair->id).error().code, ErrorCode::not_found);
}

TEST_P(ValidationsTest, ARobustnessCriterionReadsThePerturbedPair) {
  agreed("Stable decisions", "robustness", "robustness.flip_rate", "", "at_most", 0.1);
  const Record v = must(create_validation(validator_.user_id.value(), model_));
  // Original: a and b predict 1 for their first 4 of 8; perturbed: a only for its first 2. Rows
  // r3 and r4 flip: overall 2/16 = 0.125, group a 2/8 = 0.25, b 0. The worst is a's.
  auto pair = run(v.id, aims::testing::two_group_log(4, 4), aims::testing::two_group_log(2, 4));
  ASSERT_TRUE(pair.ok()) << pair.error().message;
  EXPECT_FALSE(pair->pass);
  EXPECT_DOUBLE_EQ(pair->criteria[0]["measured"].get<double>(), 0.25);
  EXPECT_EQ(pair->criteria[0]["where"], "group:g=a");
  EXPECT_EQ(pair->perturbed_name, "holdout-noisy.csv");
  EXPECT_EQ(pair->robustness["overall"]["flips"], 2);

  // Without the pair the criterion is not measured, so it fails.
  auto alone = run(v.id, aims::testing::two_group_log(4, 4));
  ASSERT_TRUE(alone.ok());
  EXPECT_FALSE(alone->pass);
  EXPECT_EQ(alone->criteria[0]["reason"],
            "not measured in any scope: the log gives nothing to compute it from");
}

TEST_P(ValidationsTest, ARunNeedsAMonitorOfTheSystemAndAnAgreedCriterion) {
  Record v = must(create_validation(validator_.user_id.value(), model_));
  auto no_criteria = run(v.id, aims::testing::two_group_log(4, 4));
  ASSERT_FALSE(no_criteria.ok());
  EXPECT_EQ(no_criteria.error().code, ErrorCode::failed_precondition);

  agreed("Accuracy", "performance", "performance.accuracy", "overall", "at_least", 0.9);
  const int64_t other = add_system("Chatbot");
  monitoring::MonitorInput input{
      .system_id = other, .name = "Chat", .config_json = R"({"columns": {"prediction": "pred"}})"};
  auto foreign = monitoring::create_monitor(*db_, alpha_.org, input, admin_.actor);
  ASSERT_TRUE(foreign.ok());
  Record change;
  change.values["monitor_id"] = foreign->id;
  ASSERT_TRUE(
      records::update(*db_, validations(), alpha_.org, v.id, change, v.version, author_).ok());
  auto wrong_monitor = run(v.id, aims::testing::two_group_log(4, 4));
  ASSERT_FALSE(wrong_monitor.ok());
  EXPECT_EQ(wrong_monitor.error().message, "the monitor named belongs to another AI system");
}

TEST_P(ValidationsTest, ChangingWhatWasRunForgetsTheOutcome) {
  agreed("Accuracy", "performance", "performance.accuracy", "overall", "at_least", 0.9);
  Record v = must(create_validation(validator_.user_id.value(), model_));
  ASSERT_TRUE(run(v.id, aims::testing::two_group_log(4, 4)).ok());
  v = read(v.id, validations());
  ASSERT_EQ(v.text("outcome"), "passed");
  // A second model of the system takes the first's place: the pass was not about it.
  const int64_t other = must(create(inventory::models(),
                                    {{"name", "Credit PD model"s},
                                     {"model_version", "3.3"s},
                                     {"model_type", "classifier"s}},
                                    author_))
                            .id;
  const Record system = read(system_, inventory::ai_systems());
  Record both;
  both.values["model_ids"] = records::Ids{model_, other};
  ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, both,
                              system.version, admin_)
                  .ok());
  Record change;
  change.values["model_id"] = other;
  ASSERT_TRUE(
      records::update(*db_, validations(), alpha_.org, v.id, change, v.version, author_).ok());
  const Record after = read(v.id, validations());
  EXPECT_EQ(after.text("outcome"), "not_run");
  EXPECT_FALSE(after.is_set("last_run_on"));
  auto submitted = step(v.id, "submit", author_, "", {}, validations());
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.error().message, "run the validation logs first: there is no result yet");
}

TEST_P(ValidationsTest, OnlyTheValidatorSignsOffAndOnlyAPassedRun) {
  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  const Record v = must(create_validation(validator_.user_id.value(), model_));
  auto early = step(v.id, "submit", author_, "", {}, validations());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, "run the validation logs first: there is no result yet");

  ASSERT_TRUE(run(v.id, aims::testing::two_group_log(2, 4)).ok());  // fails parity
  must_step(v.id, "submit", author_, "", {}, validations());
  auto failed_run = step(v.id, "sign_off", validator_, "", {{"conclusion", "Fit"s}}, validations());
  ASSERT_FALSE(failed_run.ok());
  EXPECT_NE(failed_run.error().message.find("did not pass every acceptance criterion"),
            std::string::npos);
  // A submitted validation takes no more runs.
  EXPECT_EQ(run(v.id, aims::testing::two_group_log(4, 4)).error().code,
            ErrorCode::failed_precondition);

  must_step(v.id, "return", author_, "Rerun on the corrected extract", {}, validations());
  ASSERT_TRUE(run(v.id, aims::testing::two_group_log(4, 4)).ok());
  must_step(v.id, "submit", author_, "", {}, validations());
  for (const Caller* not_validator : {&author_, &approver_, &admin_}) {
    auto refused =
        step(v.id, "sign_off", *not_validator, "", {{"conclusion", "Fit"s}}, validations());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(refused.error().message, "only the named validator decides a validation");
  }
  must_step(v.id, "sign_off", validator_, "", {{"conclusion", "Fit for release"s}}, validations());
  const Record signed_off = read(v.id, validations());
  EXPECT_EQ(signed_off.state, "passed");
  EXPECT_EQ(signed_off.frozen, 1);
}

TEST_P(ValidationsTest, TheRulesFollowRequirementsAndSignOff) {
  const Record system = read(system_, inventory::ai_systems());
  Record deployed;
  deployed.values = {{"lifecycle_stage", "deployment"s}, {"in_scope", true}};
  ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, system_, deployed,
                              system.version, admin_)
                  .ok());
  const auto* requirements_rule = readiness::rule_for("iso-iec-42001-2023", "A.6.2.2");
  const auto* validation_rule = readiness::rule_for("iso-iec-42001-2023", "A.6.2.4");
  ASSERT_NE(requirements_rule, nullptr);
  ASSERT_NE(validation_rule, nullptr);
  auto before = requirements_rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->status, readiness::Status::not_met);
  EXPECT_EQ(validation_rule->assess(*db_, alpha_.org)->status, readiness::Status::not_met);

  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  EXPECT_EQ(requirements_rule->assess(*db_, alpha_.org)->status, readiness::Status::met);
  const Record v = must(create_validation(validator_.user_id.value(), model_));
  ASSERT_TRUE(run(v.id, aims::testing::two_group_log(4, 4)).ok());
  must_step(v.id, "submit", author_, "", {}, validations());
  must_step(v.id, "sign_off", validator_, "", {{"conclusion", "Fit for release"s}}, validations());
  auto after = validation_rule->assess(*db_, alpha_.org);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, readiness::Status::met) << after->reason;
}

INSTANTIATE_TEST_SUITE_P(Backends, ValidationsTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::lifecycle
