// Change requests as a description on the records platform: what changes in an AI system, whether
// it is significant, who approved it, and the effects a significant approval has in the same
// transaction (impact assessments to re-assess, risks to review, gates re-opened).
#include "lifecycle/changes.h"

#include <algorithm>

#include "impact/impact.h"
#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "records/approval_workflow.h"
#include "risk/risk.h"

namespace aims::lifecycle {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

constexpr const char* kGroup = "Lifecycle";
constexpr int kGroupOrder = 16;

// The reference a kind of change must name, with what people call it.
struct Concerned {
  const char* kind;
  const char* field;
  const char* what;
};
constexpr Concerned kConcerned[] = {
    {"new_model_version", "model_id", "name the new model version"},
    {"dataset", "dataset_id", "name the dataset that is new or changed"},
    {"supplier", "supplier_id", "name the supplier that is new or whose supply changes"},
};

void change_rules(const Record& r, const Record*, Problems& p) {
  for (const auto& c : kConcerned)
    if (r.text("kind") == c.kind && !r.is_set(c.field)) p.add(c.field, c.what);
  if (r.is_set("implemented_on") && r.is_set("approved_at") &&
      r.text("implemented_on") < r.text("approved_at").substr(0, 10))
    p.add("implemented_on", "a change is implemented on or after the day it was approved");
  if (r.is_set("significance_override") &&
      r.text("significance_override") != r.text("derived_significance") &&
      !r.is_set("override_reason"))
    p.add("override_reason",
          "say why the change is judged otherwise than the answers to the questions give");
}

void compute_significance(Record& r) {
  Record answers_only = r;
  answers_only.values.erase("significance_override");
  const bool derived = significance_of(answers_only).significant;
  r.values["derived_significance"] = std::string(derived ? "significant" : "not_significant");
  const Significance final = significance_of(r);
  r.values["significance"] = std::string(final.significant ? "significant" : "not_significant");
  r.values["significance_basis"] = final.basis;
  // A reason for an override that no longer differs from the answers says nothing.
  if (!r.is_set("significance_override") ||
      r.text("significance_override") == r.text("derived_significance"))
    r.values["override_reason"] = records::FieldValue();
}

bool just_approved(const Record& after, const Record* before) {
  return before && before->state != "approved" && after.state == "approved";
}

// The gates an approval re-opens, by the stage the system is in: past validation, the change must
// pass validation and the deployment gate again.
std::string gates_reopened(const std::string& stage) {
  if (stage == "deployment" || stage == "operation_monitoring")
    return "Verification and validation, and deployment: a new validation must be signed off "
           "before the system returns to deployment";
  if (stage == "verification_validation")
    return "Verification and validation: the validation must be signed off again";
  return "None: the system has not passed its validation gate yet";
}

Status change_before_write(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!before && !after.is_set("requested_by") && ctx.caller.user_id)
    after.values["requested_by"] = *ctx.caller.user_id;
  if (!just_approved(after, before)) return {};
  after.values["approved_at"] = ctx.now;
  if (after.text("significance") != "significant") {
    after.values["reopens"] = std::string("None: the change is not significant");
    return {};
  }
  const auto systems = after.ids("ai_system_id");
  if (systems.empty()) return {};
  TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), systems.front()));
  after.values["reopens"] = gates_reopened(system ? system->text("lifecycle_stage") : "");
  return {};
}

// The open risks of the system are due for review on the day of the approval (their owners see it
// on My work), unless a review is already raised.
Status raise_risk_reviews(const records::WriteContext& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto risks,
             records::list_all_in(ctx.tx, risk::risks(), ctx.org,
                                  {.filters = {{"system_ids", std::to_string(system_id)}}}));
  for (const auto& r : risks) {
    if (r.state == "closed" || r.is_set("review_raised_on")) continue;
    Record changes;
    changes.values["review_raised_on"] = ctx.now.substr(0, 10);
    TRY(records::update_kept_in(ctx, risk::risks(), r.id, changes));
  }
  return {};
}

Status change_after_write(const records::WriteContext& ctx, const Record& after,
                          const Record* before) {
  if (!just_approved(after, before) || after.text("significance") != "significant") return {};
  const auto systems = after.ids("ai_system_id");
  if (systems.empty()) return {};
  const std::string why = "Significant change \"" + after.text("title") + "\" approved on " +
                          ctx.now.substr(0, 10) + " by " + ctx.caller.actor.label + ". " +
                          after.text("significance_basis");
  TRY(impact::mark_for_reassessment(ctx, systems.front(), why));
  return raise_risk_reviews(ctx, systems.front());
}

records::Workflow change_workflow() {
  // Withdrawn only before approval: withdrawing an approved change would lift the re-validation
  // the approval asked for without anyone approving that.
  return records::approval_workflow(
      {.submitted_label = "Submitted for approval",
       .returnable = true,
       .rejectable = true,
       .withdrawable = true,
       .more_states = {{"implemented", "Implemented", false, true}},
       .more_transitions = {Transition{.name = "implement",
                                       .label = "Record as implemented",
                                       .from = {"approved"},
                                       .to = "implemented",
                                       .required_fields = {"implemented_on"}}}});
}

records::Field question(const char* key, const char* label) {
  return {.key = key, .label = label, .type = T::flag, .group = "Significance"};
}

records::Field concerned(const char* key, const char* label, const char* target,
                         const char* csv_key) {
  return {.key = key,
          .label = label,
          .type = T::record_ref,
          .group = "What changes",
          .target = target,
          .csv_key = csv_key};
}

const std::vector<records::Choice>& significance_choices() {
  static const std::vector<records::Choice> c = {{"significant", "Significant"},
                                                 {"not_significant", "Not significant"}};
  return c;
}

std::vector<records::Field> change_fields() {
  return {
      {.key = "title",
       .label = "Title",
       .required = true,
       .hint = "Short, such as \"Retrain the PD model on 2026 applications\".",
       .group = "What changes",
       .searchable = true},
      {.key = "ai_system_id",
       .label = "AI system",
       .type = T::record_ref,
       .required = true,
       .group = "What changes",
       .target = "ai_system",
       .csv_key = "ai_system"},
      {.key = "kind",
       .label = "Kind of change",
       .type = T::choice,
       .required = true,
       .choices = {{"new_model_version", "New model version"},
                   {"dataset", "New or changed dataset"},
                   {"purpose_population", "New purpose or population"},
                   {"supplier", "New supplier or changed supply"},
                   {"configuration", "Material configuration change"},
                   {"other", "Other"}},
       .group = "What changes"},
      {.key = "description",
       .label = "What changes and why",
       .type = T::markdown,
       .required = true,
       .group = "What changes",
       .searchable = true},
      concerned("model_id", "Model version", "model", "model"),
      concerned("dataset_id", "Dataset", "dataset", "dataset"),
      concerned("supplier_id", "Supplier", "supplier", "supplier"),
      {.key = "requested_by",
       .label = "Requested by",
       .type = T::user_ref,
       .hint = "Who raised it; may not approve it.",
       .group = "What changes",
       .csv_key = "requested_by_email",
       .responsible = true,
       .read_only = true},
      question("changes_purpose",
               "Does it change the intended purpose, the users or the people it decides about?"),
      question("changes_outputs", "Can it change the outputs for the same inputs?"),
      question("changes_data", "Does it change the training, validation or test data?"),
      question("changes_supplier", "Does it bring in a supplier or change what one provides?"),
      question("changes_risk_tier",
               "Could it change the risk tier or the EU AI Act classification?"),
      question("reduces_oversight", "Does it reduce human oversight or raise automation?"),
      {.key = "derived_significance",
       .label = "The answers give",
       .type = T::choice,
       .choices = significance_choices(),
       .group = "Significance",
       .computed = true},
      {.key = "significance_override",
       .label = "Judged instead as",
       .type = T::choice,
       .choices = significance_choices(),
       .hint = "Only when the answers do not capture the change; say why below.",
       .group = "Significance"},
      {.key = "override_reason",
       .label = "Why judged otherwise",
       .type = T::long_text,
       .group = "Significance"},
      {.key = "significance",
       .label = "Significance",
       .type = T::choice,
       .choices = significance_choices(),
       .group = "Significance",
       .computed = true},
      {.key = "significance_basis",
       .label = "Because",
       .type = T::long_text,
       .group = "Significance",
       .computed = true},
      {.key = "approved_at",
       .label = "Approved at",
       .type = T::date_time,
       .group = "Approval",
       .read_only = true},
      {.key = "reopens",
       .label = "Gates re-opened",
       .type = T::long_text,
       .group = "Approval",
       .read_only = true},
      {.key = "implemented_on", .label = "Implemented on", .type = T::date, .group = "Approval"},
  };
}

records::Description make_change_requests() {
  return {
      .type = "change_request",
      .table = "change_requests",
      .singular = "change request",
      .plural = "change requests",
      .api_path = "/api/v1/change-requests",
      .page_path = "/lifecycle/changes",
      .command = "change-requests",
      .fields = change_fields(),
      .title_field = "title",
      .list_columns = {"title", "ai_system_id", "kind", "significance", "requested_by", "state"},
      .filters = {"ai_system_id", "model_id", "kind", "significance", "state"},
      .default_sort = "-created_at",
      .workflow = change_workflow(),
      .versioned = true,
      .nav = {.group = kGroup,
              .group_order = kGroupOrder,
              .label = "Changes",
              .section = "changes",
              .order = 30},
      .hooks = {.check = change_rules,
                .compute = compute_significance,
                .before_write = change_before_write,
                .after_write = change_after_write},
  };
}

}  // namespace

const records::Description& change_requests() {
  static const records::Description d = make_change_requests();
  return d;
}

}  // namespace aims::lifecycle
