// The risk workflow and separation of duties, on both backends: a residual risk within the
// acceptance threshold is accepted by its owner; above it, acceptance goes through a request that
// an admin or AIMS manager who neither wrote nor owns the risk approves (or declines), and the
// approval with its reason is in the audit trail.
//
// Under the default criteria (product rule: <= 4 low, <= 9 medium, <= 16 high, else critical)
// owners accept up to medium.
#include <gtest/gtest.h>

#include "risk/fixture.h"

namespace aims::risk {
namespace {

using records::Caller;
using records::Record;
using testing::Values;

class RiskWorkflowTest : public testing::RiskTest {
 protected:
  // A risk assessed at 4 x 4 = 16 (high) and in treatment.
  Record in_treatment(const std::string& title) {
    const Record r = add_risk(title);
    must_step(r.id, "assess", owner_, "",
              {{"inherent_likelihood", int64_t(4)}, {"inherent_impact", int64_t(4)}});
    must_step(r.id, "treat", owner_, "", {{"treatment", std::string("modify")}});
    return read(r.id);
  }

  // Residual 4 x 3 = 12: high, above the threshold; acceptance requested by the owner.
  Record requested(const std::string& title) {
    const Record r = in_treatment(title);
    must_step(r.id, "request_acceptance", owner_, "The remaining controls cost more than the harm",
              {{"residual_likelihood", int64_t(4)}, {"residual_impact", int64_t(3)}});
    return read(r.id);
  }
};

TEST_P(RiskWorkflowTest, TheOwnerAcceptsAResidualRiskWithinTheThreshold) {
  const Record r = in_treatment("Within threshold");
  EXPECT_EQ(r.state, "in_treatment");
  EXPECT_EQ(r.text("inherent_level"), "high");  // 4 x 4 = 16
  // Accepting needs a reason.
  auto unexplained = step(r.id, "accept", owner_, "",
                          {{"residual_likelihood", int64_t(2)}, {"residual_impact", int64_t(3)}});
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().field, "reason");
  // Residual 2 x 3 = 6: medium, at the threshold, so the owner accepts it alone.
  auto accepted = step(r.id, "accept", owner_, "Human review of every decline covers the rest",
                       {{"residual_likelihood", int64_t(2)}, {"residual_impact", int64_t(3)}});
  ASSERT_TRUE(accepted.ok()) << accepted.error().field << ": " << accepted.error().message;
  EXPECT_TRUE(accepted->moved);
  EXPECT_EQ(accepted->record.state, "accepted");
  EXPECT_EQ(accepted->record.text("residual_level"), "medium");
  // An accepted risk is not edited by people; it is reassessed first.
  auto edit_accepted = edit(r.id, {{"description", std::string("changed")}}, owner_);
  ASSERT_FALSE(edit_accepted.ok());
  EXPECT_EQ(edit_accepted.error().code, ErrorCode::failed_precondition);
  must_step(r.id, "reassess", owner_, "A new market");
  EXPECT_EQ(read(r.id).state, "assessed");
}

TEST_P(RiskWorkflowTest, AResidualRiskAboveTheThresholdIsNotAcceptedByItsOwnerAlone) {
  const Record r = in_treatment("Above threshold");
  // Residual 4 x 3 = 12: high, above medium.
  auto refused = step(r.id, "accept", owner_, "We can live with it",
                      {{"residual_likelihood", int64_t(4)}, {"residual_impact", int64_t(3)}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(refused.error().message.find("above the acceptance threshold (Medium)"),
            std::string::npos)
      << refused.error().message;
  // Nothing was written: no residual scores, still in treatment.
  const Record after = read(r.id);
  EXPECT_EQ(after.state, "in_treatment");
  EXPECT_FALSE(after.is_set("residual_likelihood"));
  EXPECT_EQ(after.version, r.version);
}

TEST_P(RiskWorkflowTest, ARequestWithinTheThresholdIsRefused) {
  const Record r = in_treatment("Request within threshold");
  // Residual 3 x 3 = 9: medium, within the threshold: the owner accepts it without an approver.
  auto refused = step(r.id, "request_acceptance", owner_, "Please approve",
                      {{"residual_likelihood", int64_t(3)}, {"residual_impact", int64_t(3)}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(read(r.id).state, "in_treatment");
}

TEST_P(RiskWorkflowTest, OnlyAnApproverWhoNeitherWroteNorOwnsItApproves) {
  const Record r = requested("Needs an approver");
  EXPECT_EQ(r.state, "acceptance_requested");
  EXPECT_EQ(r.text("residual_level"), "high");
  EXPECT_EQ(r.created_by, author_.user_id);
  EXPECT_EQ(r.number("owner_id"), owner_.user_id);

  // The owner and the author are AIMS managers, whose role approves, but they answer for the risk.
  for (const Caller* who : {&owner_, &author_}) {
    auto own = step(r.id, "approve_acceptance", *who, "Fine by me");
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(own.error().message,
              "separation of duties: you wrote or own this risk, so someone else must approve it");
  }
  // A contributor's role does not approve at all.
  auto contributor = step(r.id, "approve_acceptance", contributor_, "Fine by me");
  ASSERT_FALSE(contributor.ok());
  EXPECT_EQ(contributor.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(contributor.error().message, "your role may not approve acceptance");
  EXPECT_EQ(read(r.id).state, "acceptance_requested");
  EXPECT_EQ(read(r.id).version, r.version) << "refusals write nothing";

  // A decision needs its reason.
  auto unexplained = step(r.id, "approve_acceptance", approver_, "");
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().field, "reason");

  auto approved =
      step(r.id, "approve_acceptance", approver_, "Accepted until the new model ships in Q2");
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_TRUE(approved->moved);
  EXPECT_EQ(approved->approvals_given, 1);
  EXPECT_EQ(approved->approvals_needed, 1);
  EXPECT_EQ(approved->record.state, "accepted");

  // The trail holds the approval: who, which move, and the reason.
  bool found = false;
  for (const auto& e : events_of("risk", r.id)) {
    if (e.changes.find("\"approve_acceptance\"") == std::string::npos) continue;
    found = true;
    EXPECT_EQ(e.action, "transition");
    EXPECT_EQ(e.actor_label, "approver@alpha.test");
    EXPECT_NE(e.changes.find("Accepted until the new model ships in Q2"), std::string::npos)
        << e.changes;
    EXPECT_NE(e.changes.find("\"accepted\""), std::string::npos) << e.changes;
  }
  EXPECT_TRUE(found) << "no audit event of the approval";
  // The request's reason is in the trail too.
  bool requested_found = false;
  for (const auto& e : events_of("risk", r.id))
    requested_found |=
        e.changes.find("The remaining controls cost more than the harm") != std::string::npos;
  EXPECT_TRUE(requested_found);
}

TEST_P(RiskWorkflowTest, AnAdminWhoIsNeitherAuthorNorOwnerApprovesToo) {
  const Record r = requested("Approved by the admin");
  must_step(r.id, "approve_acceptance", admin_, "Board minutes 12");
  EXPECT_EQ(read(r.id).state, "accepted");
}

TEST_P(RiskWorkflowTest, ADeclinedRequestReturnsToTreatment) {
  const Record r = requested("Declined");
  auto contributor = step(r.id, "decline_acceptance", contributor_, "No");
  ASSERT_FALSE(contributor.ok());
  EXPECT_EQ(contributor.error().code, ErrorCode::permission_denied);
  auto unexplained = step(r.id, "decline_acceptance", approver_, "");
  ASSERT_FALSE(unexplained.ok());
  EXPECT_EQ(unexplained.error().field, "reason");
  auto declined = step(r.id, "decline_acceptance", approver_, "Treat it further first");
  ASSERT_TRUE(declined.ok()) << declined.error().message;
  EXPECT_EQ(declined->record.state, "in_treatment");
  // Back in treatment the owner may edit it again, and ask again later.
  ASSERT_TRUE(edit(r.id, {{"residual_likelihood", int64_t(2)}}, owner_).ok());
  EXPECT_EQ(read(r.id).text("residual_level"), "medium");  // 2 x 3 = 6
  must_step(r.id, "accept", owner_, "Reduced by the new control");
  EXPECT_EQ(read(r.id).state, "accepted");
}

TEST_P(RiskWorkflowTest, AssessingNeedsTheInherentScores) {
  const Record r = add_risk("Not yet scored");
  EXPECT_EQ(r.state, "identified");
  auto refused = step(r.id, "assess", owner_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(testing::fields_of(refused.error()).count("inherent_likelihood"));
}

TEST_P(RiskWorkflowTest, ReassessingAsksForTheInherentScores) {
  // Closed before it was ever scored: it cannot become "assessed" without scores, as `assess`
  // requires them too.
  const Record r = add_risk("Closed before scoring");
  must_step(r.id, "close", owner_, "A duplicate");
  auto unscored = step(r.id, "reassess", owner_, "Not a duplicate after all");
  ASSERT_FALSE(unscored.ok());
  EXPECT_EQ(unscored.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(testing::fields_of(unscored.error()).count("inherent_likelihood"));
  EXPECT_EQ(read(r.id).state, "closed");
  // Scored with the move: 3 x 2 = 6 -> medium.
  must_step(r.id, "reassess", owner_, "Not a duplicate after all",
            {{"inherent_likelihood", int64_t(3)}, {"inherent_impact", int64_t(2)}});
  const Record reassessed = read(r.id);
  EXPECT_EQ(reassessed.state, "assessed");
  EXPECT_EQ(reassessed.text("inherent_level"), "medium");
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskWorkflowTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::risk
