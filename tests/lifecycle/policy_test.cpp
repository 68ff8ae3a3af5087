// The lifecycle policy on both backends: aims' default is the table gates always applied; an
// adopted version changes what a gate asks and the check records it; a bad policy names its
// field; and a stage change collects the approvals the policy asks, from distinct people who are
// neither its requester nor the system's owner, moving the system only with the last one.
// The people: the fixture's admin owns the credit scorer, the author (an AIMS manager) requests,
// the approver (an AIMS manager) and a second admin approve.
#include <gtest/gtest.h>

#include "lifecycle/fixture.h"

namespace aims::lifecycle {
namespace {

using nlohmann::json;
using records::Caller;
using records::Record;
using risk::testing::Values;
using namespace std::string_literals;
using Keys = std::vector<std::string>;

// Worked out by hand from the table docs/lifecycle.md gave before policies were editable, with a
// current technical file asked from high tier to deploy and operate: for each stage, the criteria
// of each tier low, medium, high, critical, in the gate's order.
TEST(DefaultPolicyTest, IsTheTableGatesAlwaysApplied) {
  const Keys dev_low = {"no_hold"};
  const Keys dev_high = {"no_hold", "impact_assessment", "requirements"};
  const Keys dev_critical = {"no_hold", "impact_assessment", "risks_treated", "requirements"};
  const Keys vv_low = {"no_hold", "requirements"};
  const Keys vv_medium = {"no_hold", "impact_assessment", "requirements"};
  const Keys vv_high = {"no_hold", "impact_assessment", "risks_treated", "requirements"};
  const Keys dep_low = {"no_hold", "impact_assessment", "risks_treated", "requirements"};
  const Keys dep_medium = {"no_hold",      "impact_assessment", "risks_treated",
                           "requirements", "validation",        "suppliers_assessed"};
  const Keys dep_high = {"no_hold",    "impact_assessment", "risks_treated",  "requirements",
                         "validation", "oversight",         "technical_file", "suppliers_assessed"};
  const Keys op_low = {"no_hold", "impact_assessment", "risks_treated", "requirements", "monitor"};
  const Keys op_medium = {"no_hold",    "impact_assessment",  "risks_treated", "requirements",
                          "validation", "suppliers_assessed", "monitor"};
  const Keys op_high = {"no_hold",        "impact_assessment",  "risks_treated",
                        "requirements",   "validation",         "oversight",
                        "technical_file", "suppliers_assessed", "monitor"};
  const Keys retire = {"monitors_stopped", "retirement_checklist"};
  const std::map<std::string, std::vector<Keys>> expected = {
      {"development", {dev_low, dev_low, dev_high, dev_critical}},
      {"verification_validation", {vv_low, vv_medium, vv_high, vv_high}},
      {"deployment", {dep_low, dep_medium, dep_high, dep_high}},
      {"operation_monitoring", {op_low, op_medium, op_high, op_high}},
      {"retirement", {retire, retire, retire, retire}},
  };
  const LifecyclePolicy policy = default_policy();
  EXPECT_EQ(policy.version, 0);
  for (const auto& [stage, by_tier] : expected) {
    for (size_t t = 0; t < 4; ++t) {
      const std::string tier = risk_tiers()[t];
      EXPECT_EQ(gate_policy(policy, stage, tier), by_tier[t]) << stage << " at " << tier;
      const StageApprovals a = stage_approvals(policy, stage, tier);
      EXPECT_EQ(a.count, 1) << stage << " at " << tier;
      EXPECT_EQ(a.roles, (std::vector<auth::Role>{auth::Role::admin, auth::Role::aims_manager}));
    }
  }
  // A tier not set is held to high; design has no gate.
  EXPECT_EQ(gate_policy(policy, "deployment", ""), dep_high);
  EXPECT_TRUE(gate_policy(policy, "design", "low").empty());
  // Its JSON form reads back as the same policy.
  json body = to_json(policy);
  body["reason"] = "round trip";
  auto parsed = policy_from_json(body);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->criteria, policy.criteria);
  EXPECT_TRUE(check(*parsed).ok());
}

// The problem of the field, or "" when the policy passes.
std::string problem_at(const json& body, const std::string& field) {
  auto parsed = policy_from_json(body);
  Status status = parsed ? check(*parsed) : Status(parsed.error());
  if (status.ok()) return "";
  for (const auto& p : status.error().problems)
    if (p.field == field) return p.message;
  return status.error().field == field ? status.error().message : "(not named) " + field;
}

TEST(PolicyChecksTest, ABadPolicyNamesTheField) {
  json good = to_json(default_policy());
  good["reason"] = "tighter";
  EXPECT_EQ(problem_at(good, "reason"), "");

  json bad = good;
  bad["stages"]["launch"] = good["stages"]["deployment"];
  EXPECT_EQ(problem_at(bad, "stages.launch"), "not a lifecycle stage");
  bad = good;
  bad["stages"].erase("retirement");
  EXPECT_EQ(problem_at(bad, "stages.retirement"), "give this stage's policy");
  bad = good;
  bad["stages"]["deployment"]["criteria"]["coffee"] = "low";
  EXPECT_EQ(problem_at(bad, "stages.deployment.criteria.coffee"), "not a gate criterion");
  bad = good;
  bad["stages"]["deployment"]["criteria"]["validation"] = "extreme";
  EXPECT_EQ(problem_at(bad, "stages.deployment.criteria.validation"),
            "choose low, medium, high, critical or never");
  bad = good;
  bad["stages"]["deployment"]["approvals"]["high"]["count"] = 0;
  EXPECT_EQ(problem_at(bad, "stages.deployment.approvals.high.count"), "give 1 to 3 approvals");
  bad["stages"]["deployment"]["approvals"]["high"]["count"] = 4;
  EXPECT_EQ(problem_at(bad, "stages.deployment.approvals.high.count"), "give 1 to 3 approvals");
  bad = good;
  bad["stages"]["deployment"]["approvals"]["high"]["roles"] = {"chief"};
  EXPECT_EQ(problem_at(bad, "stages.deployment.approvals.high.roles"), "not a role: \"chief\"");
  bad["stages"]["deployment"]["approvals"]["high"]["roles"] = {"viewer"};
  EXPECT_EQ(problem_at(bad, "stages.deployment.approvals.high.roles"),
            "viewer may not approve records");
  bad["stages"]["deployment"]["approvals"]["high"]["roles"] = json::array();
  EXPECT_EQ(problem_at(bad, "stages.deployment.approvals.high.roles"),
            "name at least one role that approves");
  bad = good;
  bad["stages"]["deployment"]["approvals"].erase("low");
  EXPECT_EQ(problem_at(bad, "stages.deployment.approvals.low"),
            "say how many approvals a change at the low tier needs");
  bad = good;
  bad["reason"] = "";
  EXPECT_EQ(problem_at(bad, "reason"), "say why the policy changes");
  // Dropping the hold from a stage is the organisation's call.
  json no_hold = good;
  no_hold["stages"]["development"]["criteria"]["no_hold"] = "never";
  EXPECT_EQ(problem_at(no_hold, "stages.development.criteria.no_hold"), "");
}

class PolicyTest : public testing::LifecycleTest {
 protected:
  void SetUp() override {
    LifecycleTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    second_ = add_person("second-approver@alpha.test", auth::Role::admin);
  }

  // Aims' default with `change` applied to its JSON form, adopted by the approver.
  LifecyclePolicy adopt(const std::function<void(json&)>& change) {
    json body = to_json(default_policy());
    auto current = current_policy(*db_, alpha_.org);
    EXPECT_TRUE(current.ok());
    body["version"] = current.ok() ? current->version : 0;
    body["reason"] = "Board decision";
    change(body);
    auto proposed = policy_from_json(body);
    EXPECT_TRUE(proposed.ok()) << proposed.error().message;
    auto adopted = adopt_policy(*db_, alpha_.org, *proposed, approver_);
    EXPECT_TRUE(adopted.ok()) << adopted.error().field << ": " << adopted.error().message;
    return adopted.ok() ? *adopted : LifecyclePolicy{};
  }

  Record submitted(const std::string& to_stage) {
    const Record r = must(create(stage_changes(),
                                 {{"name", "Credit scorer into " + to_stage},
                                  {"ai_system_id", system_},
                                  {"to_stage", to_stage},
                                  {"justification", "Ready"s}},
                                 author_));
    must_step(r.id, "submit", author_, "", {}, stage_changes());
    return read(r.id, stage_changes());
  }

  Result<StageApproval> approve(int64_t id, const Caller& who) {
    return approve_stage_change(*db_, alpha_.org, id, read(id, stage_changes()).version, who,
                                "api");
  }

  std::string stage_now() { return read(system_, inventory::ai_systems()).text("lifecycle_stage"); }

  Caller second_;
};

TEST_P(PolicyTest, AnAdoptedVersionChangesWhatTheGateAsksAndTheCheckRecordsIt) {
  set_system({{"risk_tier", "low"s}});
  GateRequest request{.system_id = system_, .stage = "deployment"};
  auto before = check_gate(*db_, alpha_.org, request, approver_);
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_EQ(before->policy_version, 0);
  EXPECT_EQ(before->criteria.size(), 4u);  // no_hold, impact, risks, requirements at low

  const LifecyclePolicy adopted =
      adopt([](json& p) { p["stages"]["deployment"]["criteria"]["validation"] = "low"; });
  EXPECT_EQ(adopted.version, 1);
  EXPECT_EQ(adopted.reason, "Board decision");
  EXPECT_FALSE(adopted.changed_by.empty());

  auto after = check_gate(*db_, alpha_.org, request, approver_);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->policy_version, 1);
  ASSERT_EQ(after->criteria.size(), 5u);
  EXPECT_EQ(after->criteria[4].key, "validation");
  EXPECT_FALSE(after->criteria[4].met);
  EXPECT_EQ(get_gate_check(*db_, alpha_.org, after->id)->policy_version, 1);  // stored

  // Versions newest first, each with who and why; the adoption is in the trail.
  auto versions = policy_versions(*db_, alpha_.org);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ(versions->front().version, 1);
  bool audited = false;
  for (const auto& e : events_of("lifecycle_policy", 1))
    audited |= e.action == "adopt";
  EXPECT_TRUE(audited);
  // A proposal built on version 0 is stale now.
  LifecyclePolicy stale = default_policy();
  stale.reason = "late";
  auto refused = adopt_policy(*db_, alpha_.org, stale, approver_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::stale_version);
}

TEST_P(PolicyTest, ATwoApprovalDeploymentMovesOnlyWithTheSecondDistinctApproval) {
  // High tier: two approvals; the gate asks only that no hold is in force, to keep the approvals
  // in view.
  set_system({{"risk_tier", "high"s}});
  adopt([](json& p) {
    p["stages"]["deployment"]["criteria"] = {{"no_hold", "low"}};
    p["stages"]["deployment"]["approvals"]["high"]["count"] = 2;
  });
  const Record change = submitted("deployment");

  // Neither the requester nor the owner (the admin) may give one.
  EXPECT_EQ(approve(change.id, author_).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(approve(change.id, admin_).error().code, ErrorCode::permission_denied);
  // Nor the generic transition, which would skip the gate.
  auto generic =
      records::transition(*db_, stage_changes(), alpha_.org, change.id,
                          {.name = "approve", .expected_version = change.version}, approver_);
  ASSERT_FALSE(generic.ok());
  EXPECT_EQ(generic.error().code, ErrorCode::failed_precondition);

  auto first = approve(change.id, approver_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->outcome.moved);
  EXPECT_EQ(first->outcome.approvals_given, 1);
  EXPECT_EQ(first->outcome.approvals_needed, 2);
  EXPECT_TRUE(first->check.passed);
  EXPECT_EQ(stage_now(), "design");
  EXPECT_EQ(read(change.id, stage_changes()).state, "submitted");
  auto progress = approval_progress(*db_, alpha_.org, read(change.id, stage_changes()));
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->needed.count, 2);
  ASSERT_EQ(progress->given.size(), 1u);
  EXPECT_EQ(progress->given[0].user_id, approver_.user_id.value());
  EXPECT_EQ(progress->given[0].reason, "Gate check " + std::to_string(first->check.id) + " passed");

  // The same person cannot approve twice; My work no longer lists it to them, only to the rest.
  auto twice = approve(change.id, approver_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::permission_denied);
  EXPECT_TRUE(
      approval_refused(*db_, alpha_.org, read(change.id, stage_changes()), approver_)->has_value());
  EXPECT_FALSE(
      approval_refused(*db_, alpha_.org, read(change.id, stage_changes()), second_)->has_value());

  auto second = approve(change.id, second_);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->outcome.moved);
  EXPECT_EQ(second->outcome.approvals_given, 2);
  EXPECT_EQ(stage_now(), "deployment");
  const Record approved = read(change.id, stage_changes());
  EXPECT_EQ(approved.state, "approved");
  EXPECT_EQ(approved.number("gate_check_id"), second->check.id);
}

TEST_P(PolicyTest, TheCountFollowsTheTierAndARefusedGateRecordsNoApproval) {
  set_system({{"risk_tier", "low"s}});
  adopt([](json& p) {
    p["stages"]["deployment"]["criteria"] = {{"no_hold", "low"}};
    p["stages"]["deployment"]["approvals"]["low"]["count"] = 2;
    p["stages"]["deployment"]["approvals"]["medium"]["count"] = 1;
  });
  set_system({{"risk_tier", "medium"s}});
  // At medium one approval moves it.
  const Record medium = submitted("deployment");
  auto moved = approve(medium.id, approver_);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_TRUE(moved->outcome.moved);
  EXPECT_EQ(stage_now(), "deployment");

  // Into retirement the gate refuses the first approval while a monitor is active, and no
  // approval is recorded.
  set_system({{"risk_tier", "low"s}});
  const Record retire = submitted("retirement");
  auto refused = approve(retire.id, approver_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
  auto progress = approval_progress(*db_, alpha_.org, read(retire.id, stage_changes()));
  ASSERT_TRUE(progress.ok());
  EXPECT_TRUE(progress->given.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, PolicyTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::lifecycle
