// The supplier assessment register: a fixed questionnaire scored 0 to 3 (see questionnaire()),
// its total and rating, findings and conditions, and a decision that sets the supplier's
// assessment status and next review.
//
// The questions are fields of the description rather than an editable template register: every
// assessment then answers the same questions, so totals and ratings compare across suppliers and
// years, the CSV export has one column per question, and the rating rule can name the critical
// topics. An organisation that needs more says so in the findings.
#include <mutex>

#include "documents/documents.h"
#include "inventory/inventory.h"
#include "suppliers/suppliers.h"

namespace aims::suppliers {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kDeciders = {auth::Role::admin, auth::Role::aims_manager};

bool decided(const std::string& state) {
  return state == "approved" || state == "approved_with_conditions" || state == "rejected";
}

std::vector<records::Field> question_fields() {
  std::vector<records::Field> out;
  for (const Question& q : questionnaire())
    out.push_back({.key = q.key,
                   .label = q.topic,
                   .type = T::score,
                   .hint = q.asks,
                   .group = "Questionnaire (0 none, 1 weak, 2 adequate, 3 strong)",
                   .min = 0,
                   .max = kMaxScore});
  return out;
}

std::vector<records::Field> assessment_fields() {
  std::vector<records::Field> fields = {
      {.key = "title",
       .label = "Title",
       .required = true,
       .hint = "The supplier and the year, such as \"Sentinel Fraud Analytics 2026\".",
       .group = "Assessment",
       .searchable = true},
      {.key = "supplier_id",
       .label = "Supplier",
       .type = T::record_ref,
       .required = true,
       .group = "Assessment",
       .target = "supplier",
       .csv_key = "supplier"},
      {.key = "assessed_on",
       .label = "Assessed on",
       .type = T::date,
       .required = true,
       .group = "Assessment"},
      {.key = "assessor_id",
       .label = "Assessor",
       .type = T::user_ref,
       .required = true,
       .hint = "Answers the questionnaire; may not decide on it.",
       .group = "Assessment",
       .csv_key = "assessor_email",
       .responsible = true},
      {.key = "ai_act_role",
       .label = "Supplier's EU AI Act role",
       .type = T::choice,
       .choices = {{"provider_high_risk", "Provider of a high-risk AI system"},
                   {"provider_gpai", "Provider of a general-purpose AI model"},
                   {"provider_other", "Provider of another AI system"},
                   {"importer_distributor", "Importer or distributor"},
                   {"not_in_scope", "Not an AI Act operator for what it supplies"}},
       .group = "Assessment"},
  };
  for (auto& q : question_fields())
    fields.push_back(std::move(q));
  const std::vector<records::Field> rest = {
      {.key = "total_score",
       .label = "Total score (of 27)",
       .type = T::integer,
       .group = "Result",
       .computed = true},
      {.key = "rating",
       .label = "Concern",
       .type = T::choice,
       .choices = {{"low", "Low concern"}, {"medium", "Medium concern"}, {"high", "High concern"}},
       .hint = "High when a critical topic (data use, security, incident notification) scores 0 "
               "or the total is 13 or less; medium when the total is 20 or less or any topic "
               "scores 0; low otherwise.",
       .group = "Result",
       .computed = true},
      {.key = "findings",
       .label = "Findings",
       .type = T::markdown,
       .hint = "What the evidence showed, topic by topic, and where it fell short.",
       .group = "Result",
       .searchable = true},
      {.key = "conditions",
       .label = "Conditions",
       .type = T::long_text,
       .hint = "What the supplier must do for the approval to stand.",
       .group = "Conditions",
       .searchable = true},
      {.key = "conditions_due",
       .label = "Conditions due by",
       .type = T::date,
       .group = "Conditions",
       .due = true,
       .past_due_label = "conditions overdue"},
      {.key = "conditions_met_on",
       .label = "Conditions met on",
       .type = T::date,
       .group = "Conditions"},
      {.key = "decided_on",
       .label = "Decided on",
       .type = T::date,
       .group = "Decision",
       .read_only = true},
      {.key = "approver_id",
       .label = "Decided by",
       .type = T::user_ref,
       .group = "Decision",
       .csv_key = "approver_email",
       .read_only = true},
      {.key = "next_review_due",
       .label = "Next review due",
       .type = T::date,
       .hint = "12 months after the decision for a high concern, 24 otherwise; the supplier's "
               "next review follows it.",
       .group = "Decision",
       .read_only = true},
  };
  fields.insert(fields.end(), rest.begin(), rest.end());
  return fields;
}

void assessment_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("conditions_due") && !r.is_set("conditions"))
    p.add("conditions_due", "a due date needs the conditions it is for");
  if (r.is_set("conditions_met_on") && !r.is_set("conditions"))
    p.add("conditions_met_on", "there are no conditions to meet");
}

void compute_score(Record& r) {
  const Scoring s = score(r);
  r.values["total_score"] = int64_t{s.total};
  if (s.rating.empty())
    r.values["rating"] = records::FieldValue();
  else
    r.values["rating"] = s.rating;
}

// A decision records who made it and when, and sets the next review from the rating.
Status stamp_decision(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!before || before->state != "submitted" || !decided(after.state)) return {};
  const std::string today = ctx.now.substr(0, 10);
  after.values["decided_on"] = today;
  if (ctx.caller.user_id) after.values["approver_id"] = *ctx.caller.user_id;
  after.values["next_review_due"] = records::FieldValue();
  if (after.state != "rejected")
    if (auto next = next_review_after(today, after.text("rating")))
      after.values["next_review_due"] = *next;
  return {};
}

// The supplier's own assessment fields follow its assessments, so the supplier's next review is
// on My work and the inventory's rules read the same status.
Status update_supplier(const records::WriteContext& ctx, const Record& after,
                       const Record* before) {
  const auto ids = after.ids("supplier_id");
  if (ids.empty()) return {};
  TRY_ASSIGN(const auto supplier, records::find(ctx, inventory::suppliers(), ids.front()));
  if (!supplier || supplier->archived_at) return {};
  Record changes;
  if (!before) {
    if (supplier->text("assessment_status") != "not_started") return {};
    changes.values["assessment_status"] = std::string("in_progress");
  } else if (before->state == "submitted" && decided(after.state)) {
    changes.values["assessment_status"] = after.state;
    changes.values["last_review"] = after.text("decided_on");
    changes.values["next_review"] = after.is_set("next_review_due")
                                        ? records::FieldValue(after.text("next_review_due"))
                                        : records::FieldValue();
  } else if (before->state != after.state && after.state == "approved") {
    changes.values["assessment_status"] = std::string("approved");  // its conditions were met
  } else {
    return {};
  }
  TRY(records::update_in(ctx, inventory::suppliers(), supplier->id, changes, std::nullopt));
  return {};
}

// Neither the assessor (the platform refuses the responsible person) nor the supplier's
// relationship owner decides: the owner wants the supplier kept.
Result<std::optional<std::string>> decision_closed(store::Tx& tx, int64_t org, const Record& r,
                                                   const Transition& t,
                                                   const records::Caller& caller) {
  using Why = std::optional<std::string>;
  if (t.approvals == 0 || !caller.user_id) return Why{};
  const auto ids = r.ids("supplier_id");
  if (ids.empty()) return Why{};
  const records::WriteContext ctx{tx, org, caller, ""};
  TRY_ASSIGN(const auto supplier, records::find(ctx, inventory::suppliers(), ids.front()));
  if (supplier && supplier->number("relationship_owner_id") == caller.user_id)
    return Why{
        "separation of duties: you own the relationship with this supplier, so someone "
        "else must decide on its assessment"};
  return Why{};
}

Status decision_route(const records::WriteContext& ctx, const Record& r, const Transition& t) {
  TRY_ASSIGN(const auto why, decision_closed(ctx.tx, ctx.org, r, t, ctx.caller));
  if (why) return Error{ErrorCode::permission_denied, *why, {}};
  return {};
}

std::vector<const char*> submit_fields() {
  std::vector<const char*> keys = {"assessor_id"};
  for (const Question& q : questionnaire())
    keys.push_back(q.key);
  return keys;
}

Transition decision(const char* name, const char* label, const char* to,
                    std::vector<const char*> fields = {}, bool reason = false) {
  return {.name = name,
          .label = label,
          .from = {"submitted"},
          .to = to,
          .permission = auth::Action::approve_records,
          .required_fields = std::move(fields),
          .reason_required = reason,
          .approvals = 1,
          .approver_roles = kDeciders,
          .freezes = true};
}

records::Workflow assessment_workflow() {
  return {.states = {{"draft", "Draft"},
                     {"submitted", "Submitted", false},
                     {"approved", "Approved", false},
                     // Not done: its conditions' due date stays someone's work until they are met.
                     {"approved_with_conditions", "Approved with conditions", false},
                     {"rejected", "Rejected", false}},
          .transitions = {
              Transition{.name = "submit",
                         .label = "Submit for decision",
                         .from = {"draft"},
                         .to = "submitted",
                         .required_fields = submit_fields()},
              Transition{.name = "return",
                         .label = "Return to the assessor",
                         .from = {"submitted"},
                         .to = "draft",
                         .reason_required = true,
                         .reason_label = "What to change"},
              decision("approve", "Approve", "approved"),
              decision("approve_with_conditions", "Approve with conditions",
                       "approved_with_conditions", {"conditions", "conditions_due"}),
              decision("reject", "Reject", "rejected", {}, true),
              Transition{.name = "conditions_met",
                         .label = "Record the conditions met",
                         .from = {"approved_with_conditions"},
                         .to = "approved",
                         .required_fields = {"conditions_met_on"}},
          }};
}

records::Description make_assessments() {
  return {
      .type = "supplier_assessment",
      .table = "supplier_assessments",
      .singular = "supplier assessment",
      .plural = "supplier assessments",
      .api_path = "/api/v1/supplier-assessments",
      .page_path = "/third-parties/assessments",
      .command = "supplier-assessments",
      .fields = assessment_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "supplier_id", "assessed_on", "total_score", "rating", "state",
                       "next_review_due"},
      .filters = {"state", "supplier_id", "rating", "assessor_id"},
      .sort_keys = {"assessed_on", "total_score", "next_review_due", "state"},
      .default_sort = "-assessed_on",
      .workflow = assessment_workflow(),
      .versioned = true,
      .nav = {.group = "Third parties",
              .group_order = 14,
              .label = "Supplier assessments",
              .section = "supplier-assessments",
              .order = 10},
      .hooks = {.check = assessment_rules,
                .compute = compute_score,
                .before_write = stamp_decision,
                .after_write = update_supplier,
                .before_transition = decision_route,
                .closed_for = decision_closed},
  };
}

}  // namespace

const records::Description& assessments() {
  static const records::Description d = make_assessments();
  return d;
}

std::optional<std::string> next_review_after(const std::string& decided_on,
                                             const std::string& rating) {
  return documents::add_months(decided_on, rating == "high" ? 12 : 24);
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    inventory::define_registers();
    records::define(assessments());
    records::define(evaluations());
    records::define(exit_plans());
    define_readiness_rules();
  });
}

}  // namespace aims::suppliers
