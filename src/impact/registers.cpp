// Impact assessments and their harms and benefits as descriptions on the records platform, with
// their rules: prefilled from the inventory, conditions when the decision has them, the Art. 27
// items complete before review, one approved assessment per system at a time.
#include <algorithm>
#include <mutex>

#include "controls/controls.h"
#include "documents/documents.h"
#include "impact/impact.h"

namespace aims::impact {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

const std::vector<const char*> kFriaFields = {"fria_process", "fria_period",    "fria_persons",
                                              "fria_risks",   "fria_oversight", "fria_measures"};

std::optional<std::string> a_year_after(const Record& r) {
  if (!r.is_set("assessed_on")) return std::nullopt;
  return documents::add_months(r.text("assessed_on"), 12);
}

// The validity aims works out for `r`: a year after the day assessed, when none is given or the
// one it has was worked out from the previous day assessed and this change left it as it was (so
// it follows a new day rather than being left behind it). nullopt: keep what `r` has.
std::optional<std::string> worked_out_validity(const Record& r, const Record* before) {
  const bool given =
      r.is_set("valid_until") && !(before && r.text("valid_until") == before->text("valid_until") &&
                                   a_year_after(*before) == before->text("valid_until"));
  if (given) return std::nullopt;
  return a_year_after(r);
}

void assessment_rules(const Record& r, const Record* before, Problems& p) {
  if (r.text("decision") == "proceed_with_conditions" && !r.is_set("conditions"))
    p.add("conditions", "say which conditions the system proceeds under");
  // The validity as it will be written (prefill works it out after these rules).
  const std::string valid_until = worked_out_validity(r, before).value_or(r.text("valid_until"));
  if (!valid_until.empty() && r.is_set("assessed_on") && valid_until <= r.text("assessed_on"))
    p.add("valid_until", "the assessment must stay valid after the day it was made");
  controls::check_annex_a_field(r, "controls", p, "A.5.4");
}

// What the inventory already says of the system is the starting point of a new assessment, and
// the validity follows from the date assessed (a year) unless given.
Status prefill(const records::WriteContext& ctx, Record& r, const Record* before) {
  if (auto date = worked_out_validity(r, before)) r.values["valid_until"] = *date;
  if (before) return {};
  const auto systems = r.ids("system_id");
  const records::Description* inventory = records::find("ai_system");
  if (systems.empty() || !inventory) return {};
  TRY_ASSIGN(const auto system, records::find(ctx, *inventory, systems.front()));
  if (!system) return {};
  for (const char* key : {"intended_use", "foreseeable_misuse"})
    if (!r.is_set(key)) r.values[key] = system->text(key);
  if (!r.ids("dataset_ids").empty()) return {};
  // Only the datasets a new record may still refer to: one archived since the system named it
  // would have the assessment refused for a field the person left empty.
  TRY_ASSIGN(const auto names,
             records::referenced_names_in(ctx.tx, *inventory, ctx.org, {*system}, {"dataset_ids"}));
  const auto datasets = names.find("dataset");
  records::Ids active;
  for (int64_t id : system->ids("dataset_ids")) {
    if (datasets == names.end()) break;
    const auto named = datasets->second.find(id);
    if (named != datasets->second.end() && !named->second.archived) active.push_back(id);
  }
  r.values["dataset_ids"] = active;
  return {};
}

Status before_review(const records::WriteContext&, const Record& r, const Transition& t) {
  if (std::string_view(t.name) != "submit" || !r.flag("fria")) return {};
  Problems p;
  for (const char* key : kFriaFields)
    if (!r.is_set(key))
      p.add(key, "the fundamental-rights assessment (EU AI Act Art. 27) needs every item");
  return p.status();
}

// A newly approved assessment replaces the one approved before it for the same system.
Status supersede_older(const records::WriteContext& ctx, const Record& after,
                       const Record* before) {
  if (!before || after.state != "approved" || before->state == "approved") return {};
  const auto systems = after.ids("system_id");
  if (systems.empty()) return {};
  TRY_ASSIGN(const auto same_system,
             records::list_all_in(ctx.tx, assessments(), ctx.org,
                                  {.filters = {{"system_id", std::to_string(systems.front())}}}));
  for (const auto& other : same_system) {
    if (other.id == after.id || other.state != "approved") continue;
    TRY(records::move_in(ctx, assessments(), other.id, "supersede",
                         "replaced by \"" + after.text("title") + "\""));
  }
  return {};
}

records::Field long_text(const char* key, const char* label, const char* group,
                         const char* hint = "") {
  return {.key = key, .label = label, .type = T::long_text, .hint = hint, .group = group};
}

std::vector<records::Field> assessment_fields() {
  return {
      {.key = "title",
       .label = "Title",
       .required = true,
       .group = "Assessment",
       .searchable = true},
      {.key = "system_id",
       .label = "AI system",
       .type = T::record_ref,
       .required = true,
       .group = "Assessment",
       .target = "ai_system",
       .csv_key = "ai_system"},
      {.key = "system_version",
       .label = "Version assessed",
       .hint = "The release or model version this assessment is about.",
       .group = "Assessment"},
      {.key = "assessor_id",
       .label = "Assessor",
       .type = T::user_ref,
       .required = true,
       .hint = "Leads the assessment; cannot approve it.",
       .group = "Assessment",
       .csv_key = "assessor_email",
       .responsible = true},
      long_text("scope", "Scope", "Assessment",
                "What the assessment covers and what it leaves out."),
      long_text("intended_use", "Intended use", "The system",
                "Copied from the inventory when left empty."),
      long_text("foreseeable_misuse", "Reasonably foreseeable misuse", "The system",
                "Copied from the inventory when left empty."),
      {.key = "dataset_ids",
       .label = "Datasets",
       .type = T::record_ref,
       .hint = "The system's datasets when left empty.",
       .group = "The system",
       .target = "dataset",
       .many = true,
       .csv_key = "datasets"},
      long_text("data_used", "Data used", "The system", "Sources, quality and personal data."),
      long_text("deployment_context", "Deployment context", "The system",
                "Where, in which languages and for whom it is used."),
      long_text("affected_individuals", "Individuals affected", "Who is affected"),
      long_text("affected_groups", "Groups affected", "Who is affected"),
      long_text("vulnerable_groups", "Vulnerable groups", "Who is affected",
                "Children, people in financial difficulty, people with disabilities, ..."),
      long_text("societal_effects", "Effects on society", "Who is affected"),
      long_text("environmental_effects", "Effects on the environment", "Who is affected"),
      {.key = "risk_ids",
       .label = "Risks it feeds",
       .type = T::record_ref,
       .hint = "Risks in the register that treat what this assessment found.",
       .group = "Outcome",
       .target = "risk",
       .many = true,
       .csv_key = "risks"},
      {.key = "controls", .label = "Annex A controls", .type = T::text_list, .group = "Outcome"},
      {.key = "decision",
       .label = "Decision",
       .type = T::choice,
       .choices = {{"proceed", "Proceed"},
                   {"proceed_with_conditions", "Proceed with conditions"},
                   {"do_not_proceed", "Do not proceed"}},
       .group = "Outcome"},
      long_text("conditions", "Conditions", "Outcome"),
      {.key = "assessed_on", .label = "Assessed on", .type = T::date, .group = "Outcome"},
      {.key = "valid_until",
       .label = "Valid until",
       .type = T::date,
       .hint = "A year after the assessment when left empty.",
       .group = "Outcome",
       .due = true,
       .past_due_label = "expired"},
      {.key = "fria",
       .label = "Includes the fundamental-rights impact assessment (EU AI Act Art. 27)",
       .type = T::flag,
       .group = "Fundamental rights (Art. 27)"},
      long_text("fria_process", "Deployer's process the system is used in",
                "Fundamental rights (Art. 27)"),
      {.key = "fria_period",
       .label = "Period and frequency of use",
       .group = "Fundamental rights (Art. 27)"},
      long_text("fria_persons", "Categories of people likely affected",
                "Fundamental rights (Art. 27)"),
      long_text("fria_risks", "Specific risks of harm to them", "Fundamental rights (Art. 27)"),
      long_text("fria_oversight", "Human oversight measures", "Fundamental rights (Art. 27)"),
      long_text("fria_measures", "Measures if the risks materialise, complaints and governance",
                "Fundamental rights (Art. 27)"),
      {.key = "needs_reassessment",
       .label = "Needs re-assessment",
       .type = T::flag,
       .group = "Re-assessment",
       .read_only = true},
      {.key = "reassessment_reason",
       .label = "Why it needs re-assessment",
       .type = T::long_text,
       .group = "Re-assessment",
       .read_only = true},
      {.key = "reassessment_raised_on",
       .label = "Re-assessment raised on",
       .type = T::date,
       .group = "Re-assessment",
       .due = true,
       .read_only = true},
  };
}

records::Workflow assessment_workflow() {
  return {.states = {{"draft", "Draft"},
                     {"in_review", "In review", false},
                     {"approved", "Approved", false},
                     {"superseded", "Superseded", false, true}},
          .transitions = {
              Transition{.name = "submit",
                         .label = "Submit for review",
                         .from = {"draft"},
                         .to = "in_review",
                         .required_fields = {"decision", "assessed_on", "scope"},
                         .reason_required = true,
                         .reason_label = "Summary of the findings"},
              Transition{.name = "approve",
                         .label = "Approve",
                         .from = {"in_review"},
                         .to = "approved",
                         .permission = auth::Action::approve_records,
                         .approvals = 1,
                         .approver_roles = kApprovers,
                         .freezes = true},
              Transition{.name = "send_back",
                         .label = "Send back",
                         .from = {"in_review"},
                         .to = "draft",
                         .permission = auth::Action::approve_records,
                         .reason_required = true},
              Transition{.name = "supersede",
                         .label = "Mark superseded",
                         .from = {"approved"},
                         .to = "superseded",
                         .permission = auth::Action::approve_records,
                         .reason_required = true},
          }};
}

records::Description make_assessments() {
  return {
      .type = "impact_assessment",
      .table = "impact_assessments",
      .singular = "impact assessment",
      .plural = "impact assessments",
      .api_path = "/api/v1/impact-assessments",
      .page_path = "/impact/assessments",
      .command = "impact-assessments",
      .fields = assessment_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "system_id", "decision", "state", "valid_until",
                       "needs_reassessment"},
      .filters = {"state", "system_id", "decision", "assessor_id", "needs_reassessment", "fria"},
      .sort_keys = {"valid_until", "state"},
      .workflow = assessment_workflow(),
      .versioned = true,
      .nav = {.group = "Assess and treat",
              .group_order = 25,
              .label = "Impact assessments",
              .section = "impact-assessments",
              .order = 25},
      .hooks = {.check = assessment_rules,
                .before_write = prefill,
                .after_write = supersede_older,
                .before_transition = before_review},
  };
}

// An impact belongs to an assessment still being written: an approved one is a frozen record.
// Both the assessment an impact leaves and the one it joins must be drafts.
Status only_in_drafts(const records::WriteContext& ctx, Record& r, const Record* before) {
  records::Ids parents = before ? before->ids("assessment_id") : records::Ids();
  for (int64_t id : r.ids("assessment_id"))
    if (std::find(parents.begin(), parents.end(), id) == parents.end()) parents.push_back(id);
  for (int64_t id : parents) {
    TRY_ASSIGN(const auto a, records::find(ctx, assessments(), id));
    if (a && a->state != "draft")
      return Error{ErrorCode::failed_precondition,
                   "the impact assessment \"" + a->text("title") + "\" is " +
                       (a->state == "in_review" ? "in review" : a->state) +
                       ": its harms and benefits change only while it is a draft",
                   {}};
  }
  return {};
}

void impact_rules(const Record& r, const Record*, Problems& p) {
  controls::check_annex_a_field(r, "controls", p, "A.5.4");
  if (r.text("kind") == "harm" && !r.is_set("mitigation"))
    p.add("mitigation", "say how the harm is prevented or reduced");
}

records::Description make_impacts() {
  return {
      .type = "impact",
      .table = "impacts",
      .singular = "harm or benefit",
      .plural = "harms and benefits",
      .api_path = "/api/v1/impacts",
      .page_path = "/impact/impacts",
      .command = "impacts",
      .fields =
          {
              {.key = "title",
               .label = "What",
               .required = true,
               .group = "Impact",
               .searchable = true},
              {.key = "assessment_id",
               .label = "Impact assessment",
               .type = T::record_ref,
               .required = true,
               .group = "Impact",
               .target = "impact_assessment",
               .csv_key = "impact_assessment"},
              {.key = "kind",
               .label = "Harm or benefit",
               .type = T::choice,
               .required = true,
               .choices = {{"harm", "Harm"}, {"benefit", "Benefit"}},
               .group = "Impact",
               .default_value = "harm"},
              {.key = "dimension",
               .label = "Dimension",
               .type = T::choice,
               .required = true,
               .choices = {{"fairness", "Fairness"},
                           {"privacy", "Privacy"},
                           {"safety", "Safety"},
                           {"human_rights", "Human rights"},
                           {"transparency", "Transparency"},
                           {"environment", "Environment"},
                           {"economic", "Economic"},
                           {"other", "Other"}},
               .group = "Impact",
               .default_value = "fairness"},
              {.key = "affected", .label = "Who is affected", .group = "Impact"},
              {.key = "severity",
               .label = "Severity",
               .type = T::choice,
               .required = true,
               .choices = {{"low", "Low"},
                           {"moderate", "Moderate"},
                           {"high", "High"},
                           {"very_high", "Very high"}},
               .group = "Weight",
               .default_value = "moderate"},
              {.key = "likelihood",
               .label = "Likelihood",
               .type = T::choice,
               .required = true,
               .choices = {{"rare", "Rare"},
                           {"unlikely", "Unlikely"},
                           {"possible", "Possible"},
                           {"likely", "Likely"},
                           {"almost_certain", "Almost certain"}},
               .group = "Weight",
               .default_value = "possible"},
              {.key = "reversibility",
               .label = "Reversibility",
               .type = T::choice,
               .required = true,
               .choices = {{"reversible", "Easily reversed"},
                           {"hard_to_reverse", "Reversed with effort"},
                           {"irreversible", "Irreversible"}},
               .group = "Weight",
               .default_value = "reversible"},
              {.key = "mitigation",
               .label = "Mitigation",
               .type = T::long_text,
               .hint = "Needed for a harm.",
               .group = "Treatment"},
              {.key = "risk_ids",
               .label = "Risks",
               .type = T::record_ref,
               .group = "Treatment",
               .target = "risk",
               .many = true,
               .csv_key = "risks"},
              {.key = "controls",
               .label = "Annex A controls",
               .type = T::text_list,
               .group = "Treatment"},
          },
      .title_field = "title",
      .list_columns = {"title", "assessment_id", "kind", "dimension", "severity", "likelihood",
                       "reversibility"},
      .filters = {"assessment_id", "kind", "dimension", "severity", "reversibility"},
      .nav = {},
      .hooks = {.check = impact_rules, .before_write = only_in_drafts},
  };
}

}  // namespace

const records::Description& assessments() {
  static const records::Description d = make_assessments();
  return d;
}

const records::Description& impacts() {
  static const records::Description d = make_impacts();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define(assessments());
    records::define(impacts());
    define_readiness_rules();
    watch_systems();
  });
}

}  // namespace aims::impact
