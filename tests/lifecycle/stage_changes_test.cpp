// Stage changes on both backends: approval checks the gate and moves the system in the same
// step; the requester and the system's owner may not approve; an unmet criterion (a committee's
// hold among them) refuses the approval and keeps the failed check; the generic transition cannot
// skip the gate; retirement needs its checklist and every monitor stopped; the 8.1, A.6.1.2,
// A.6.1.3 and A.6.2.5 rules. The people: the fixture's admin owns the credit scorer, the author
// requests, the approver (an AIMS manager) approves.
#include <gtest/gtest.h>

#include "leadership/leadership.h"
#include "lifecycle/fixture.h"
#include "objectives/objectives.h"
#include "readiness/readiness.h"

namespace aims::lifecycle {
namespace {

using records::Caller;
using records::Record;
using risk::testing::Values;
using namespace std::string_literals;

class StageChangeTest : public testing::LifecycleTest {
 protected:
  void SetUp() override {
    LifecycleTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    leadership::define_registers();
    // At the low tier, entering development asks only that no hold is in force.
    set_system({{"risk_tier", "low"s}});
  }

  // A submitted stage change of the credit scorer, requested by the author.
  Record submitted(const std::string& to_stage, const Values& extra = {}) {
    Values values = {{"name", "Credit scorer into " + to_stage},
                     {"ai_system_id", system_},
                     {"to_stage", to_stage},
                     {"justification", "Ready"s}};
    for (const auto& [k, v] : extra)
      values[k] = v;
    const Record r = must(create(stage_changes(), values, author_));
    must_step(r.id, "submit", author_, "", {}, stage_changes());
    return read(r.id, stage_changes());
  }

  Result<StageApproval> approve(const Record& change, const Caller& who) {
    return approve_stage_change(*db_, alpha_.org, change.id, change.version, who, "api");
  }

  std::string stage_now() { return read(system_, inventory::ai_systems()).text("lifecycle_stage"); }

  void hold_the_system() {
    const Record committee = must(create(leadership::committees(),
                                         {{"name", "AI board"s},
                                          {"mandate", "Decides releases"s},
                                          {"may_halt_releases", true},
                                          {"chair_id", approver_.user_id.value()}},
                                         admin_));
    must(create(leadership::committee_decisions(),
                {{"title", "Hold the credit scorer"s},
                 {"committee_id", committee.id},
                 {"decided_on", risk::testing::date_in(-1)},
                 {"kind", "place_hold"s},
                 {"rationale", "Fairness review open"s},
                 {"system_ids", records::Ids{system_}}},
                admin_));
  }

  readiness::Finding finding(const char* id) {
    const auto* r = readiness::rule_for("iso-iec-42001-2023", id);
    EXPECT_NE(r, nullptr) << id;
    auto found = r->assess(*db_, alpha_.org);
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : readiness::Finding{readiness::Status::not_applicable, "", {}, {}};
  }

  readiness::Status rule(const char* id) { return finding(id).status; }

  // An objective of the author's naming `systems`, planned.
  Record objective(const records::Ids& systems) {
    return must(create(objectives::objectives(),
                       {{"title", "No unfair model reaches production"s},
                        {"owner_id", author_.user_id.value()},
                        {"system_ids", systems},
                        {"measure", std::string(objectives::kByHand)},
                        {"target_value", 100.0},
                        {"direction", "at_least"s},
                        {"start_on", risk::testing::date_in(0)},
                        {"due_on", risk::testing::date_in(90)}},
                       author_));
  }
};

TEST_P(StageChangeTest, ApprovalChecksTheGateAndMovesTheSystemInTheSameStep) {
  const Record change = submitted("development");
  EXPECT_EQ(change.text("from_stage"), "design");  // filled in by aims
  ASSERT_EQ(stage_now(), "design");

  auto approved = approve(change, approver_);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_TRUE(approved->outcome.moved);
  EXPECT_TRUE(approved->check.passed);
  EXPECT_EQ(approved->check.stage, "development");
  EXPECT_EQ(stage_now(), "development");
  const Record after = read(change.id, stage_changes());
  EXPECT_EQ(after.state, "approved");
  EXPECT_EQ(after.number("gate_check_id"), approved->check.id);
  // The check is kept as evidence, and the system's move is in the trail.
  EXPECT_TRUE(get_gate_check(*db_, alpha_.org, approved->check.id)->passed);
  bool moved_in_trail = false;
  for (const auto& e : events_of("ai_system", system_))
    moved_in_trail |= e.changes.find("development") != std::string::npos;
  EXPECT_TRUE(moved_in_trail);
}

TEST_P(StageChangeTest, NeitherTheRequesterNorTheSystemsOwnerApproves) {
  const Record change = submitted("development");
  auto by_requester = approve(change, author_);
  ASSERT_FALSE(by_requester.ok());
  EXPECT_EQ(by_requester.error().code, ErrorCode::permission_denied);
  // The admin owns the credit scorer.
  auto by_owner = approve(change, admin_);
  ASSERT_FALSE(by_owner.ok());
  EXPECT_EQ(by_owner.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(by_owner.error().message, "the AI system's owner may not approve its stage change");
  auto refused = approval_refused(*db_, alpha_.org, read(change.id, stage_changes()), admin_);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->value_or(""), "the AI system's owner may not approve its stage change");
  EXPECT_FALSE(
      approval_refused(*db_, alpha_.org, read(change.id, stage_changes()), approver_)->has_value());
  EXPECT_EQ(stage_now(), "design");
}

TEST_P(StageChangeTest, AnUnmetCriterionRefusesTheApprovalAndTheFailedCheckIsKept) {
  hold_the_system();
  const Record change = submitted("development");
  auto refused = approve(change, approver_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(refused.error().message.find(
                "No hold by the governance committee: held by Hold the credit scorer"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(read(change.id, stage_changes()).state, "submitted");
  EXPECT_EQ(stage_now(), "design");
  auto checks = gate_checks_of(*db_, alpha_.org, system_);
  ASSERT_TRUE(checks.ok());
  ASSERT_EQ(checks->size(), 1u);
  EXPECT_FALSE(checks->front().passed);
}

TEST_P(StageChangeTest, TheGenericTransitionCannotSkipTheGate) {
  const Record change = submitted("development");
  auto skipped = step(change.id, "approve", approver_, "", {}, stage_changes());
  ASSERT_FALSE(skipped.ok());
  EXPECT_EQ(skipped.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(stage_now(), "design");
}

TEST_P(StageChangeTest, TheStageItIsAlreadyInIsRefusedNamingTheField) {
  auto same = create(stage_changes(),
                     {{"name", "Back to design"s},
                      {"ai_system_id", system_},
                      {"to_stage", "development"s},
                      {"justification", "x"s}},
                     author_);
  ASSERT_TRUE(same.ok());  // design -> development is a move
  set_system({{"lifecycle_stage", "development"s}});
  auto again = create(stage_changes(),
                      {{"name", "Into development again"s},
                       {"ai_system_id", system_},
                       {"to_stage", "development"s},
                       {"justification", "x"s}},
                      author_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(again.error().field, "to_stage");
  EXPECT_EQ(again.error().message, "the system is already in Development");
  // The first request was raised from design; the system has moved on since.
  must_step(same->id, "submit", author_, "", {}, stage_changes());
  auto stale = approve(read(same->id, stage_changes()), approver_);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::permission_denied);
}

TEST_P(StageChangeTest, RetirementNeedsItsChecklistAndEveryMonitorStopped) {
  set_system({{"lifecycle_stage", "operation_monitoring"s}});
  const Record half = submitted("retirement", {{"data_disposed", true}});
  auto refused = approve(half, approver_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("still active: Decisions"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("suppliers and users not yet informed and "
                                         "documentation not yet archived"),
            std::string::npos)
      << refused.error().message;
  must_step(half.id, "withdraw", author_, "Checklist incomplete", {}, stage_changes());

  ASSERT_TRUE(monitoring::archive_monitor(*db_, alpha_.org, monitor_, true, admin_.actor).ok());
  const Record complete = submitted(
      "retirement",
      {{"data_disposed", true}, {"parties_informed", true}, {"documentation_archived", true}});
  auto approved = approve(complete, approver_);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  const Record system = read(system_, inventory::ai_systems());
  EXPECT_EQ(system.text("lifecycle_stage"), "retirement");
  EXPECT_EQ(system.text("retired_on"), risk::testing::date_in(0));
}

TEST_P(StageChangeTest, RulesReadTheStagesSystemsWereClearedInto) {
  // In scope and in development, never checked: A.6.1.3 unmet; nothing in service: 8.1 n/a.
  set_system({{"lifecycle_stage", "development"s}, {"in_scope", true}});
  EXPECT_EQ(rule("A.6.1.3"), readiness::Status::not_met);
  EXPECT_EQ(rule("8.1"), readiness::Status::not_applicable);
  // At the low tier deployment asks for an impact assessment, so a request to deploy is raised
  // (the process applied: A.6.1.3 met) but cannot be approved; the system deployed by hand
  // leaves 8.1 unmet.
  EXPECT_EQ(rule("A.6.2.5"), readiness::Status::not_applicable);
  const Record change = submitted("deployment");
  EXPECT_EQ(rule("A.6.1.3"), readiness::Status::met);
  EXPECT_FALSE(approve(change, approver_).ok());
  set_system({{"lifecycle_stage", "deployment"s}});
  EXPECT_EQ(rule("8.1"), readiness::Status::not_met);
  EXPECT_EQ(rule("A.6.2.5"), readiness::Status::not_met);

  // Back in verification, with what the low tier asks for deployment, the request is approved:
  // both rules are met.
  set_system({{"lifecycle_stage", "verification_validation"s}});
  approve_impact_assessment();
  agreed("Approval parity", "fairness", "fairness.disparate_impact", "attribute:g", "at_least",
         0.8);
  must_step(change.id, "withdraw", author_, "Raised from development", {}, stage_changes());
  auto cleared = approve(submitted("deployment"), approver_);
  ASSERT_TRUE(cleared.ok()) << cleared.error().message;
  EXPECT_EQ(rule("A.6.2.5"), readiness::Status::met);
  EXPECT_EQ(rule("8.1"), readiness::Status::met);
}

// A.6.1.2 asks of each system past design an objective in force naming it and its gates applied.
TEST_P(StageChangeTest, ObjectivesForResponsibleDevelopmentAreSetAndApplied) {
  set_system({{"lifecycle_stage", "development"s}, {"in_scope", true}});
  const int64_t fraud = add_system("Fraud screen");
  Record placed = read(fraud, inventory::ai_systems());
  Record changes;
  changes.values = {{"lifecycle_stage", "development"s}, {"in_scope", true}, {"risk_tier", "low"s}};
  ASSERT_TRUE(records::update(*db_, inventory::ai_systems(), alpha_.org, fraud, changes,
                              placed.version, admin_)
                  .ok());

  // Planned is not yet set: nothing names a system.
  const Record o = objective({system_, fraud});
  const auto unset = finding("A.6.1.2");
  EXPECT_EQ(unset.status, readiness::Status::not_met);
  EXPECT_EQ(unset.reason,
            "No active or achieved AI objective names an AI system, so no objective for "
            "responsible development is set.");

  // Active and naming both, but only the credit scorer's gate checked: 1 of the 2 falls short.
  must_step(o.id, "activate", author_, "", {}, objectives::objectives());
  ASSERT_TRUE(check_gate(*db_, alpha_.org,
                         {.system_id = system_, .stage = "verification_validation"}, admin_)
                  .ok());
  const auto half = finding("A.6.1.2");
  EXPECT_EQ(half.status, readiness::Status::partial);
  EXPECT_EQ(half.reason,
            "1 AI system of 2 past design has no active or achieved objective naming its "
            "development, or never had a stage gate checked.");
  ASSERT_EQ(half.links.size(), 1u);
  EXPECT_EQ(half.links[0].label, "Fraud screen");

  // A stage change raised for the fraud screen applies its gates too, whatever its outcome.
  const Record raised = must(create(stage_changes(),
                                    {{"name", "Fraud screen into validation"s},
                                     {"ai_system_id", fraud},
                                     {"to_stage", "verification_validation"s},
                                     {"justification", "Ready"s}},
                                    author_));
  EXPECT_EQ(raised.state, "draft");
  EXPECT_EQ(rule("A.6.1.2"), readiness::Status::met);
}

INSTANTIATE_TEST_SUITE_P(Backends, StageChangeTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::lifecycle
