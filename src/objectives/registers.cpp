// AI objectives and their measurements as descriptions on the records platform, with the rules
// clause 6.2 sets for them: measurable (a measure, a target and a due date), owned, and measured
// where the values are kept.
#include <algorithm>
#include <limits>
#include <mutex>

#include "monitoring/engine/engine.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"

namespace aims::objectives {
namespace {

using records::Problems;
using records::Record;
using records::Transition;
using T = records::FieldType;

// Wide enough for any metric or count; the records platform reads min = max = 0 as ">= 0".
constexpr double kAnyValue = 1e12;

void check_monitor_measure(const Record& r, Problems& p) {
  if (!r.is_set("monitor_id"))
    p.add("monitor_id", "name the monitor whose runs measure the objective");
  if (!r.is_set("metric")) {
    p.add("metric", "name the monitor's metric, such as fairness.disparate_impact");
    return;
  }
  const auto& metrics = monitoring::metric_keys();
  if (std::find(metrics.begin(), metrics.end(), r.text("metric")) == metrics.end())
    p.add("metric", "\"" + r.text("metric") +
                        "\" is no metric the monitoring engine computes, such as "
                        "fairness.disparate_impact");
}

// A target on the wrong side of the baseline would read as done while the value moves away.
void check_direction(const Record& r, Problems& p) {
  const auto baseline = r.decimal("baseline_value");
  const auto target = r.decimal("target_value");
  if (!baseline || !target) return;
  if (r.text("direction") == "at_least" && *target <= *baseline)
    p.add("target_value", "higher is better here, so the target must be above the baseline");
  if (r.text("direction") == "at_most" && *target >= *baseline)
    p.add("target_value", "lower is better here, so the target must be below the baseline");
}

void objective_rules(const Record& r, const Record*, Problems& p) {
  if (r.text("measure") == kFromMonitor) check_monitor_measure(r, p);
  if (r.text("measure") == kImpactShare &&
      (r.decimal("target_value").value_or(0) > 100 || r.decimal("target_value").value_or(0) < 0))
    p.add("target_value", "the impact-assessment share is a percentage: 0 to 100");
  if (r.is_set("start_on") && r.is_set("due_on") && r.text("due_on") <= r.text("start_on"))
    p.add("due_on", "the due date must come after the start date");
  if (r.is_set("baseline_on") && !r.is_set("baseline_value"))
    p.add("baseline_value", "give the baseline value its date belongs to");
  // aims keeps no history of the share, so without a baseline its only point would be its own
  // baseline and the objective would never show progress.
  if (r.text("measure") == kImpactShare && !r.is_set("baseline_value"))
    p.add("baseline_value",
          "give the share when the objective was set: aims keeps no history of it");
  check_direction(r, p);
}

// Fields of another measure kind would mislead whoever reads the record, so they go; a monitor's
// metric without a scope is read over all its rows ("overall").
void tidy_measure(Record& r) {
  const std::string measure = r.text("measure");
  if (measure != kFromMonitor) {
    for (const char* key : {"monitor_id", "metric", "metric_scope"})
      r.values[key] = std::monostate{};
  } else if (!r.is_set("metric_scope")) {
    r.values["metric_scope"] = std::string("overall");
  }
  if (measure == kImpactShare) r.values["unit"] = std::string("%");
}

std::vector<records::Field> objective_fields() {
  return {
      {.key = "title",
       .label = "Objective",
       .required = true,
       .group = "Objective",
       .searchable = true},
      {.key = "statement",
       .label = "Statement",
       .type = T::long_text,
       .hint = "What will be achieved and why, in line with the AI policy.",
       .group = "Objective",
       .searchable = true},
      {.key = "policy_id",
       .label = "AI policy",
       .type = T::record_ref,
       .hint = "The policy the objective is consistent with.",
       .group = "Objective",
       .target = "document",
       .csv_key = "policy"},
      {.key = "owner_id",
       .label = "Owner",
       .type = T::user_ref,
       .required = true,
       .hint = "Answers for reaching it.",
       .group = "Objective",
       .csv_key = "owner_email",
       .responsible = true},
      {.key = "system_ids",
       .label = "AI systems",
       .type = T::record_ref,
       .group = "Objective",
       .target = "ai_system",
       .many = true,
       .csv_key = "ai_systems"},
      {.key = "plan",
       .label = "Plan",
       .type = T::long_text,
       .hint = "What will be done, and with what resources.",
       .group = "Plan",
       .searchable = true},
      {.key = "measure",
       .label = "Measured",
       .type = T::choice,
       .required = true,
       .choices = {{kByHand, "By hand (measurements entered)"},
                   {kFromMonitor, "From a monitor's metric"},
                   {kImpactShare,
                    "Share of AI systems in scope with an approved impact assessment"}},
       .group = "Measure",
       .default_value = kByHand},
      {.key = "monitor_id",
       .label = "Monitor",
       .type = T::record_ref,
       .hint = "For a monitor's metric: the monitor whose runs give the values.",
       .group = "Measure",
       .target = "monitor",
       .csv_key = "monitor"},
      {.key = "metric",
       .label = "Metric",
       .hint = "The metric's key, such as fairness.disparate_impact.",
       .group = "Measure"},
      {.key = "metric_scope",
       .label = "Scope",
       .hint = "Such as attribute:sex; overall when left empty.",
       .group = "Measure"},
      {.key = "unit", .label = "Unit", .hint = "Such as %, people, days.", .group = "Measure"},
      {.key = "baseline_value",
       .label = "Baseline",
       .type = T::decimal,
       .hint = "Where it starts; the first measurement when left empty.",
       .group = "Target",
       .min = -kAnyValue,
       .max = kAnyValue},
      {.key = "baseline_on", .label = "Baseline measured on", .type = T::date, .group = "Target"},
      {.key = "target_value",
       .label = "Target",
       .type = T::decimal,
       .required = true,
       .group = "Target",
       .min = -kAnyValue,
       .max = kAnyValue},
      {.key = "direction",
       .label = "Direction",
       .type = T::choice,
       .required = true,
       .choices = {{"at_least", "At least the target (higher is better)"},
                   {"at_most", "At most the target (lower is better)"}},
       .group = "Target",
       .default_value = "at_least"},
      {.key = "start_on", .label = "Start", .type = T::date, .required = true, .group = "Target"},
      {.key = "due_on",
       .label = "Due",
       .type = T::date,
       .required = true,
       .group = "Target",
       .due = true,
       .past_due_label = "past due"},
  };
}

records::Workflow objective_workflow() {
  return {.states = {{"planned", "Planned"},
                     {"active", "Active"},
                     {"achieved", "Achieved", false, true},
                     {"missed", "Missed", false, true},
                     {"withdrawn", "Withdrawn", false, true}},
          .transitions = {
              Transition{.name = "activate", .label = "Start", .from = {"planned"}, .to = "active"},
              Transition{.name = "achieve",
                         .label = "Mark achieved",
                         .from = {"active"},
                         .to = "achieved",
                         .reason_required = true,
                         .reason_label = "How it was achieved"},
              Transition{.name = "miss",
                         .label = "Mark missed",
                         .from = {"active"},
                         .to = "missed",
                         .reason_required = true,
                         .reason_label = "Why it was missed, and what follows"},
              Transition{.name = "withdraw",
                         .label = "Withdraw",
                         .from = {"planned", "active"},
                         .to = "withdrawn",
                         .reason_required = true},
              Transition{.name = "reopen",
                         .label = "Reopen",
                         .from = {"achieved", "missed", "withdrawn"},
                         .to = "active",
                         .reason_required = true},
          }};
}

records::Description make_objectives() {
  return {
      .type = "objective",
      .table = "objectives",
      .singular = "objective",
      .plural = "objectives",
      .api_path = "/api/v1/objectives",
      .page_path = "/governance/objectives",
      .command = "objectives",
      .fields = objective_fields(),
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "owner_id", "measure", "target_value", "due_on", "state"},
      .filters = {"state", "owner_id", "system_ids", "measure"},
      .sort_keys = {"due_on", "state"},
      .default_sort = "due_on",
      .workflow = objective_workflow(),
      .nav = {.group = "Governance",
              .group_order = 20,
              .label = "Objectives",
              .section = "objectives",
              .order = 15},
      .hooks = {.check = objective_rules, .compute = tidy_measure},
  };
}

// A measurement belongs to an objective measured by hand: the others read their values from the
// monitor or the records, and a typed value beside them would contradict the source. Its title
// names the objective and the date, so lists and search show what it measured.
Status accept_measurement(const records::WriteContext& ctx, Record& after, const Record*) {
  const auto ids = after.ids("objective_id");
  if (ids.empty()) return {};
  TRY_ASSIGN(const auto objective, records::find(ctx, objectives(), ids.front()));
  if (!objective) return Error::invalid("objective_id", "no such objective");
  if (objective->text("measure") != kByHand)
    return Error::invalid("objective_id",
                          "\"" + objective->text("title") + "\" is measured " +
                              (objective->text("measure") == kFromMonitor
                                   ? "from its monitor's runs"
                                   : "from the inventory and impact assessments") +
                              "; measurements are entered only for objectives measured by hand");
  after.values["title"] = objective->text("title") + ", " + after.text("measured_on");
  return {};
}

records::Description make_measurements() {
  return {
      .type = "objective_measurement",
      .table = "objective_measurements",
      .singular = "objective measurement",
      .plural = "objective measurements",
      .api_path = "/api/v1/objective-measurements",
      .page_path = "/governance/objective-measurements",
      .command = "objective-measurements",
      .fields =
          {
              {.key = "title",
               .label = "Measurement",
               .group = "Measurement",
               .searchable = true,
               .computed = true},
              {.key = "objective_id",
               .label = "Objective",
               .type = T::record_ref,
               .required = true,
               .group = "Measurement",
               .target = "objective",
               .csv_key = "objective"},
              {.key = "measured_on",
               .label = "Measured on",
               .type = T::date,
               .required = true,
               .group = "Measurement"},
              {.key = "value",
               .label = "Value",
               .type = T::decimal,
               .required = true,
               .group = "Measurement",
               .min = -kAnyValue,
               .max = kAnyValue},
              {.key = "note",
               .label = "Note",
               .type = T::long_text,
               .hint = "How it was measured, or what explains the value.",
               .group = "Measurement",
               .searchable = true},
          },
      .title_field = "title",
      .list_columns = {"objective_id", "measured_on", "value", "note"},
      .filters = {"objective_id"},
      .sort_keys = {"measured_on"},
      .default_sort = "-measured_on",
      // Reached from their objective's page, which offers the form; the sidebar keeps
      // Objectives lit.
      .nav = {.section = "objectives"},
      .hooks = {.before_write = accept_measurement},
  };
}

}  // namespace

const records::Description& objectives() {
  static const records::Description d = make_objectives();
  return d;
}

const records::Description& measurements() {
  static const records::Description d = make_measurements();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    monitoring::define_reference_target();
    records::define(objectives());
    records::define(measurements());
    define_readiness_rules();
  });
}

}  // namespace aims::objectives
