// Change requests on both backends: significance derived from the answers, an override only with
// its reason; the requester may not approve; approving a significant change marks the system's
// impact assessment and risks and re-opens validation until a new validation is signed off; a
// non-significant change re-opens nothing; a model linked in service without an approved change
// is flagged until one is approved; and the 6.3 rule.
#include <gtest/gtest.h>

#include "impact/impact.h"
#include "lifecycle/fixture.h"
#include "readiness/readiness.h"

namespace aims::lifecycle {
namespace {

using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

TEST(SignificanceTest, AnyYesIsSignificantAndAnOverrideSaysWhy) {
  Record r;
  Significance none = significance_of(r);
  EXPECT_FALSE(none.significant);
  EXPECT_EQ(none.basis.rfind("Not significant: ", 0), 0u) << none.basis;

  r.values = {{"changes_outputs", true}, {"changes_data", true}};
  const Significance two = significance_of(r);
  EXPECT_TRUE(two.significant);
  // Worked out by hand from the two meanings, joined as one sentence.
  EXPECT_EQ(two.basis,
            "Significant: it can change the outputs for the same inputs; and it changes the "
            "training, validation or test data.");

  r.values["significance_override"] = "not_significant"s;
  r.values["override_reason"] = "Same weights, only the serving container moved"s;
  const Significance judged = significance_of(r);
  EXPECT_FALSE(judged.significant);
  EXPECT_NE(judged.basis.find("as judged by the requester: Same weights"), std::string::npos)
      << judged.basis;
}

class ChangesTest : public testing::LifecycleTest {
 protected:
  Result<Record> request(const Values& extra) {
    Values values = {{"title", "Retrain the PD model"s},
                     {"ai_system_id", system_},
                     {"kind", "new_model_version"s},
                     {"model_id", model_},
                     {"description", "Retrained on 2026 applications"s}};
    for (const auto& [k, v] : extra)
      values[k] = v;
    return create(change_requests(), values, author_);
  }

  // A change request the author raises and the approver approves.
  Record approved(const Values& extra) {
    const Record r = must(request(extra));
    must_step(r.id, "submit", author_, "", {}, change_requests());
    must_step(r.id, "approve", approver_, "", {}, change_requests());
    return read(r.id, change_requests());
  }

  GateCriterion validation_gate() {
    auto check =
        check_gate(*db_, alpha_.org, {.system_id = system_, .stage = "deployment"}, admin_);
    EXPECT_TRUE(check.ok()) << check.error().message;
    if (check.ok())
      for (const auto& c : check->criteria)
        if (c.key == "validation") return c;
    return {"(absent)", "", false, "not evaluated"};
  }

  // A validation of the model run on a fair log, submitted and signed off by the validator.
  void sign_off_validation(const std::string& name) {
    Record v = must(create(validations(),
                           {{"name", name},
                            {"ai_system_id", system_},
                            {"model_id", model_},
                            {"validator_id", validator_.user_id.value()},
                            {"monitor_id", monitor_}},
                           author_));
    ASSERT_TRUE(run(v.id, aims::testing::two_group_log(4, 4)).ok());
    must_step(v.id, "submit", author_, "", {}, validations());
    must_step(v.id, "sign_off", validator_, "", {{"conclusion", "Fit"s}}, validations());
  }

  readiness::Finding rule_6_3() {
    const auto* rule = readiness::rule_for("iso-iec-42001-2023", "6.3");
    EXPECT_NE(rule, nullptr);
    if (!rule) return {};
    auto finding = rule->assess(*db_, alpha_.org);
    EXPECT_TRUE(finding.ok()) << finding.error().message;
    return finding.ok() ? *finding : readiness::Finding{};
  }
};

TEST_P(ChangesTest, SignificanceIsDerivedAndAnOverrideNeedsItsReason) {
  const Record yes = must(request({{"changes_outputs", true}}));
  EXPECT_EQ(yes.text("derived_significance"), "significant");
  EXPECT_EQ(yes.text("significance"), "significant");
  EXPECT_EQ(yes.number("requested_by"), author_.user_id);

  auto unexplained = request({{"title", "Move the container"s},
                              {"changes_outputs", true},
                              {"significance_override", "not_significant"s}});
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(risk::testing::fields_of(unexplained.error()).count("override_reason"))
      << unexplained.error().message;

  const Record judged = must(request({{"title", "Move the container"s},
                                      {"changes_outputs", true},
                                      {"significance_override", "not_significant"s},
                                      {"override_reason", "Same weights, new container"s}}));
  EXPECT_EQ(judged.text("derived_significance"), "significant");
  EXPECT_EQ(judged.text("significance"), "not_significant");

  auto nameless = request({{"title", "New model"s}, {"model_id", records::FieldValue()}});
  ASSERT_FALSE(nameless.ok());
  EXPECT_TRUE(risk::testing::fields_of(nameless.error()).count("model_id"));
}

TEST_P(ChangesTest, TheRequesterMayNotApprove) {
  const Record r = must(request({{"changes_outputs", true}}));
  must_step(r.id, "submit", author_, "", {}, change_requests());
  auto own = step(r.id, "approve", author_, "", {}, change_requests());
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
  EXPECT_NE(own.error().message.find("separation of duties"), std::string::npos);
  must_step(r.id, "approve", approver_, "", {}, change_requests());
  EXPECT_EQ(read(r.id, change_requests()).state, "approved");
}

TEST_P(ChangesTest, ASignificantChangeReopensValidationUntilANewSignOff) {
  set_system({{"lifecycle_stage", "operation_monitoring"s}});
  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  sign_off_validation("PD model before release");
  EXPECT_TRUE(validation_gate().met);
  const int64_t assessment = approve_impact_assessment();
  const Record risk = add_risk("Approvals skew against older applicants");

  const Record change = approved({{"changes_outputs", true}, {"changes_data", true}});
  EXPECT_FALSE(change.text("approved_at").empty());
  EXPECT_EQ(change.text("reopens").rfind("Verification and validation, and deployment", 0), 0u)
      << change.text("reopens");
  const Record marked = read(assessment, impact::assessments());
  EXPECT_TRUE(marked.flag("needs_reassessment"));
  EXPECT_NE(marked.text("reassessment_reason").find("Significant change \"Retrain the PD model\""),
            std::string::npos)
      << marked.text("reassessment_reason");
  EXPECT_EQ(read(risk.id).text("review_raised_on"), risk::testing::date_in(0));

  // The validation signed off before the approval no longer counts.
  const GateCriterion reopened = validation_gate();
  EXPECT_FALSE(reopened.met);
  EXPECT_EQ(reopened.reason,
            "not validated since the significant change \"Retrain the PD model\" "
            "was approved on " +
                risk::testing::date_in(0) + ": Credit PD model 3.2");
  // A new validation, checking the fairness criterion again, closes it.
  sign_off_validation("PD model after retraining");
  EXPECT_TRUE(validation_gate().met);
}

TEST_P(ChangesTest, ANonSignificantChangeReopensNothing) {
  set_system({{"lifecycle_stage", "operation_monitoring"s}});
  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  sign_off_validation("PD model before release");
  const int64_t assessment = approve_impact_assessment();
  const Record risk = add_risk("Approvals skew against older applicants");
  const Record change =
      approved({{"title", "Log the scores' latency"s}, {"kind", "configuration"s}});
  EXPECT_EQ(change.text("significance"), "not_significant");
  EXPECT_EQ(change.text("reopens"), "None: the change is not significant");
  EXPECT_FALSE(read(assessment, impact::assessments()).flag("needs_reassessment"));
  EXPECT_FALSE(read(risk.id).is_set("review_raised_on"));
  EXPECT_TRUE(validation_gate().met);
}

TEST_P(ChangesTest, AModelLinkedInServiceIsFlaggedUntilAChangeIsApproved) {
  const int64_t retrained = must(create(inventory::models(),
                                        {{"name", "Credit PD model"s},
                                         {"model_version", "3.3"s},
                                         {"model_type", "classifier"s}},
                                        author_))
                                .id;
  // Linked while the system is in development: no flag.
  set_system({{"model_ids", records::Ids{model_, retrained}}});
  set_system({{"lifecycle_stage", "operation_monitoring"s}});
  ASSERT_TRUE(unapproved_models(*db_, alpha_.org)->empty());
  set_system({{"model_ids", records::Ids{model_}}});

  // Linked again in operation, with no change request.
  set_system({{"model_ids", records::Ids{model_, retrained}}});
  auto flags = unapproved_models(*db_, alpha_.org, system_);
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ(flags->front().model, "Credit PD model 3.3");
  EXPECT_EQ(flags->front().owner_id, admin_.user_id);  // the system's owner sees it on My work
  const auto unmet = rule_6_3();
  EXPECT_EQ(unmet.status, readiness::Status::not_met);
  EXPECT_EQ(unmet.reason,
            "Credit PD model 3.3 was linked to Credit scorer in service without an approved "
            "change.");
  EXPECT_TRUE(unapproved_models(*db_, beta_.org)->empty());

  // A change request naming another model does not cover it; one naming it, approved, does.
  approved({{"title", "Other model"s}});
  EXPECT_EQ(unapproved_models(*db_, alpha_.org)->size(), 1u);
  approved({{"title", "Retrain to 3.3"s}, {"model_id", retrained}, {"changes_outputs", true}});
  EXPECT_TRUE(unapproved_models(*db_, alpha_.org)->empty());
  const auto met = rule_6_3();
  EXPECT_EQ(met.status, readiness::Status::met);
  // Two approved by hand above, one of them significant.
  EXPECT_EQ(met.reason,
            "2 changes weighed for significance and approved by someone other than the "
            "requester (1 significant); no model reached a system in service without one.");
}

TEST_P(ChangesTest, NoApprovedChangeLeavesTheRulePartial) {
  EXPECT_EQ(rule_6_3().status, readiness::Status::partial);
  must(request({}));
  EXPECT_EQ(rule_6_3().status, readiness::Status::partial);
}

// A.6.2.2 asks for requirements again after a change of purpose or population; A.6.2.4 for a
// validation signed off after the latest significant change.
TEST_P(ChangesTest, TheLifecycleRulesFollowSignificantChanges) {
  set_system({{"lifecycle_stage", "deployment"s}, {"in_scope", true}});
  const auto* requirements_rule = readiness::rule_for("iso-iec-42001-2023", "A.6.2.2");
  const auto* validation_rule = readiness::rule_for("iso-iec-42001-2023", "A.6.2.4");
  ASSERT_TRUE(requirements_rule && validation_rule);
  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  sign_off_validation("PD model before release");
  EXPECT_EQ(requirements_rule->assess(*db_, alpha_.org)->status, readiness::Status::met);
  EXPECT_EQ(validation_rule->assess(*db_, alpha_.org)->status, readiness::Status::met);

  approved({{"title", "Offer loans to students"s},
            {"kind", "purpose_population"s},
            {"model_id", records::FieldValue()},
            {"changes_purpose", true}});
  EXPECT_EQ(requirements_rule->assess(*db_, alpha_.org)->status, readiness::Status::not_met);
  EXPECT_EQ(validation_rule->assess(*db_, alpha_.org)->status, readiness::Status::not_met);

  agreed("Approval parity for students", "fairness", "fairness.disparate_impact", "attribute:g",
         "at_least", 0.8);
  sign_off_validation("PD model for students");
  EXPECT_EQ(requirements_rule->assess(*db_, alpha_.org)->status, readiness::Status::met);
  EXPECT_EQ(validation_rule->assess(*db_, alpha_.org)->status, readiness::Status::met);
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangesTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::lifecycle
