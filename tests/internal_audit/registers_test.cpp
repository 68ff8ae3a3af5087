// The audit registers' rules: criteria from the ISO/IEC 42001 catalog, dates within the
// programme, auditors independent of what they audit (refused with the person and the record
// named), and the report signed off only by the lead auditor, freezing a version; on both
// backends.
#include <gtest/gtest.h>

#include "internal_audit/fixture.h"

namespace aims::internal_audit {
namespace {

using records::Record;
using testing::Values;
using namespace std::string_literals;

class AuditRegisterTest : public testing::AuditTest {};

TEST_P(AuditRegisterTest, CriteriaAreClauseRequirementsOrAnnexAControls) {
  const Record programme = add_programme();
  auto unknown = create_audit(programme.id, "Odd criteria", {"A.9.9", "9.2"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "criteria");
  // "9.2" is a heading of the catalog, not a requirement: both are named at once.
  EXPECT_EQ(unknown.error().message,
            "\"A.9.9\", \"9.2\": not requirements of clauses 4 to 10 nor Annex A controls of "
            "ISO/IEC 42001; write them as 9.2.1 or A.6.2.6");
  EXPECT_TRUE(create_audit(programme.id, "Good criteria", {"9.2.1", "A.6.2.6"}).ok());
}

TEST_P(AuditRegisterTest, PlannedDatesFallWithinTheProgrammesPeriod) {
  const Record programme = add_programme();
  auto late = create_audit(programme.id, "Next year", {"9.2.1"}, {{"planned_end", "2028-01-10"s}});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().field, "planned_end");
  auto backwards =
      create_audit(programme.id, "Backwards", {"9.2.1"}, {{"planned_end", "2027-02-01"s}});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "planned_end");
}

TEST_P(AuditRegisterTest, TheOwnerOfAnSoAEntryInScopeCannotLeadTheAudit) {
  const auto priya = add_person("priya@alpha.test", auth::Role::aims_manager, "Priya Shah");
  add_soa_entry("A.6.2.6", priya.user_id.value());
  const Record programme = add_programme();
  auto refused = create_audit(programme.id, "Monitoring audit", {"9.1", "A.6.2.6"},
                              {{"lead_auditor_id", priya.user_id.value()}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "lead_auditor_id");
  EXPECT_EQ(refused.error().message,
            "Priya Shah owns the SoA entry A.6.2.6 AI system operation and monitoring, which the "
            "audit covers: auditors may not audit their own work, so choose another lead auditor");
  // Nor may she sit on the team; an independent lead with an independent team is accepted.
  auto in_team = create_audit(programme.id, "Monitoring audit", {"A.6.2.6"},
                              {{"team", std::vector<std::string>{"priya@alpha.test"}}});
  ASSERT_FALSE(in_team.ok());
  EXPECT_EQ(in_team.error().field, "team");
  EXPECT_NE(in_team.error().message.find("Priya Shah owns the SoA entry A.6.2.6"),
            std::string::npos);
  EXPECT_TRUE(create_audit(programme.id, "Monitoring audit", {"A.6.2.6"},
                           {{"team", std::vector<std::string>{"second@alpha.test"}}})
                  .ok());
}

TEST_P(AuditRegisterTest, OwnersOfProceduresAndTreatmentActionsInScopeAreNotIndependent) {
  const Record procedure = must(create(documents::documents(),
                                       {{"title", "Model validation guideline"s},
                                        {"document_type", "procedure"s},
                                        {"owner_id", approver_.user_id.value()}},
                                       author_));
  const Record programme = add_programme();
  auto by_procedure = create_audit(programme.id, "Validation audit", {"A.6.2.4"},
                                   {{"procedure_ids", records::Ids{procedure.id}},
                                    {"lead_auditor_id", approver_.user_id.value()}});
  ASSERT_FALSE(by_procedure.ok());
  EXPECT_NE(by_procedure.error().message.find(
                "owns the procedure \"Model validation guideline\", which the audit covers"),
            std::string::npos);
  const Record risk = add_risk("Biased approvals");
  add_action("Quarterly bias review", risk.id, "2027-06-30", {{"control", "A.6.2.4"s}});
  auto by_action = create_audit(programme.id, "Validation audit", {"A.6.2.4"},
                                {{"lead_auditor_id", owner_.user_id.value()}});
  ASSERT_FALSE(by_action.ok());
  EXPECT_NE(by_action.error().message.find(
                "owns the treatment action \"Quarterly bias review\" (A.6.2.4)"),
            std::string::npos);
}

TEST_P(AuditRegisterTest, ATeamMemberIsAnActivePersonOfTheOrganisation) {
  const Record programme = add_programme();
  auto stranger = create_audit(programme.id, "Audit", {"9.1"},
                               {{"team", std::vector<std::string>{"owner@beta.test"}}});
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().field, "team");
  EXPECT_EQ(stranger.error().message, "owner@beta.test is no active person of the organisation");
}

TEST_P(AuditRegisterTest, OnlyTheLeadAuditorSignsTheReportOffWhichFreezesAVersion) {
  const Record programme = add_programme();
  const Record audit = must(create_audit(programme.id, "Lifecycle audit", {"A.6.2.4"}));
  ASSERT_TRUE(move(audits(), audit.id, "start", auditor_, {{"actual_start", "2027-03-01"s}}).ok());
  const Values report = {{"actual_end", "2027-03-05"s}, {"summary", "Conforms."s}};
  auto by_manager = move(audits(), audit.id, "report", author_, report);
  ASSERT_FALSE(by_manager.ok());
  EXPECT_EQ(by_manager.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_manager.error().message,
            "only the lead auditor, Grace Lindqvist, signs the report off");
  auto signed_off = move(audits(), audit.id, "report", auditor_, report);
  ASSERT_TRUE(signed_off.ok()) << signed_off.error().message;
  EXPECT_EQ(signed_off->record.state, "reported");
  EXPECT_EQ(signed_off->record.frozen, 1);
}

TEST_P(AuditRegisterTest, AProgrammeIsApprovedBySomeoneOtherThanItsOwner) {
  const Record programme = add_programme();
  auto by_owner = move(programmes(), programme.id, "approve", owner_);
  ASSERT_FALSE(by_owner.ok());
  EXPECT_EQ(by_owner.error().code, ErrorCode::permission_denied);
  auto approved = move(programmes(), programme.id, "approve", approver_);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->record.state, "approved");
  EXPECT_EQ(approved->record.frozen, 1);
}

TEST_P(AuditRegisterTest, AnotherOrganisationsAuditIsNotFound) {
  const Record programme = add_programme();
  const Record audit = must(create_audit(programme.id, "Alpha's audit", {"9.1"}));
  auto checklist = generate_checklist(*db_, beta_.org, audit.id, inventory::testing::kActor);
  ASSERT_FALSE(checklist.ok());
  EXPECT_EQ(checklist.error().code, ErrorCode::not_found);
  auto coverage = programme_coverage(*db_, beta_.org, programme.id);
  ASSERT_FALSE(coverage.ok());
  EXPECT_EQ(coverage.error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditRegisterTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::internal_audit
