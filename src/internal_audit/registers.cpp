// The audit programme, internal audits and their checklist items as descriptions on the records
// platform, with the rules clause 9.2 sets for them: criteria from the standard, dates in order,
// and a lead auditor and team who do not audit their own work.
#include <mutex>
#include <set>

#include "auth/auth.h"
#include "controls/controls.h"
#include "internal_audit/independence.h"
#include "internal_audit/internal_audit.h"

namespace aims::internal_audit {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};
constexpr records::Navigation kEvaluation = {.group = "Evaluation", .group_order = 35};

records::Navigation evaluation_entry(const char* label, const char* section, int order) {
  records::Navigation nav = kEvaluation;
  nav.label = label;
  nav.section = section;
  nav.order = order;
  return nav;
}

void dates_in_order(const Record& r, const char* start, const char* end, const char* what,
                    Problems& p) {
  if (r.is_set(start) && r.is_set(end) && r.text(end) < r.text(start))
    p.add(end, std::string("the ") + what + " cannot end before it starts");
}

// ---- programmes --------------------------------------------------------------------------------

void programme_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("period_start") && r.is_set("period_end") &&
      r.text("period_end") <= r.text("period_start"))
    p.add("period_end", "the programme's period must end after it starts");
}

records::Description make_programmes() {
  return {
      .type = "audit_programme",
      .table = "audit_programmes",
      .singular = "audit programme",
      .plural = "audit programmes",
      .api_path = "/api/v1/audit-programmes",
      .page_path = "/evaluation/audit-programmes",
      .command = "audit-programmes",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .group = "Programme",
               .searchable = true},
              {.key = "period_start",
               .label = "Period starts",
               .type = T::date,
               .required = true,
               .group = "Programme"},
              {.key = "period_end",
               .label = "Period ends",
               .type = T::date,
               .required = true,
               .group = "Programme"},
              {.key = "objectives",
               .label = "Objectives and method",
               .type = T::markdown,
               .hint = "What the programme sets out to learn, how audits are chosen and run, how "
                       "often, and how results are reported.",
               .group = "Programme",
               .searchable = true},
              {.key = "owner_id",
               .label = "Programme owner",
               .type = T::user_ref,
               .required = true,
               .hint = "Answers for planning the audits and following up their results.",
               .group = "Programme",
               .csv_key = "owner_email",
               .responsible = true},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "period_start", "period_end", "owner_id", "state"},
      .filters = {"state", "owner_id"},
      .sort_keys = {"period_start", "state"},
      .default_sort = "-period_start",
      .workflow = records::Workflow{.states = {{"draft", "Draft"}, {"approved", "Approved", false}},
                                    .transitions =
                                        {
                                            Transition{.name = "approve",
                                                       .label = "Approve",
                                                       .from = {"draft"},
                                                       .to = "approved",
                                                       .permission = auth::Action::approve_records,
                                                       .approvals = 1,
                                                       .approver_roles = kApprovers,
                                                       .freezes = true},
                                            Transition{.name = "revise",
                                                       .label = "Revise",
                                                       .from = {"approved"},
                                                       .to = "draft",
                                                       .permission = auth::Action::edit_audits,
                                                       .reason_required = true,
                                                       .reason_label = "What changes"},
                                        }},
      .versioned = true,
      .edit = auth::Action::edit_audits,
      .nav = evaluation_entry("Audit programme", "audit-programmes", 10),
      .hooks = {.check = programme_rules},
  };
}

// ---- audits ------------------------------------------------------------------------------------

// A field takes one problem, so every criterion that is not one of the catalog's is named in it.
void audit_rules(const Record& r, const Record*, Problems& p) {
  std::set<std::string> seen;
  std::string unknown, twice;
  for (const auto& c : r.list("criteria")) {
    if (!is_criterion(c))
      unknown += (unknown.empty() ? "\"" : ", \"") + c + "\"";
    else if (!seen.insert(c).second)
      twice += (twice.empty() ? "\"" : ", \"") + c + "\"";
  }
  if (!unknown.empty())
    p.add("criteria", unknown +
                          ": not requirements of clauses 4 to 10 nor Annex A controls of ISO/IEC "
                          "42001; write them as 9.2.1 or A.6.2.6");
  if (!twice.empty()) p.add("criteria", twice + ": named twice");
  dates_in_order(r, "planned_start", "planned_end", "planned audit", p);
  dates_in_order(r, "actual_start", "actual_end", "audit", p);
}

// The audit's dates fall within its programme's period, and nobody audits their own work.
Status audit_before_write(const records::WriteContext& ctx, Record& after, const Record*) {
  const auto programme_ids = after.ids("programme_id");
  if (!programme_ids.empty()) {
    TRY_ASSIGN(const auto programme, records::find(ctx, programmes(), programme_ids.front()));
    if (!programme) return Error::invalid("programme_id", "no such audit programme");
    const std::string from = programme->text("period_start"), to = programme->text("period_end");
    for (const char* key : {"planned_start", "planned_end"}) {
      const std::string day = after.text(key);
      if (!day.empty() && (day < from || day > to))
        return Error::invalid(key, "falls outside the programme's period, " + from + " to " + to);
    }
  }
  return check_independence(ctx, after);
}

// Only the lead auditor signs the report off: the report is theirs to answer for.
Result<std::optional<std::string>> report_closed(store::Tx& tx, int64_t org, const Record& r,
                                                 const Transition& t,
                                                 const records::Caller& caller) {
  using Why = std::optional<std::string>;
  if (std::string_view(t.name) != "report") return Why{};
  const auto lead = r.number("lead_auditor_id");
  if (!lead) return Why{"name the lead auditor first: they sign the report off"};
  if (caller.user_id == lead) return Why{};
  TRY_ASSIGN(const std::string lead_name, auth::person_name(tx, org, *lead));
  return Why{"only the lead auditor, " + lead_name + ", signs the report off"};
}

Status report_route(const records::WriteContext& ctx, const Record& r, const Transition& t) {
  TRY_ASSIGN(const auto why, report_closed(ctx.tx, ctx.org, r, t, ctx.caller));
  if (why) return Error{ErrorCode::permission_denied, *why, {}};
  return {};
}

std::vector<records::Field> audit_fields() {
  return {
      {.key = "programme_id",
       .label = "Programme",
       .type = T::record_ref,
       .required = true,
       .group = "Audit",
       .target = "audit_programme",
       .csv_key = "programme"},
      {.key = "title", .label = "Title", .required = true, .group = "Audit", .searchable = true},
      {.key = "scope",
       .label = "Scope",
       .type = T::long_text,
       .hint = "The processes, AI systems, sites and period the audit looks at.",
       .group = "Audit",
       .searchable = true},
      {.key = "criteria",
       .label = "Criteria",
       .type = T::text_list,
       .required = true,
       .hint = "The ISO/IEC 42001 requirements (4.1 to 10.2) and Annex A controls (such as "
               "A.6.2.6) the audit covers.",
       .group = "Audit",
       .searchable = true},
      {.key = "procedure_ids",
       .label = "Procedures audited against",
       .type = T::record_ref,
       .hint = "The organisation's own documents that are criteria too.",
       .group = "Audit",
       .target = "document",
       .many = true,
       .csv_key = "procedures"},
      {.key = "lead_auditor_id",
       .label = "Lead auditor",
       .type = T::user_ref,
       .required = true,
       .hint = "Independent of what is audited; signs the report off.",
       .group = "Auditors",
       .csv_key = "lead_auditor_email",
       .responsible = true},
      // A text list of emails rather than a register of seats: a team member has no attributes
      // beyond being a person of the organisation, which before_write checks.
      {.key = "team",
       .label = "Audit team",
       .type = T::text_list,
       .hint = "The other auditors' emails; each independent of what is audited.",
       .group = "Auditors"},
      {.key = "planned_start",
       .label = "Planned start",
       .type = T::date,
       .required = true,
       .group = "Dates"},
      // The due date is the planned end, not the start: an audit under way past its start is on
      // time, while one past its planned end without a report is late (and 9.2.2 says so); My
      // work still shows an audit that is coming in the month before it ends.
      {.key = "planned_end",
       .label = "Planned end",
       .type = T::date,
       .required = true,
       .group = "Dates",
       .due = true,
       .past_due_label = "report overdue"},
      {.key = "actual_start", .label = "Started on", .type = T::date, .group = "Dates"},
      {.key = "actual_end", .label = "Ended on", .type = T::date, .group = "Dates"},
      {.key = "summary",
       .label = "Summary of results",
       .type = T::markdown,
       .hint = "The conclusion on whether the AIMS conforms and is effective, for the report.",
       .group = "Report",
       .searchable = true},
  };
}

records::Workflow audit_workflow() {
  return {.states = {{"planned", "Planned"},
                     {"in_progress", "In progress"},
                     // Reported is the end of the audit's own work: closing it follows the
                     // results up, and no due date of the audit is anyone's work any more.
                     {"reported", "Reported", false, true},
                     {"closed", "Closed", false, true},
                     {"cancelled", "Cancelled", false, true}},
          .transitions = {
              Transition{.name = "start",
                         .label = "Start the audit",
                         .from = {"planned"},
                         .to = "in_progress",
                         .permission = auth::Action::edit_audits,
                         .required_fields = {"actual_start"}},
              Transition{.name = "report",
                         .label = "Sign the report off",
                         .from = {"in_progress"},
                         .to = "reported",
                         .permission = auth::Action::edit_audits,
                         .required_fields = {"actual_end", "summary"},
                         .freezes = true},
              Transition{.name = "close",
                         .label = "Close",
                         .from = {"reported"},
                         .to = "closed",
                         .permission = auth::Action::edit_audits,
                         .reason_required = true,
                         .reason_label = "How the results were followed up"},
              Transition{.name = "cancel",
                         .label = "Cancel",
                         .from = {"planned", "in_progress"},
                         .to = "cancelled",
                         .permission = auth::Action::edit_audits,
                         .reason_required = true},
          }};
}

records::Description make_audits() {
  return {
      .type = "internal_audit",
      .table = "internal_audits",
      .singular = "internal audit",
      .plural = "internal audits",
      .api_path = "/api/v1/internal-audits",
      .page_path = "/evaluation/audits",
      .command = "internal-audits",
      .fields = audit_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "programme_id", "lead_auditor_id", "planned_start", "planned_end",
                       "state"},
      .filters = {"state", "programme_id", "lead_auditor_id", "criteria"},
      .sort_keys = {"planned_start", "planned_end", "state"},
      .default_sort = "planned_start",
      .workflow = audit_workflow(),
      .versioned = true,
      .edit = auth::Action::edit_audits,
      .nav = evaluation_entry("Internal audits", "internal-audits", 20),
      .hooks = {.check = audit_rules,
                .before_write = audit_before_write,
                .before_transition = report_route,
                .closed_for = report_closed},
  };
}

// ---- checklist items ---------------------------------------------------------------------------

void item_rules(const Record& r, const Record*, Problems& p) {
  if (r.is_set("criterion") && !is_criterion(r.text("criterion")))
    p.add("criterion", "\"" + r.text("criterion") +
                           "\" is no requirement of clauses 4 to 10 nor Annex A control of "
                           "ISO/IEC 42001; write it as 9.2.1 or A.6.2.6");
}

// An item is named by its audit and criterion, so lists, search and the nonconformity it raised
// say where it came from.
Status name_item(const records::WriteContext& ctx, Record& after, const Record*) {
  const auto ids = after.ids("audit_id");
  if (ids.empty()) return {};
  TRY_ASSIGN(const auto audit, records::find(ctx, audits(), ids.front()));
  if (!audit) return Error::invalid("audit_id", "no such internal audit");
  after.values["title"] = audit->text("title") + ", " + after.text("criterion");
  return {};
}

records::Description make_items() {
  return {
      .type = "audit_item",
      .table = "audit_items",
      .singular = "audit item",
      .plural = "audit items",
      .api_path = "/api/v1/audit-items",
      .page_path = "/evaluation/audit-items",
      .command = "audit-items",
      .fields =
          {
              {.key = "title",
               .label = "Item",
               .group = "Item",
               .searchable = true,
               .computed = true},
              {.key = "audit_id",
               .label = "Audit",
               .type = T::record_ref,
               .required = true,
               .group = "Item",
               .target = "internal_audit",
               .csv_key = "audit"},
              {.key = "criterion",
               .label = "Criterion",
               .required = true,
               .hint = "The requirement or control checked, such as 9.2.1 or A.6.2.6.",
               .group = "Item"},
              {.key = "question",
               .label = "What to check",
               .type = T::long_text,
               .required = true,
               .group = "Item",
               .searchable = true},
              {.key = "result",
               .label = "Result",
               .type = T::choice,
               .choices = {{"conforms", "Conforms"},
                           {"observation", "Observation"},
                           {kMinorNonconformity, "Minor nonconformity"},
                           {kMajorNonconformity, "Major nonconformity"},
                           {"improvement", "Opportunity for improvement"},
                           {"not_audited", "Not audited"}},
               .hint = "Empty until the item is audited.",
               .group = "Result"},
              {.key = "notes",
               .label = "Notes",
               .type = T::long_text,
               .hint = "What was seen, and for a finding what is missing against the criterion.",
               .group = "Result",
               .searchable = true},
              {.key = "evidence_ids",
               .label = "Evidence",
               .type = T::record_ref,
               .group = "Result",
               .target = "evidence",
               .many = true,
               .csv_key = "evidence"},
              {.key = "nonconformity_id",
               .label = "Nonconformity raised",
               .type = T::record_ref,
               .group = "Result",
               .target = "nonconformity",
               .csv_key = "nonconformity",
               .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"audit_id", "criterion", "result", "nonconformity_id"},
      .filters = {"audit_id", "result"},
      .sort_keys = {"criterion", "result"},
      .default_sort = "criterion",
      .edit = auth::Action::edit_audits,
      .nav = evaluation_entry("Audit items", "audit-items", 30),
      .hooks = {.check = item_rules, .before_write = name_item},
  };
}

}  // namespace

const records::Description& programmes() {
  static const records::Description d = make_programmes();
  return d;
}

const records::Description& audits() {
  static const records::Description d = make_audits();
  return d;
}

const records::Description& items() {
  static const records::Description d = make_items();
  return d;
}

bool is_criterion(const std::string& id) {
  if (controls::is_annex_a_control(id)) return true;
  const controls::Framework* iso = controls::built_in_framework(controls::kIso42001);
  const controls::Item* item = iso ? iso->item(id) : nullptr;
  return item && item->kind == "requirement";
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define(programmes());
    records::define(audits());
    records::define(items());
    define_readiness_rules();
  });
}

}  // namespace aims::internal_audit
