// The risk register and its treatment actions as descriptions on the records platform, with the
// rules clauses 6.1.2 and 6.1.3 set for them: scores within the criteria's scales, levels the
// criteria give, acceptance above the threshold only with an approver who is not the owner.
#include <algorithm>
#include <mutex>

#include "base/time.h"
#include "controls/controls.h"
#include "documents/documents.h"
#include "monitoring/engine/engine.h"
#include "monitoring/monitoring.h"
#include "risk/risk.h"

namespace aims::risk {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

const std::vector<auth::Role> kApprovers = {auth::Role::admin, auth::Role::aims_manager};

std::vector<records::Choice> level_choices() {
  return {{"low", "Low"}, {"medium", "Medium"}, {"high", "High"}, {"critical", "Critical"}};
}

void risk_rules(const Record& r, const Record*, Problems& p) {
  if (r.ids("system_ids").empty() && !r.flag("organisation_wide"))
    p.add("system_ids", "name the AI systems it concerns, or mark it organisation-wide");
  if (r.text("source") == "other" && !r.is_set("source_detail"))
    p.add("source_detail", "name the risk source when it is none of Annex C's");
  for (const char* side : {"residual", "inherent"}) {
    const std::string l = std::string(side) + "_likelihood", i = std::string(side) + "_impact";
    if (r.is_set(l) != r.is_set(i))
      p.add(r.is_set(l) ? i : l, "score likelihood and impact together");
  }
  controls::check_annex_a_field(r, "controls", p);
  if (r.ids("indicator_monitor_id").empty() != !r.is_set("indicator_metric"))
    p.add(r.is_set("indicator_metric") ? "indicator_monitor_id" : "indicator_metric",
          "an indicator is a monitor and one of its metrics: give both or neither");
  const auto& metrics = monitoring::metric_keys();
  if (r.is_set("indicator_metric") &&
      std::find(metrics.begin(), metrics.end(), r.text("indicator_metric")) == metrics.end())
    p.add("indicator_metric", "\"" + r.text("indicator_metric") +
                                  "\" is no metric the monitoring engine computes, such as "
                                  "fairness.disparate_impact");
}

// Whoever asks for acceptance above the threshold may not also grant it: they count among the
// risk's responsible people while the request stands.
void note_requester(const records::WriteContext& ctx, Record& r, const Record* before) {
  const bool entering =
      r.state == "acceptance_requested" && (!before || before->state != "acceptance_requested");
  if (entering && ctx.caller.user_id)
    r.values["acceptance_requested_by"] = *ctx.caller.user_id;
  else if (r.state != "acceptance_requested")
    r.values["acceptance_requested_by"] = std::monostate{};
}

// Levels come from the criteria in force when the record is written; scores must fit their
// scales, which may have fewer than five steps.
Status score_with_criteria(const records::WriteContext& ctx, Record& r, const Record* before) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.tx, ctx.org));
  Problems p;
  for (const char* side : {"inherent", "residual"}) {
    const std::string l = std::string(side) + "_likelihood", i = std::string(side) + "_impact";
    const auto likelihood = r.number(l), impact = r.number(i);
    if (likelihood && static_cast<size_t>(*likelihood) > c.likelihood.size())
      p.add(l, "the criteria's likelihood scale runs from 1 to " +
                   std::to_string(c.likelihood.size()));
    if (impact && static_cast<size_t>(*impact) > c.impact.size())
      p.add(i, "the criteria's impact scale runs from 1 to " + std::to_string(c.impact.size()));
    const auto level = likelihood && impact ? level_of(c, *likelihood, *impact) : std::nullopt;
    r.values[std::string(side) + "_level"] =
        level ? records::FieldValue(*level) : records::FieldValue(std::monostate{});
  }
  TRY(p.status());
  r.values["criteria_version"] = c.version;
  const bool interval_changed =
      before && r.number("review_interval_months") != before->number("review_interval_months");
  if (!r.is_set("next_review") ||
      (interval_changed && r.text("next_review") == before->text("next_review"))) {
    const auto months = r.number("review_interval_months").value_or(12);
    if (auto date = documents::add_months(ctx.now.substr(0, 10), months))
      r.values["next_review"] = *date;
  }
  // A review a breach raised is done once the owner reassesses or the next review is set again.
  if (before && before->is_set("review_raised_on") &&
      (r.state != before->state || r.text("next_review") != before->text("next_review")))
    r.values["review_raised_on"] = std::monostate{};
  note_requester(ctx, r, before);
  return {};
}

// Acceptance goes one of two ways by the residual level: the owner's own call within the
// threshold, a request an approver decides above it. Why the way asked is closed, or nullopt.
Result<std::optional<std::string>> acceptance_closed(store::Tx& tx, int64_t org, const Record& r,
                                                     const Transition& t,
                                                     const records::Caller& caller) {
  using Why = std::optional<std::string>;
  const std::string name = t.name;
  if (name != "accept" && name != "request_acceptance") return Why{};
  const auto l = r.number("residual_likelihood"), i = r.number("residual_impact");
  if (!l || !i) return Why{"score the residual risk first"};
  TRY_ASSIGN(const Criteria c, current_criteria(tx, org));
  const auto level = level_of(c, *l, *i).value_or("");
  const bool above = above_threshold(c, level);
  const std::string threshold = level_label(c.threshold);
  if (name == "accept" && above)
    return Why{"the residual level " + level_label(level) + " is above the acceptance threshold (" +
               threshold + "): request acceptance, which an approver other than the owner decides"};
  if (name == "request_acceptance" && !above)
    return Why{"the residual level is within the acceptance threshold (" + threshold +
               "): the owner accepts it without an approver"};
  if (name == "accept" && caller.user_id != r.number("owner_id"))
    return Why{"only the risk's owner accepts a residual risk within the threshold"};
  return Why{};
}

Status acceptance_route(const records::WriteContext& ctx, const Record& r, const Transition& t) {
  TRY_ASSIGN(const auto why, acceptance_closed(ctx.tx, ctx.org, r, t, ctx.caller));
  if (why) return Error{ErrorCode::failed_precondition, *why, {}};
  return {};
}

std::vector<records::Field> risk_fields() {
  return {
      {.key = "title", .label = "Title", .required = true, .group = "Risk", .searchable = true},
      {.key = "description",
       .label = "Description",
       .type = T::long_text,
       .group = "Risk",
       .searchable = true},
      {.key = "system_ids",
       .label = "AI systems concerned",
       .type = T::record_ref,
       .group = "Risk",
       .target = "ai_system",
       .many = true,
       .csv_key = "ai_systems"},
      {.key = "organisation_wide",
       .label = "Organisation-wide",
       .type = T::flag,
       .hint = "A risk of the management system itself rather than of named AI systems.",
       .group = "Risk"},
      {.key = "owner_id",
       .label = "Owner",
       .type = T::user_ref,
       .required = true,
       .hint = "Answers for the risk and its treatment; cannot approve its acceptance.",
       .group = "Risk",
       .csv_key = "owner_email",
       .responsible = true},
      {.key = "source",
       .label = "Risk source",
       .type = T::choice,
       .required = true,
       .choices = {{"complexity_of_environment", "Complexity of the environment"},
                   {"lack_of_transparency", "Lack of transparency and explainability"},
                   {"level_of_automation", "Level of automation"},
                   {"machine_learning", "Machine learning (data and training)"},
                   {"hardware", "System hardware"},
                   {"lifecycle", "System life cycle"},
                   {"technology_readiness", "Technology readiness"},
                   {"other", "Other (name it)"}},
       .hint = "ISO/IEC 42001 Annex C; choose Other to name one of your own.",
       .group = "Analysis",
       .default_value = "machine_learning"},
      {.key = "source_detail", .label = "Other risk source", .group = "Analysis"},
      {.key = "objective",
       .label = "Objective affected",
       .type = T::choice,
       .required = true,
       .choices = {{"accountability", "Accountability"},
                   {"ai_expertise", "AI expertise"},
                   {"data_quality", "Availability and quality of training and test data"},
                   {"environmental_impact", "Environmental impact"},
                   {"fairness", "Fairness"},
                   {"maintainability", "Maintainability"},
                   {"privacy", "Privacy"},
                   {"robustness", "Robustness"},
                   {"safety", "Safety"},
                   {"security", "Security"},
                   {"transparency", "Transparency and explainability"}},
       .group = "Analysis",
       .default_value = "fairness"},
      {.key = "cause",
       .label = "Cause",
       .type = T::long_text,
       .group = "Analysis",
       .searchable = true},
      {.key = "consequence",
       .label = "Consequence",
       .type = T::long_text,
       .hint = "For the organisation, for individuals and for society.",
       .group = "Analysis",
       .searchable = true},
      {.key = "inherent_likelihood",
       .label = "Inherent likelihood",
       .type = T::score,
       .hint = "Before treatment, on the criteria's likelihood scale.",
       .group = "Inherent risk",
       .min = 1,
       .max = 5},
      {.key = "inherent_impact",
       .label = "Inherent impact",
       .type = T::score,
       .group = "Inherent risk",
       .min = 1,
       .max = 5},
      {.key = "inherent_level",
       .label = "Inherent level",
       .type = T::choice,
       .choices = level_choices(),
       .group = "Inherent risk",
       .read_only = true},
      {.key = "existing_controls",
       .label = "Existing controls",
       .type = T::long_text,
       .group = "Inherent risk"},
      {.key = "treatment",
       .label = "Treatment option",
       .type = T::choice,
       .choices = {{"modify", "Modify (reduce it)"},
                   {"avoid", "Avoid"},
                   {"share", "Share"},
                   {"retain", "Retain"}},
       .group = "Treatment"},
      {.key = "controls",
       .label = "Annex A controls",
       .type = T::text_list,
       .hint = "The controls that treat it, by number (A.7.4).",
       .group = "Treatment"},
      {.key = "residual_likelihood",
       .label = "Residual likelihood",
       .type = T::score,
       .hint = "After treatment.",
       .group = "Residual risk",
       .min = 1,
       .max = 5},
      {.key = "residual_impact",
       .label = "Residual impact",
       .type = T::score,
       .group = "Residual risk",
       .min = 1,
       .max = 5},
      {.key = "residual_level",
       .label = "Residual level",
       .type = T::choice,
       .choices = level_choices(),
       .group = "Residual risk",
       .read_only = true},
      {.key = "acceptance_requested_by",
       .label = "Acceptance requested by",
       .type = T::user_ref,
       .hint = "May not approve the request.",
       .group = "Residual risk",
       .csv_key = "acceptance_requested_by_email",
       .responsible = true,
       .read_only = true},
      {.key = "review_interval_months",
       .label = "Review every (months)",
       .type = T::integer,
       .hint = "1 to 36; 12 when left empty.",
       .group = "Review",
       .min = 1,
       .max = 36},
      {.key = "next_review",
       .label = "Next review",
       .type = T::date,
       .hint = "Left empty: today plus the review interval.",
       .group = "Review",
       .due = true},
      {.key = "library_key",
       .label = "Library entry",
       .group = "Review",
       .read_only = true,
       .shown = false},
      {.key = "criteria_version",
       .label = "Scored with criteria version",
       .type = T::integer,
       .hint = "0: aims' default criteria.",
       .group = "Review",
       .read_only = true},
      {.key = "indicator_monitor_id",
       .label = "Indicator monitor",
       .type = T::record_ref,
       .hint = "A monitor whose metric shows the risk happening.",
       .group = "Indicator",
       .target = "monitor",
       .csv_key = "indicator_monitor"},
      {.key = "indicator_metric",
       .label = "Indicator metric",
       .hint = "The metric's key, such as fairness.disparate_impact.",
       .group = "Indicator"},
      {.key = "indicator_breach",
       .label = "Latest indicator breach",
       .type = T::long_text,
       .group = "Indicator",
       .read_only = true},
      {.key = "indicator_breached_at",
       .label = "Indicator breached at",
       .type = T::date_time,
       .group = "Indicator",
       .read_only = true},
      {.key = "review_raised_on",
       .label = "Review raised",
       .type = T::date,
       .hint = "By an indicator breach, or by new criteria that put an accepted risk above the "
               "threshold; cleared when the risk is reassessed or its next review is set again.",
       .group = "Indicator",
       .due = true,
       .read_only = true},
  };
}

records::Workflow risk_workflow() {
  return {.states = {{"identified", "Identified"},
                     {"assessed", "Assessed"},
                     {"in_treatment", "In treatment"},
                     {"acceptance_requested", "Acceptance requested", false},
                     {"accepted", "Accepted", false},
                     {"closed", "Closed", false, true}},
          .transitions = {
              Transition{.name = "assess",
                         .label = "Mark assessed",
                         .from = {"identified"},
                         .to = "assessed",
                         .required_fields = {"inherent_likelihood", "inherent_impact"}},
              Transition{.name = "treat",
                         .label = "Start treatment",
                         .from = {"assessed"},
                         .to = "in_treatment",
                         .required_fields = {"treatment"}},
              Transition{.name = "accept",
                         .label = "Accept residual risk",
                         .from = {"assessed", "in_treatment"},
                         .to = "accepted",
                         .required_fields = {"residual_likelihood", "residual_impact"},
                         .reason_required = true,
                         .reason_label = "Why it is acceptable"},
              Transition{.name = "request_acceptance",
                         .label = "Request acceptance above threshold",
                         .from = {"assessed", "in_treatment"},
                         .to = "acceptance_requested",
                         .required_fields = {"residual_likelihood", "residual_impact"},
                         .reason_required = true,
                         .reason_label = "Why it should be accepted"},
              Transition{.name = "approve_acceptance",
                         .label = "Approve acceptance",
                         .from = {"acceptance_requested"},
                         .to = "accepted",
                         .permission = auth::Action::approve_records,
                         .reason_required = true,
                         .reason_label = "Decision",
                         .approvals = 1,
                         .approver_roles = kApprovers},
              Transition{.name = "decline_acceptance",
                         .label = "Decline acceptance",
                         .from = {"acceptance_requested"},
                         .to = "in_treatment",
                         .permission = auth::Action::approve_records,
                         .reason_required = true},
              // Assessed means scored, whichever way a risk gets there; the scores are asked
              // again (shown as they are), so a risk closed under scales since shortened can be
              // scored anew on its way back.
              Transition{.name = "reassess",
                         .label = "Reassess",
                         .from = {"accepted", "closed"},
                         .to = "assessed",
                         .required_fields = {"inherent_likelihood", "inherent_impact"},
                         .reason_required = true},
              Transition{.name = "close",
                         .label = "Close",
                         .from = {"identified", "assessed", "in_treatment", "accepted"},
                         .to = "closed",
                         .reason_required = true,
                         .reason_label = "Why it no longer applies"},
          }};
}

records::Description make_risks() {
  return {
      .type = "risk",
      .table = "risks",
      .singular = "risk",
      .plural = "risks",
      .api_path = "/api/v1/risks",
      .page_path = "/risk/risks",
      .command = "risks",
      .fields = risk_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "inherent_level", "residual_level", "owner_id", "state",
                       "next_review"},
      .filters = {"state", "owner_id", "system_ids", "source", "objective", "inherent_level",
                  "residual_level", "treatment", "organisation_wide"},
      .sort_keys = {"next_review", "state"},
      .workflow = risk_workflow(),
      .nav = {.group = "Assess and treat",
              .group_order = 25,
              .label = "Risks",
              .section = "risks",
              .order = 10},
      .hooks = {.check = risk_rules,
                .before_write = score_with_criteria,
                .before_transition = acceptance_route,
                .closed_for = acceptance_closed},
  };
}

void action_rules(const Record& r, const Record*, Problems& p) {
  controls::check_annex_a_field(r, "control", p);
}

records::Description make_actions() {
  return {
      .type = "risk_action",
      .table = "risk_actions",
      .singular = "treatment action",
      .plural = "treatment actions",
      .api_path = "/api/v1/treatment-actions",
      .page_path = "/risk/actions",
      .command = "treatment-actions",
      .fields =
          {
              {.key = "title",
               .label = "Action",
               .required = true,
               .group = "Action",
               .searchable = true},
              {.key = "risk_id",
               .label = "Risk",
               .type = T::record_ref,
               .required = true,
               .group = "Action",
               .target = "risk",
               .csv_key = "risk"},
              {.key = "control",
               .label = "Annex A control",
               .hint = "The control the action puts in place, such as A.7.4.",
               .group = "Action"},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .required = true,
               .group = "Action",
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "due_date",
               .label = "Due",
               .type = T::date,
               .required = true,
               .group = "Action",
               .due = true},
              {.key = "notes", .label = "Notes", .type = T::long_text, .group = "Action"},
              {.key = "effectiveness",
               .label = "Effectiveness check",
               .type = T::long_text,
               .hint = "How you checked that the action reduced the risk (clause 8.3).",
               .group = "Outcome"},
          },
      .title_field = "title",
      .list_columns = {"title", "risk_id", "control", "owner_id", "due_date", "state"},
      .filters = {"state", "owner_id", "risk_id"},
      .sort_keys = {"due_date", "state"},
      .default_sort = "due_date",
      .workflow = records::Workflow{.states = {{"planned", "Planned"},
                                               {"in_progress", "In progress"},
                                               {"done", "Done", false, true},
                                               {"cancelled", "Cancelled", false, true}},
                                    .transitions =
                                        {
                                            Transition{.name = "start",
                                                       .label = "Start",
                                                       .from = {"planned"},
                                                       .to = "in_progress"},
                                            Transition{.name = "complete",
                                                       .label = "Mark done",
                                                       .from = {"planned", "in_progress"},
                                                       .to = "done",
                                                       .required_fields = {"effectiveness"}},
                                            Transition{.name = "cancel",
                                                       .label = "Cancel",
                                                       .from = {"planned", "in_progress"},
                                                       .to = "cancelled",
                                                       .reason_required = true},
                                            Transition{.name = "reopen",
                                                       .label = "Reopen",
                                                       .from = {"done", "cancelled"},
                                                       .to = "in_progress",
                                                       .reason_required = true},
                                        }},
      .nav = {.group = "Assess and treat",
              .group_order = 25,
              .label = "Treatment actions",
              .section = "risk-actions",
              .order = 20},
      .hooks = {.check = action_rules},
  };
}

}  // namespace

const records::Description& risks() {
  static const records::Description d = make_risks();
  return d;
}

Result<std::vector<records::Record>> open_risks(store::Database& db, int64_t org,
                                                std::optional<int64_t> system) {
  records::Query q;
  if (system) q.filters.push_back({"system_ids", std::to_string(*system)});
  TRY_ASSIGN(auto all, records::list_all(db, risks(), org, q));
  std::erase_if(all, [](const records::Record& r) { return r.state == "closed"; });
  return all;
}

const records::Description& treatment_actions() {
  static const records::Description d = make_actions();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    monitoring::define_reference_target();
    records::define(risks());
    records::define(treatment_actions());
    define_readiness_rules();
    listen_to_monitoring();
  });
}

}  // namespace aims::risk
