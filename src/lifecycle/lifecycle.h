// Lifecycle governance (ISO/IEC 42001 6.3, 8.1, A.6.1.3, A.6.2.2, A.6.2.4, A.6.2.5): an AI
// system's requirements with their acceptance criteria expressed as the monitoring engine's
// metrics; validation records of a model version, signed off by a validator who is neither the
// system's owner nor the model's author, with runs that put validation logs (and, for robustness,
// a perturbed copy) through the engine; stage gates by risk tier; stage changes that move a system
// only once its gate is cleared; and change requests whose significant approval re-opens gates.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/roles.h"
#include "base/result.h"
#include "monitoring/engine/engine.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::lifecycle {

// Requirements: the AI system (and, when it applies to one, the model), the kind (functional,
// performance, fairness, robustness, safety, other), the statement, and as acceptance criterion
// a metric key of the engine, the scope it is read in, "at least" or "at most" and the threshold;
// who agreed it and when. Workflow: draft -> agreed (one approval by someone other than its
// author) -> retired, or back to draft for a revision.
const records::Description& requirements();
// Validation records: the AI system, the model version validated, the validator, the monitor
// whose column mapping reads the logs, the method, other tests (adversarial, red team, stress)
// and the outcome of the latest run. Workflow: draft -> submitted -> passed or failed, decided by
// the named validator only; returned to draft with a reason.
const records::Description& validations();
// Stage changes: the AI system, the stage it is to enter (and the one it was in while the request
// was a draft), the model version whose validation counts, why, and for retirement the checklist
// (data disposed of under each dataset's retention, suppliers and users informed, documentation
// archived). Workflow: draft -> submitted -> approved, which moves the system into the stage in
// the same transaction, or rejected; withdrawn from draft or submitted. The approvals the
// lifecycle policy asks at the system's tier and the target stage come from distinct people of
// the policy's roles, none the requester or the system's owner, and only through
// approve_stage_change, which checks the gate at every approval; the last one moves the system.
const records::Description& stage_changes();
// Change requests of an AI system (6.3, A.6.2.2): the system, the kind of change, what changes and
// why, the model, dataset or supplier concerned, answers to fixed significance questions from
// which aims derives significant or not (the requester may decide otherwise, giving the reason),
// and what an approval re-opened. Workflow: draft -> submitted -> approved (one approval by an
// admin or AIMS manager who is not the requester) -> implemented; rejected or withdrawn with a
// reason. Approving a significant change marks the system's impact assessments for re-assessment
// and its open risks for review, in the same transaction, and the "validation" gate criterion
// then counts only validations signed off after it.
const records::Description& change_requests();
void define_registers();
// Adds the 6.3, 8.1, A.6.1.3, A.6.2.2, A.6.2.4 and A.6.2.5 rules; once.
void define_readiness_rules();

// ---- acceptance criteria ------------------------------------------------------------------------

struct Criterion {
  int64_t requirement_id = 0;
  std::string name;
  std::string metric;  // "fairness.disparate_impact", "robustness.flip_rate"
  // "overall", "attribute:sex", "group:sex=female"; empty: every scope the metric is measured in.
  std::string scope;
  bool at_least = true;  // false: at most
  double threshold = 0;
};

struct CriterionResult {
  Criterion criterion;
  bool pass = false;
  std::optional<double> measured;  // the worst value among the matching scopes
  std::string where;               // the scope of that value: "group:sex=female"
  std::string reason;              // in words: "0.72 at attribute:sex is below 0.8"
};

// The criterion of an agreed requirement record; nullopt when it names no metric.
std::optional<Criterion> criterion_of(const records::Record& requirement);

// Each criterion against the samples of a run: among the samples of its metric in its scope, the
// worst defined value (the lowest for "at least", the highest for "at most") decides. A criterion
// no sample measures fails, saying why (the engine's reason when it gave one).
std::vector<CriterionResult> evaluate_criteria(
    const std::vector<Criterion>& criteria, const std::vector<monitoring::MetricSample>& samples);

// "overall", "attribute:sex", "group:sex=female", "column:feature:income".
std::string scope_text(const monitoring::MetricScope& scope);

// The criteria of the agreed requirements of the validation's system, those naming another model
// than the validation's left out (a validation without a model, as a gate check without one
// builds it, takes them all).
Result<std::vector<Criterion>> agreed_criteria(store::Database& db, int64_t org,
                                               const records::Record& validation);

// ---- validation runs ----------------------------------------------------------------------------

struct ValidationRun {
  int64_t id = 0;
  int64_t validation_id = 0;
  std::string started_at;
  std::string finished_at;
  std::string log_name;
  std::string log_sha256;
  int64_t rows = 0;
  std::string perturbed_name;  // empty without a robustness pair
  std::string perturbed_sha256;
  bool pass = false;
  nlohmann::json criteria;    // [{requirement_id, name, metric, scope, ..., pass, measured}]
  nlohmann::json robustness;  // monitoring::to_json(RobustnessReport), null without a pair
  std::optional<int64_t> run_by;
  std::string run_by_name;
};

struct ValidationLogs {
  monitoring::LogInput log;
  std::string log_name;
  std::optional<monitoring::LogInput> perturbed;
  std::string perturbed_name;
  monitoring::RunOptions options;
};

// The logs at these paths, each named by its file name; without a perturbed log when that path is
// empty.
ValidationLogs logs_from_files(const std::string& log, const std::string& perturbed);

// Runs the validation log (and the robustness pair) through the engine with the validation's
// monitor mapping, checks every agreed requirement of its system (those of another model left
// out), and stores the run with its audit event, the validation's outcome and the day of the run
// in one transaction. Errors: not_found; failed_precondition (no monitor named, the monitor is
// another system's, no agreed requirement with a criterion, the validation is no longer a
// draft); the engine's (malformed log naming the line, limits).
Result<ValidationRun> run_validation(store::Database& db, int64_t org, int64_t validation_id,
                                     const ValidationLogs& logs, const records::Caller& caller);

// Errors: not_found (also another organisation's run).
Result<ValidationRun> get_run(store::Database& db, int64_t org, int64_t run_id);
// Newest first.
Result<std::vector<ValidationRun>> runs_of(store::Database& db, int64_t org, int64_t validation_id,
                                           int limit = 50);

nlohmann::json to_json(const ValidationRun& run);

// ---- change requests ---------------------------------------------------------------------------

struct Significance {
  bool significant = false;
  std::string basis;  // in words: "Significant: it changes the training data."
};
// What the answers to the significance questions give, and the requester's own call when they made
// one.
Significance significance_of(const records::Record& change);

// The system's latest approved (or implemented) significant change: validations signed off before
// its approval no longer count towards the gates. nullopt when there is none.
Result<std::optional<records::Record>> latest_significant_change(store::Database& db, int64_t org,
                                                                 int64_t system_id);

// A model linked to an AI system while it was in deployment or operation that no approved change
// request of kind "new model version" names.
struct UnapprovedModel {
  int64_t system_id = 0;
  std::string system;
  std::optional<int64_t> owner_id;  // the system's owner
  int64_t model_id = 0;
  std::string model;
  std::string linked_at;
  std::string linked_by;  // a person's name
};
// Of every system, or of one. A link the system no longer has, or a system out of deployment and
// operation, is not flagged.
Result<std::vector<UnapprovedModel>> unapproved_models(store::Database& db, int64_t org,
                                                       std::optional<int64_t> system = {});
nlohmann::json to_json(const UnapprovedModel& flag);

// ---- stage gates ------------------------------------------------------------------------------

// ---- lifecycle policy --------------------------------------------------------------------------

// How many distinct people (1 to 3) approve a stage change, and the platform roles they may hold
// (each a role that may approve records).
struct StageApprovals {
  int count = 1;
  std::vector<auth::Role> roles;
};

// The organisation's lifecycle policy, versioned like its risk criteria: version 0 is aims'
// default until the organisation adopts its own. For each stage (design excepted) the lowest risk
// tier each gate criterion applies from (a criterion absent applies never), and for each stage
// and tier the approvals a change into that stage needs.
struct LifecyclePolicy {
  int64_t version = 0;
  std::map<std::string, std::map<std::string, std::string>> criteria;      // stage, key: tier
  std::map<std::string, std::map<std::string, StageApprovals>> approvals;  // stage, tier
  std::string reason;
  std::string changed_by;  // the person's name
  std::string changed_at;
};

// The stages a policy covers and the tiers, in their order.
const std::vector<std::string>& policy_stages();
const std::vector<std::string>& risk_tiers();
// The criterion keys a policy may name, in the order a gate lists them: "no_hold",
// "impact_assessment", "risks_treated", "requirements", "validation", "oversight",
// "technical_file", "suppliers_assessed", "monitor", "monitors_stopped", "retirement_checklist". A
// gate checks "acceptance_on_log" besides them whenever a log is given.
const std::vector<std::string>& gate_criterion_keys();
// "An approved impact assessment within its validity".
std::string gate_criterion_label(const std::string& key);

// "Admin", "AIMS manager", "Contributor": a role as the policy page names it.
std::string role_label(auth::Role role);

// The table docs/lifecycle.md gives, with one approval by an admin or AIMS manager everywhere.
LifecyclePolicy default_policy();
// Every problem at once, each naming its field ("stages.deployment.approvals.high.count").
Status check(const LifecyclePolicy& policy);
// The body as the API takes it; errors: invalid_argument naming the field.
Result<LifecyclePolicy> policy_from_json(const nlohmann::json& body);
nlohmann::json to_json(const LifecyclePolicy& policy);

// The organisation's current policy (the default until it adopts its own).
Result<LifecyclePolicy> current_policy(store::Tx& tx, int64_t org);
Result<LifecyclePolicy> current_policy(store::Database& db, int64_t org);
// Newest first; empty while the default is in force.
Result<std::vector<LifecyclePolicy>> policy_versions(store::Database& db, int64_t org);
// Stores the proposal as the next version, with its audit event in the same transaction. Errors:
// invalid_argument (check's); stale_version when `proposed.version` is not the current one.
Result<LifecyclePolicy> adopt_policy(store::Database& db, int64_t org, LifecyclePolicy proposed,
                                     const records::Caller& caller);

// What must hold before an AI system enters a lifecycle stage under the policy, by its internal
// risk tier (a tier not set is held to high), in gate_criterion_keys' order.
std::vector<std::string> gate_policy(const LifecyclePolicy& policy, const std::string& stage,
                                     const std::string& risk_tier);
// The approvals a change into the stage needs at the tier (a tier not set is held to high).
StageApprovals stage_approvals(const LifecyclePolicy& policy, const std::string& stage,
                               const std::string& risk_tier);

struct GateCriterion {
  std::string key;
  std::string label;  // "An approved impact assessment within its validity"
  bool met = false;
  std::string reason;  // in words, naming the records
};

// A criterion whose records another module keeps ("oversight": an approved oversight plan;
// "technical_file": a current technical file). Those modules depend on lifecycle, so they hand it
// their evaluator at start-up instead of lifecycle reading their records. The evaluator says
// whether the system meets it and why; lifecycle sets the key and label.
using CriterionEvaluator = std::function<Result<GateCriterion>(store::Database& db, int64_t org,
                                                               const records::Record& system)>;
// Registers (or replaces) the evaluator of `key`, one of the policy's keys, with its label in
// people's words. A key the policy asks for that no module registered is unmet, saying so.
void define_gate_criterion(const std::string& key, std::string label, CriterionEvaluator evaluate);

struct GateCheck {
  int64_t id = 0;
  int64_t system_id = 0;
  std::string stage;
  std::string risk_tier;
  std::optional<int64_t> model_id;
  bool passed = false;
  std::vector<GateCriterion> criteria;
  nlohmann::json acceptance;  // the criteria checked on the given log; null without one
  std::string checked_at;
  std::optional<int64_t> checked_by;
  std::string checked_by_name;
  std::string source;          // "web", "api", "cli"
  int64_t policy_version = 0;  // the lifecycle policy the criteria were chosen by
};

// What a stage change to retirement declares done; aims checks the monitors itself.
struct RetirementChecklist {
  bool data_disposed = false;
  bool parties_informed = false;
  bool documentation_archived = false;
};

struct GateRequest {
  int64_t system_id = 0;
  std::string stage;                // one of the inventory's lifecycle stages, design excepted
  std::optional<int64_t> model_id;  // only this model version's validation counts
  // Checked against the agreed acceptance criteria with the system's monitor mapping (its only
  // active monitor, or `monitor_id`).
  std::optional<ValidationLogs> logs;
  std::optional<int64_t> monitor_id;
  // Retirement's checklist, from the stage change being approved; without one the checklist
  // criterion is not met.
  std::optional<RetirementChecklist> retirement;
  std::string source = "api";
};

// Evaluates every criterion the policy asks for the stage and the system's tier, and stores the
// check with its audit event as evidence. Errors: not_found (no such system); invalid_argument on
// "stage" (not a stage, or design), "model_id" (not a model of the system), "monitor_id"; the
// engine's for a log it refuses.
Result<GateCheck> check_gate(store::Database& db, int64_t org, const GateRequest& request,
                             const records::Caller& caller);
// Errors: not_found (also another organisation's check).
Result<GateCheck> get_gate_check(store::Database& db, int64_t org, int64_t id);
// Newest first.
Result<std::vector<GateCheck>> gate_checks_of(store::Database& db, int64_t org, int64_t system_id,
                                              int limit = 50);
nlohmann::json to_json(const GateCheck& check);

// The criteria as they stand now, neither stored nor audited: what a stage change's page shows
// before anyone approves it. Errors: those of check_gate.
Result<GateCheck> preview_gate(store::Database& db, int64_t org, const GateRequest& request);

// The gate request a stage change makes: its system, stage, model and retirement checklist.
GateRequest gate_request_of(const records::Record& stage_change, std::string source);

// Why the caller may not approve the stage change now (not submitted, a role that may not
// approve, the requester, the system's owner, the system has moved on); nullopt when they may.
Result<std::optional<std::string>> approval_refused(store::Database& db, int64_t org,
                                                    const records::Record& change,
                                                    const records::Caller& caller);

// The approvals a stage change has collected since it was submitted, and what the policy asks.
struct ApprovalProgress {
  StageApprovals needed;
  std::vector<records::Approval> given;  // oldest first
};
// Errors: not_found (the change's system).
Result<ApprovalProgress> approval_progress(store::Database& db, int64_t org,
                                           const records::Record& change);

struct StageApproval {
  records::TransitionOutcome outcome;
  GateCheck check;  // the gate check that cleared the approval, stored as evidence
};

// Checks the gate for the stage the change asks for and stores the check whatever its outcome;
// when every criterion is met, records the caller's approval; the last approval the policy asks
// moves the system into the stage in the same transaction. Errors: not_found; failed_precondition
// when a criterion is not met (naming each, with the stored check's id) or the system left the
// stage the change was raised from; the platform's transition errors (permission_denied for the
// requester or the system's owner, stale_version).
Result<StageApproval> approve_stage_change(store::Database& db, int64_t org, int64_t id,
                                           int64_t expected_version, const records::Caller& caller,
                                           std::string source);

}  // namespace aims::lifecycle
