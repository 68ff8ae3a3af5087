// Stage changes as a description on the records platform: a request to move an AI system into a
// lifecycle stage that collects the approvals its organisation's lifecycle policy asks at the
// system's tier, and with the last one moves the system. The gate's criteria read
// other modules through their Database functions, which cannot run inside the platform's write
// transaction, so approve_stage_change checks the gate first and stages the passed check on this
// thread for the approval's hooks; an approval that does not come through it finds nothing staged
// and is refused, so no approval counts, and no system enters a stage, without a check that
// cleared it.
#include <optional>

#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "records/approval_workflow.h"

namespace aims::lifecycle {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

constexpr const char* kApprovedBesideCriteria =
    "approved under \"Entry criteria\" below, which checks them";

thread_local std::optional<std::pair<int64_t, int64_t>> staged;  // stage change id, gate check id

class Staging {
 public:
  Staging(int64_t change, int64_t check) { staged = std::pair{change, check}; }
  ~Staging() { staged.reset(); }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
};

std::string stage_label(const std::string& stage) {
  return inventory::ai_systems().choice_label("lifecycle_stage", stage);
}

bool is(const Transition& t, std::string_view name) {
  return std::string_view(t.name) == name;
}

records::Workflow stage_change_workflow() {
  return records::approval_workflow(
      {.submitted_label = "Awaiting approval",
       .rejectable = true,
       .withdrawable = true,
       .approved = {"approved", "Approved: stage entered", false, true},
       .approve_label = "Approve and move the system",
       .freezes = false});
}

Result<std::optional<Record>> system_of(const records::WriteContext& ctx, const Record& change) {
  const auto ids = change.ids("ai_system_id");
  if (ids.empty()) return std::optional<Record>();
  return records::find(ctx, inventory::ai_systems(), ids.front());
}

// While a draft, the stage it leaves is the one the system is in; the model must be the system's.
Status change_before_write(const records::WriteContext& ctx, Record& after, const Record*) {
  TRY_ASSIGN(const auto system, system_of(ctx, after));
  if (!system) return {};
  Problems problems;
  if (after.state == "draft" || after.state.empty())
    after.values["from_stage"] = system->text("lifecycle_stage");
  if ((after.state == "draft" || after.state.empty()) &&
      after.text("to_stage") == after.text("from_stage"))
    problems.add("to_stage", "the system is already in " + stage_label(after.text("to_stage")));
  const auto models = after.ids("model_id");
  const auto of_system = system->ids("model_ids");
  if (!models.empty() &&
      std::find(of_system.begin(), of_system.end(), models.front()) == of_system.end())
    problems.add("model_id", "not a model of this AI system: add it to the system first");
  return problems.status();
}

// Why the caller may not approve now; nullopt when only the gate check stands between them.
Result<std::optional<std::string>> approval_closed(const records::WriteContext& ctx,
                                                   const Record& change) {
  TRY_ASSIGN(const auto system, system_of(ctx, change));
  if (system && ctx.caller.user_id && system->number("owner_id") == ctx.caller.user_id)
    return std::optional<std::string>("the AI system's owner may not approve its stage change");
  if (system && system->text("lifecycle_stage") != change.text("from_stage"))
    return std::optional<std::string>(
        "the system is now in " + stage_label(system->text("lifecycle_stage")) +
        ", not the stage this change was raised from: withdraw it and raise a new one");
  return std::optional<std::string>();
}

Status change_before_transition(const records::WriteContext& ctx, const Record& change,
                                const Transition& t) {
  if (!is(t, "approve")) return {};
  TRY_ASSIGN(const auto closed, approval_closed(ctx, change));
  if (closed) return Error{ErrorCode::permission_denied, *closed, {}};
  if (!staged || staged->first != change.id)
    return Error{ErrorCode::failed_precondition,
                 "approve from the stage change's page or POST " +
                     std::string(stage_changes().api_path) +
                     "/{id}/approve, which check the gate's criteria first",
                 {}};
  return {};
}

// As many approvals as the policy asks for a change into the stage at the system's tier, from
// its roles; read when each approval is given, so an adopted policy applies to waiting changes.
Result<records::ApprovalRule> change_approvals(store::Tx& tx, int64_t org, const Record& change,
                                               const Transition&) {
  const records::Caller nobody;
  const records::WriteContext ctx{tx, org, nobody, ""};
  TRY_ASSIGN(const auto system, system_of(ctx, change));
  TRY_ASSIGN(const LifecyclePolicy policy, current_policy(tx, org));
  const StageApprovals needed =
      stage_approvals(policy, change.text("to_stage"), system ? system->text("risk_tier") : "");
  return records::ApprovalRule{needed.count, needed.roles};
}

// The approval is given beside the gate's criteria on the record's page, never by the generic
// button, which could not check them.
Result<std::optional<std::string>> change_closed_for(store::Tx& tx, int64_t org,
                                                     const Record& change, const Transition& t,
                                                     const records::Caller& caller) {
  if (!is(t, "approve")) return std::optional<std::string>();
  const records::WriteContext ctx{tx, org, caller, ""};
  TRY_ASSIGN(const auto closed, approval_closed(ctx, change));
  if (closed) return closed;
  return std::optional<std::string>(kApprovedBesideCriteria);
}

// Approval moves the system, in the approval's transaction, and keeps the check that cleared it.
Status change_before_approval_write(const records::WriteContext&, Record& after,
                                    const Record* before) {
  if (!before || after.state != "approved" || before->state == "approved") return {};
  if (staged && staged->first == after.id) after.values["gate_check_id"] = staged->second;
  return {};
}

Status move_system(const records::WriteContext& ctx, const Record& after, const Record* before) {
  if (!before || after.state != "approved" || before->state == "approved") return {};
  TRY_ASSIGN(const auto system, system_of(ctx, after));
  if (!system) return Error::not_found("the stage change's AI system is gone");
  const std::string stage = after.text("to_stage");
  Record changes;
  changes.values["lifecycle_stage"] = stage;
  const std::string day = ctx.now.substr(0, 10);
  if (stage == "deployment" && !system->is_set("deployed_on")) changes.values["deployed_on"] = day;
  if (stage == "retirement" && !system->is_set("retired_on")) changes.values["retired_on"] = day;
  TRY(records::update_in(ctx, inventory::ai_systems(), system->id, changes, std::nullopt));
  return {};
}

std::vector<records::Choice> stage_choices() {
  std::vector<records::Choice> out;
  for (const auto& c : inventory::ai_systems().field("lifecycle_stage")->choices)
    if (std::string_view(c.value) != "design") out.push_back(c);
  return out;
}

records::Field checklist_flag(const char* key, const char* label, const char* hint) {
  return {
      .key = key, .label = label, .type = T::flag, .hint = hint, .group = "Retirement checklist"};
}

records::Description make_stage_changes() {
  return {
      .type = "stage_change",
      .table = "stage_changes",
      .singular = "stage change",
      .plural = "stage changes",
      .api_path = "/api/v1/stage-changes",
      .page_path = "/lifecycle/stage-changes",
      .command = "stage-changes",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .hint = "Such as \"Credit scoring 3.3 into operation\".",
               .group = "Change",
               .searchable = true},
              {.key = "ai_system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Change",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "from_stage",
               .label = "From stage",
               .type = T::choice,
               .choices = inventory::ai_systems().field("lifecycle_stage")->choices,
               .hint = "The stage the system is in; aims fills it in.",
               .group = "Change",
               .read_only = true},
              {.key = "to_stage",
               .label = "To stage",
               .type = T::choice,
               .required = true,
               .choices = stage_choices(),
               .group = "Change"},
              {.key = "model_id",
               .label = "Model version",
               .type = T::record_ref,
               .hint = "When one model version is released: only its validation counts.",
               .group = "Change",
               .target = "model",
               .csv_key = "model"},
              {.key = "justification",
               .label = "Why now",
               .type = T::markdown,
               .required = true,
               .hint = "What is ready, what is left, and any conditions the approver should know.",
               .group = "Change",
               .searchable = true},
              checklist_flag("data_disposed", "Data disposed of",
                             "Each dataset's data deleted or kept as its retention rule says."),
              checklist_flag("parties_informed", "Suppliers and users informed",
                             "Suppliers, customers and users told of the end of service."),
              checklist_flag("documentation_archived", "Documentation archived",
                             "The technical file and records archived for their retention."),
              {.key = "retirement_notes",
               .label = "Retirement notes",
               .type = T::long_text,
               .hint = "How each item was done, with references to the disposals and notices.",
               .group = "Retirement checklist"},
              {.key = "gate_check_id",
               .label = "Gate check",
               .type = T::integer,
               .hint = "The check that cleared the approval; its page is linked beside the "
                       "entry criteria.",
               .group = "Approval",
               .read_only = true,
               .shown = false},
          },
      .title_field = "name",
      .list_columns = {"name", "ai_system_id", "from_stage", "to_stage", "state"},
      .filters = {"ai_system_id", "to_stage", "state"},
      .sort_keys = {"to_stage"},
      .default_sort = "-created_at",
      .workflow = stage_change_workflow(),
      .nav = {.group = "Lifecycle",
              .group_order = 16,
              .label = "Stage changes",
              .section = "stage-changes",
              .order = 40},
      .hooks = {.before_write = [](const records::WriteContext& ctx, Record& after,
                                   const Record* before) -> Status {
                  TRY(change_before_approval_write(ctx, after, before));
                  return change_before_write(ctx, after, before);
                },
                .after_write = move_system,
                .before_transition = change_before_transition,
                .closed_for = change_closed_for,
                .approvals_for = change_approvals},
  };
}

}  // namespace

const records::Description& stage_changes() {
  static const records::Description d = make_stage_changes();
  return d;
}

GateRequest gate_request_of(const Record& change, std::string source) {
  GateRequest request;
  const auto systems = change.ids("ai_system_id");
  request.system_id = systems.empty() ? 0 : systems.front();
  request.stage = change.text("to_stage");
  if (const auto models = change.ids("model_id"); !models.empty())
    request.model_id = models.front();
  if (request.stage == "retirement")
    request.retirement =
        RetirementChecklist{.data_disposed = change.flag("data_disposed"),
                            .parties_informed = change.flag("parties_informed"),
                            .documentation_archived = change.flag("documentation_archived")};
  request.source = std::move(source);
  return request;
}

Result<std::optional<std::string>> approval_refused(store::Database& db, int64_t org,
                                                    const Record& change,
                                                    const records::Caller& caller) {
  TRY_ASSIGN(const auto view, records::workflow_view(db, stage_changes(), org, change, caller));
  for (const auto& [t, why] : view.closed)
    if (is(*t, "approve"))
      return why == kApprovedBesideCriteria ? std::optional<std::string>() : std::optional(why);
  return std::optional<std::string>("only a submitted stage change is approved");
}

Result<StageApproval> approve_stage_change(store::Database& db, int64_t org, int64_t id,
                                           int64_t expected_version, const records::Caller& caller,
                                           std::string source) {
  TRY_ASSIGN(const Record change, records::get(db, stage_changes(), org, id));
  if (change.state != "submitted")
    return Error{ErrorCode::failed_precondition, "only a submitted stage change is approved", {}};
  // Refused before the gate is checked, so no check is stored for someone who may not approve.
  TRY_ASSIGN(const auto refused, approval_refused(db, org, change, caller));
  if (refused) return Error{ErrorCode::permission_denied, *refused, {}};
  TRY_ASSIGN(GateCheck check,
             check_gate(db, org, gate_request_of(change, std::move(source)), caller));
  if (!check.passed) {
    std::string unmet;
    for (const auto& c : check.criteria)
      if (!c.met) unmet += (unmet.empty() ? "" : "; ") + c.label + ": " + c.reason;
    return Error{ErrorCode::failed_precondition,
                 "the gate is not cleared (gate check " + std::to_string(check.id) + "): " + unmet,
                 {}};
  }
  const Staging staging(id, check.id);
  TRY_ASSIGN(auto outcome,
             records::transition(db, stage_changes(), org, id,
                                 {.name = "approve",
                                  .reason = "Gate check " + std::to_string(check.id) + " passed",
                                  .expected_version = expected_version},
                                 caller));
  return StageApproval{std::move(outcome), std::move(check)};
}

Result<ApprovalProgress> approval_progress(store::Database& db, int64_t org, const Record& change) {
  ApprovalProgress out;
  TRY_ASSIGN(const LifecyclePolicy policy, current_policy(db, org));
  std::string tier;
  if (const auto systems = change.ids("ai_system_id"); !systems.empty()) {
    TRY_ASSIGN(const Record system,
               records::get(db, inventory::ai_systems(), org, systems.front()));
    tier = system.text("risk_tier");
  }
  out.needed = stage_approvals(policy, change.text("to_stage"), tier);
  TRY_ASSIGN(const auto view, records::workflow_view(db, stage_changes(), org, change, {}));
  for (const auto& a : view.approvals)
    if (a.transition == "approve") out.given.push_back(a);
  return out;
}

}  // namespace aims::lifecycle
