// The supplier registers' rules: a decision by someone other than the assessor and the
// relationship owner, conditions with their due date, the next review and the supplier kept in
// step, evaluations moving the supplier's next evaluation, exit plans' next test, and the
// incident's supplier notice due date; on both backends.
#include <gtest/gtest.h>

#include "documents/documents.h"
#include "suppliers/fixture.h"

namespace aims::suppliers {
namespace {

using records::Record;
using testing::date_in;
using testing::Values;
using namespace std::string_literals;

class SupplierRegisterTest : public testing::SupplierTest {};

TEST_P(SupplierRegisterTest, NeitherTheAssessorNorTheRelationshipOwnerDecides) {
  const Record a = submitted_assessment(3);
  auto by_assessor = move(assessments(), a.id, "approve", assessor_);
  ASSERT_FALSE(by_assessor.ok());
  EXPECT_EQ(by_assessor.error().code, ErrorCode::permission_denied);
  auto by_owner = move(assessments(), a.id, "approve", owner_);
  ASSERT_FALSE(by_owner.ok());
  EXPECT_EQ(by_owner.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_owner.error().message,
            "separation of duties: you own the relationship with this supplier, so someone else "
            "must decide on its assessment");
  auto by_other = move(assessments(), a.id, "approve", approver_);
  ASSERT_TRUE(by_other.ok()) << by_other.error().message;
  EXPECT_EQ(by_other->record.state, "approved");
}

TEST_P(SupplierRegisterTest, ADecisionRecordsWhoAndWhenAndMovesTheSuppliersReview) {
  const Record a = submitted_assessment(3);  // 27 of 27: low concern
  ASSERT_TRUE(move(assessments(), a.id, "approve", approver_).ok());
  const Record decided = get(assessments(), a.id);
  EXPECT_EQ(decided.number("total_score"), 27);
  EXPECT_EQ(decided.text("rating"), "low");
  EXPECT_EQ(decided.text("decided_on"), date_in(0));
  EXPECT_EQ(decided.number("approver_id"), approver_.user_id);
  // A low concern is reviewed 24 months after the decision.
  const std::string next = documents::add_months(date_in(0), 24).value();
  EXPECT_EQ(decided.text("next_review_due"), next);
  const Record supplier = get(inventory::suppliers(), supplier_);
  EXPECT_EQ(supplier.text("assessment_status"), "approved");
  EXPECT_EQ(supplier.text("last_review"), date_in(0));
  EXPECT_EQ(supplier.text("next_review"), next);
}

TEST_P(SupplierRegisterTest, ConditionsNeedTheirTextAndDueDateAndAreMetLater) {
  const Record a = submitted_assessment(1);  // 9 of 27: high concern
  auto bare = move(assessments(), a.id, "approve_with_conditions", approver_);
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, ErrorCode::invalid_argument);
  const std::string due = date_in(30);
  ASSERT_TRUE(move(assessments(), a.id, "approve_with_conditions", approver_,
                   {{"conditions", "30 days' notice of model changes"s}, {"conditions_due", due}})
                  .ok());
  const Record with = get(assessments(), a.id);
  EXPECT_EQ(with.state, "approved_with_conditions");
  EXPECT_EQ(with.text("conditions_due"), due);
  // A high concern is reviewed 12 months after the decision.
  EXPECT_EQ(with.text("next_review_due"), documents::add_months(date_in(0), 12).value());
  EXPECT_EQ(get(inventory::suppliers(), supplier_).text("assessment_status"),
            "approved_with_conditions");
  ASSERT_TRUE(
      move(assessments(), a.id, "conditions_met", assessor_, {{"conditions_met_on", date_in(0)}})
          .ok());
  EXPECT_EQ(get(assessments(), a.id).state, "approved");
  EXPECT_EQ(get(inventory::suppliers(), supplier_).text("assessment_status"), "approved");
}

TEST_P(SupplierRegisterTest, AnUnansweredQuestionnaireCannotBeSubmitted) {
  const Record a = must(create(assessments(),
                               {{"title", "Vendor draft"s},
                                {"supplier_id", supplier_},
                                {"assessed_on", date_in(0)},
                                {"assessor_id", assessor_.user_id.value()},
                                {"q_security", int64_t{2}}},
                               author_));
  EXPECT_FALSE(a.is_set("rating"));
  auto submitted = move(assessments(), a.id, "submit", assessor_);
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.error().code, ErrorCode::invalid_argument);
}

TEST_P(SupplierRegisterTest, AnEvaluationSetsTheSuppliersNextEvaluationFromItsInterval) {
  const Record e = must(create(evaluations(),
                               {{"title", "Vendor outputs, March"s},
                                {"supplier_id", supplier_},
                                {"period_from", "2027-03-01"s},
                                {"period_to", "2027-03-31"s},
                                {"evaluator_id", assessor_.user_id.value()},
                                {"evaluated", "Accuracy and bias of the month's scores"s},
                                {"outcome", "meets"s}},
                               author_));
  // Monthly: 31 March + 1 month is 30 April (the last day of April).
  EXPECT_EQ(e.text("next_due"), "2027-04-30");
  EXPECT_EQ(get(inventory::suppliers(), supplier_).text("next_evaluation_due"), "2027-04-30");
}

TEST_P(SupplierRegisterTest, ATestedExitPlanIsDueForTestingAgainTwelveMonthsOn) {
  const Record p = must(create(exit_plans(),
                               {{"title", "Leaving Vendor"s},
                                {"supplier_id", supplier_},
                                {"owner_id", assessor_.user_id.value()},
                                {"triggers", "Vendor fails"s},
                                {"fallback_kind", "manual_process"s},
                                {"fallback", "Manual review"s},
                                {"last_tested_on", "2027-01-15"s},
                                {"test_outcome", "passed"s}},
                               author_));
  EXPECT_EQ(p.text("next_test_due"), "2028-01-15");
  auto no_outcome = create(exit_plans(),
                           {{"title", "Leaving Vendor again"s},
                            {"supplier_id", supplier_},
                            {"owner_id", assessor_.user_id.value()},
                            {"triggers", "Vendor fails"s},
                            {"fallback_kind", "manual_process"s},
                            {"fallback", "Manual review"s},
                            {"last_tested_on", "2027-01-15"s}},
                           author_);
  ASSERT_FALSE(no_outcome.ok());
  EXPECT_EQ(no_outcome.error().field, "test_outcome");
}

TEST_P(SupplierRegisterTest, AnIncidentNamingASupplierIsDueToBeToldIt) {
  const Record i = must(create(improvement::incidents(),
                               {{"title", "Vendor outage"s},
                                {"system_id", system_},
                                {"severity", "medium"s},
                                {"status", "open"s},
                                {"became_aware_at", "2027-05-01T10:00:00Z"s},
                                {"supplier_id", supplier_}},
                               author_));
  // 72 hours after 1 May 10:00 falls on 4 May.
  EXPECT_EQ(i.text("supplier_notice_due_by"), "2027-05-04");
  Record told;
  told.values = {{"supplier_notified_at", "2027-05-02T09:00:00Z"s},
                 {"supplier_notification", "What happened and when"s}};
  auto after =
      records::update(*db_, improvement::incidents(), alpha_.org, i.id, told, i.version, author_);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_FALSE(after->is_set("supplier_notice_due_by"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SupplierRegisterTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::suppliers
