// Requirements with acceptance criteria and validation records as descriptions on the records
// platform, with the separation of duties a validation's sign-off needs.
#include <mutex>

#include "impact/impact.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "lifecycle/changes.h"
#include "lifecycle/lifecycle.h"
#include "monitoring/engine/robustness.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"
#include "records/approval_workflow.h"
#include "risk/risk.h"
#include "suppliers/suppliers.h"

namespace aims::lifecycle {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

constexpr const char* kGroup = "Lifecycle";
constexpr int kGroupOrder = 16;

// Every metric a run can measure, the engine's and robustness's, by its key.
std::vector<records::Choice> metric_choices() {
  std::vector<records::Choice> choices;
  for (const auto& key : monitoring::metric_keys())
    choices.push_back({key.c_str(), key.c_str()});
  for (const auto& key : monitoring::robustness_metric_keys())
    choices.push_back({key.c_str(), key.c_str()});
  return choices;
}

bool measured_kind(const std::string& kind) {
  return kind == "performance" || kind == "fairness" || kind == "robustness";
}

// "", "overall", "attribute:X", "group:X=Y", "column:ROLE:X".
bool valid_scope(const std::string& scope) {
  if (scope.empty() || scope == "overall") return true;
  if (scope.starts_with("attribute:")) return scope.size() > 10;
  if (scope.starts_with("group:")) {
    const auto eq = scope.find('=');
    return eq != std::string::npos && eq > 6 && eq + 1 < scope.size();
  }
  if (scope.starts_with("column:")) {
    const auto colon = scope.find(':', 7);
    return colon != std::string::npos && colon > 7 && colon + 1 < scope.size();
  }
  return false;
}

void requirement_rules(const Record& r, const Record*, Problems& p) {
  if (measured_kind(r.text("kind")) && !r.is_set("metric"))
    p.add("metric", "a " + r.text("kind") + " requirement is checked by a metric: choose one");
  if (r.is_set("metric")) {
    if (!r.is_set("comparison"))
      p.add("comparison",
            "say whether the metric must be at least "
            "or at most the threshold");
    if (!r.decimal("threshold")) p.add("threshold", "give the threshold the metric is held to");
  }
  if (!valid_scope(r.text("scope")))
    p.add("scope",
          "write overall, attribute:NAME, group:NAME=VALUE or column:ROLE:NAME, or leave it empty "
          "for every scope the metric is measured in");
}

records::Workflow requirement_workflow() {
  return records::approval_workflow(
      {.approved = {"agreed", "Agreed", false},
       .approve = "agree",
       .approve_label = "Agree",
       .revisable = true,
       .ending = records::ApprovalEnding{.state = {"retired", "Retired", false, true},
                                         .name = "retire",
                                         .label = "Retire",
                                         .from_draft = true}});
}

records::Field system_field(const char* hint) {
  return {.key = "ai_system_id",
          .label = "AI system",
          .type = T::record_ref,
          .required = true,
          .hint = hint,
          .group = "Subject",
          .target = "ai_system",
          .csv_key = "ai_system"};
}

records::Description make_requirements() {
  return {
      .type = "ai_requirement",
      .table = "ai_requirements",
      .singular = "requirement",
      .plural = "requirements",
      .api_path = "/api/v1/ai-requirements",
      .page_path = "/lifecycle/requirements",
      .command = "requirements",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .hint = "Short, such as \"Approval rate parity across age bands\".",
               .group = "Subject",
               .searchable = true},
              system_field("The AI system this requirement applies to."),
              {.key = "model_id",
               .label = "Model",
               .type = T::record_ref,
               .hint = "Only when it applies to one model version of the system.",
               .group = "Subject",
               .target = "model",
               .csv_key = "model"},
              {.key = "kind",
               .label = "Kind",
               .type = T::choice,
               .required = true,
               .choices = {{"functional", "Functional"},
                           {"performance", "Performance"},
                           {"fairness", "Fairness"},
                           {"robustness", "Robustness"},
                           {"safety", "Safety"},
                           {"other", "Other"}},
               .group = "Subject"},
              {.key = "statement",
               .label = "Requirement",
               .type = T::markdown,
               .required = true,
               .hint = "What the system must do or must not do, in words the owner agrees to.",
               .group = "Subject",
               .searchable = true},
              {.key = "metric",
               .label = "Metric",
               .type = T::choice,
               .choices = metric_choices(),
               .hint = "The monitoring engine's measure a validation run checks.",
               .group = "Acceptance criterion"},
              {.key = "scope",
               .label = "Scope",
               .hint = "overall, attribute:age_band, group:age_band=65+; empty: the worst of "
                       "every scope the metric is measured in.",
               .group = "Acceptance criterion"},
              {.key = "comparison",
               .label = "Must be",
               .type = T::choice,
               .choices = {{"at_least", "At least"}, {"at_most", "At most"}},
               .group = "Acceptance criterion"},
              {.key = "threshold",
               .label = "Threshold",
               .type = T::decimal,
               .group = "Acceptance criterion",
               .min = -1e12,
               .max = 1e12},
              {.key = "rationale",
               .label = "Why this threshold",
               .type = T::long_text,
               .hint = "Where the number comes from: a regulation, a benchmark, the business.",
               .group = "Acceptance criterion"},
          },
      .title_field = "name",
      .list_columns = {"name", "ai_system_id", "kind", "metric", "threshold", "state"},
      .filters = {"ai_system_id", "model_id", "kind", "state"},
      .sort_keys = {"kind"},
      .workflow = requirement_workflow(),
      .versioned = true,
      .nav = {.group = kGroup,
              .group_order = kGroupOrder,
              .label = "Requirements",
              .section = "requirements",
              .order = 10},
      .hooks = {.check = requirement_rules},
  };
}

// ---- validations --------------------------------------------------------------------------------

records::Workflow validation_workflow() {
  return {
      .states = {{"draft", "Draft"},
                 {"submitted", "Submitted for sign-off", false},
                 {"passed", "Passed", false, true},
                 {"failed", "Failed", false, true}},
      .transitions = {Transition{.name = "submit",
                                 .label = "Submit for sign-off",
                                 .from = {"draft"},
                                 .to = "submitted"},
                      Transition{.name = "return",
                                 .label = "Return to draft",
                                 .from = {"submitted"},
                                 .to = "draft",
                                 .reason_required = true},
                      Transition{.name = "sign_off",
                                 .label = "Sign off as passed",
                                 .from = {"submitted"},
                                 .to = "passed",
                                 .required_fields = {"conclusion"},
                                 .freezes = true},
                      Transition{.name = "fail",
                                 .label = "Record as failed",
                                 .from = {"submitted"},
                                 .to = "failed",
                                 .required_fields = {"conclusion"},
                                 .reason_required = true,
                                 .freezes = true}},
  };
}

bool decides(const Transition& t) {
  const std::string_view name = t.name;
  return name == "sign_off" || name == "fail";
}

// Why `person` may not validate: the system's owner or the model's author (who registered it).
Result<std::optional<std::string>> conflict_of(const records::WriteContext& ctx,
                                               const Record& validation, int64_t person) {
  const auto systems = validation.ids("ai_system_id");
  if (!systems.empty()) {
    TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), systems.front()));
    if (system && system->number("owner_id") == person)
      return std::optional<std::string>("the validator must not be the AI system's owner");
  }
  const auto models = validation.ids("model_id");
  if (!models.empty()) {
    TRY_ASSIGN(const auto model, records::find(ctx, inventory::models(), models.front()));
    if (model && model->created_by == person)
      return std::optional<std::string>(
          "the validator must not be the model's author (who registered it)");
  }
  return std::optional<std::string>();
}

// A run's outcome is about the system, model and mapping it ran with: once one of them changes,
// the validation has no result until it runs again.
void forget_stale_outcome(Record& after, const Record* before) {
  if (!before) return;
  for (const char* key : {"ai_system_id", "model_id", "monitor_id"}) {
    if (after.ids(key) == before->ids(key)) continue;
    after.values["outcome"] = std::string("not_run");
    after.values["last_run_on"] = records::FieldValue();
    return;
  }
}

Status validation_before_write(const records::WriteContext& ctx, Record& after,
                               const Record* before) {
  forget_stale_outcome(after, before);
  Problems problems;
  if (const auto validator = after.number("validator_id")) {
    TRY_ASSIGN(const auto conflict, conflict_of(ctx, after, *validator));
    if (conflict) problems.add("validator_id", *conflict);
  }
  const auto systems = after.ids("ai_system_id");
  const auto models = after.ids("model_id");
  if (!systems.empty() && !models.empty()) {
    TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), systems.front()));
    const auto of_system = system ? system->ids("model_ids") : records::Ids{};
    if (std::find(of_system.begin(), of_system.end(), models.front()) == of_system.end())
      problems.add("model_id", "not a model of this AI system: add it to the system first");
  }
  return problems.status();
}

// Why the caller may not make a deciding move now; nullopt when they may.
Result<std::optional<std::string>> decision_closed(const records::WriteContext& ctx,
                                                   const Record& record, const Transition& t) {
  if (std::string_view(t.name) == "submit" && !record.is_set("last_run_on"))
    return std::optional<std::string>("run the validation logs first: there is no result yet");
  if (!decides(t)) return std::optional<std::string>();
  const auto validator = record.number("validator_id");
  if (!validator || ctx.caller.user_id != validator)
    return std::optional<std::string>("only the named validator decides a validation");
  TRY_ASSIGN(const auto conflict, conflict_of(ctx, record, *validator));
  if (conflict) return conflict;
  if (std::string_view(t.name) == "sign_off" && record.text("outcome") != "passed")
    return std::optional<std::string>(
        "the latest run did not pass every acceptance criterion: record it as failed, or return "
        "it to draft and run again");
  return std::optional<std::string>();
}

Status validation_before_transition(const records::WriteContext& ctx, const Record& record,
                                    const Transition& t) {
  TRY_ASSIGN(const auto closed, decision_closed(ctx, record, t));
  if (!closed) return {};
  const bool refusal = decides(t);
  return Error{
      refusal ? ErrorCode::permission_denied : ErrorCode::failed_precondition, *closed, {}};
}

Result<std::optional<std::string>> validation_closed_for(store::Tx& tx, int64_t org,
                                                         const Record& record, const Transition& t,
                                                         const records::Caller& caller) {
  const records::WriteContext ctx{tx, org, caller, ""};
  return decision_closed(ctx, record, t);
}

records::Description make_validations() {
  return {
      .type = "validation",
      .table = "validations",
      .singular = "validation",
      .plural = "validations",
      .api_path = "/api/v1/validations",
      .page_path = "/lifecycle/validations",
      .command = "validations",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .hint = "The model version and the occasion, such as \"Credit scorer 3.2 before "
                       "release\".",
               .group = "Subject",
               .searchable = true},
              system_field("The AI system whose model is validated."),
              {.key = "model_id",
               .label = "Model version",
               .type = T::record_ref,
               .required = true,
               .group = "Subject",
               .target = "model",
               .csv_key = "model"},
              {.key = "validator_id",
               .label = "Validator",
               .type = T::user_ref,
               .required = true,
               .hint = "Neither the system's owner nor the model's author: the person who signs "
                       "the result off.",
               .group = "Subject",
               .csv_key = "validator_email",
               .responsible = true},
              {.key = "monitor_id",
               .label = "Monitor (column mapping)",
               .type = T::record_ref,
               .hint = "The system's monitor whose columns and task read the validation logs.",
               .group = "Method",
               .target = "monitor",
               .csv_key = "monitor"},
              {.key = "method",
               .label = "Method",
               .type = T::markdown,
               .hint = "The validation data (which dataset version, how it was held out) and the "
                       "procedure.",
               .group = "Method",
               .searchable = true},
              {.key = "other_tests",
               .label = "Other tests",
               .type = T::markdown,
               .hint = "Adversarial, red-team or stress tests: method, tool, outcome; attach "
                       "their evidence files.",
               .group = "Method"},
              {.key = "outcome",
               .label = "Latest run",
               .type = T::choice,
               .choices = {{"not_run", "Not run yet"}, {"passed", "Passed"}, {"failed", "Failed"}},
               .group = "Result",
               .default_value = "not_run",
               .read_only = true},
              {.key = "last_run_on",
               .label = "Last run on",
               .type = T::date,
               .group = "Result",
               .read_only = true},
              {.key = "conclusion",
               .label = "Conclusion",
               .type = T::markdown,
               .hint = "The validator's judgement, with any conditions on release; given when "
                       "signing off.",
               .group = "Result"},
          },
      .title_field = "name",
      .list_columns = {"name", "ai_system_id", "model_id", "validator_id", "outcome", "state"},
      .filters = {"ai_system_id", "model_id", "validator_id", "outcome", "state"},
      .default_sort = "-created_at",
      .workflow = validation_workflow(),
      .versioned = true,
      .nav = {.group = kGroup,
              .group_order = kGroupOrder,
              .label = "Validations",
              .section = "validations",
              .order = 20},
      .hooks = {.before_write = validation_before_write,
                .before_transition = validation_before_transition,
                .closed_for = validation_closed_for},
  };
}

}  // namespace

const records::Description& requirements() {
  static const records::Description d = make_requirements();
  return d;
}

const records::Description& validations() {
  static const records::Description d = make_validations();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    // The gates read impact assessments, risks, supplier assessments and holds.
    inventory::define_registers();
    impact::define_registers();
    risk::define_registers();
    suppliers::define_registers();
    leadership::define_registers();
    objectives::define_registers();
    monitoring::define_reference_target();
    records::define(requirements());
    records::define(validations());
    records::define(stage_changes());
    records::define(change_requests());
    watch_model_links();
    define_readiness_rules();
    define_change_rule();
  });
}

}  // namespace aims::lifecycle
