// Instructions for use as a description on the records platform: the accuracy by group frozen
// when a version is approved, and the older approved instructions of the system superseded.
#include <cstdio>
#include <mutex>

#include "base/time.h"
#include "customers/customers.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "records/approval_workflow.h"
#include "transparency/transparency.h"

namespace aims::transparency {
namespace {

using records::Record;
using records::Transition;
using T = records::FieldType;

std::string percent(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f %%", value * 100);
  return out;
}

// "group:age_band=65+" -> "age_band = 65+"; "overall" -> "All decisions".
std::string group_label(const std::string& scope) {
  if (scope == "overall") return "All decisions";
  if (!scope.starts_with("group:")) return scope;
  std::string label = scope.substr(6);
  if (const auto eq = label.find('='); eq != std::string::npos) label.replace(eq, 1, " = ");
  return label;
}

// A Markdown list of the accuracy overall and per group (cmark renders no tables), and where it
// came from.
std::pair<std::string, std::string> accuracy_text(const monitoring::ScopedValues& values) {
  if (values.run_id == 0) return {"", "No completed monitoring run measured accuracy."};
  std::string table;
  // Overall first, then each group as the run ordered them.
  for (const bool overall : {true, false})
    for (const auto& [scope, value] : values.values) {
      if (overall != (scope == "overall") || (!overall && !scope.starts_with("group:"))) continue;
      table += "- " + group_label(scope) + ": " + (value ? percent(*value) : "not defined") + "\n";
    }
  return {table, "Run " + std::to_string(values.run_id) + " of the monitor \"" +
                     values.monitor_name + "\", finished " + minute_text(values.finished_at)};
}

// Approval freezes the accuracy of the system's latest run with the version.
Status before_write(const records::WriteContext& ctx, Record& after, const Record* before) {
  if (!before || after.state != "approved" || before->state == "approved") return {};
  const auto systems = after.ids("ai_system_id");
  if (systems.empty()) return {};
  TRY_ASSIGN(const auto values,
             monitoring::latest_values(ctx.tx, ctx.org, systems.front(), kAccuracyMetric));
  const auto [table, source] = accuracy_text(values);
  after.values["accuracy_by_group"] = table;
  after.values["accuracy_source"] = source;
  return {};
}

Status after_write(const records::WriteContext& ctx, const Record& after, const Record* before) {
  return supersede_older(ctx, instructions(), after, before);
}

// The public page links only to this server's concerns channel, never to an address people type
// in freely (another host could carry the channel's path): the link is kept from "/concerns/" on.
void check(const Record& r, const Record*, records::Problems& p) {
  const std::string link = r.text("concerns_link");
  if (!link.empty() && !link.starts_with("/concerns/"))
    p.add("concerns_link",
          "give the concerns channel's path as this server shows it, starting with /concerns/");
}

records::Field text_field(const char* key, const char* label, const char* hint, bool required) {
  return {.key = key,
          .label = label,
          .type = T::markdown,
          .required = required,
          .hint = hint,
          .group = "Instructions",
          .searchable = true};
}

records::Field publish_flag(const char* key, const char* label, const char* default_value) {
  return {.key = key,
          .label = label,
          .type = T::flag,
          .group = "Public transparency page",
          .default_value = default_value};
}

records::Description make_instructions() {
  return {
      .type = "instructions_for_use",
      .table = "instructions_for_use",
      .singular = "instructions for use",
      .plural = "instructions for use",
      .api_path = "/api/v1/instructions-for-use",
      .page_path = "/lifecycle/instructions",
      .command = "instructions",
      .fields =
          {
              {.key = "name",
               .label = "Name",
               .required = true,
               .hint = "Such as \"Retail credit scoring: instructions for use 3.2\".",
               .group = "Subject",
               .searchable = true},
              {.key = "ai_system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Subject",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "version_label",
               .label = "System version",
               .hint = "The version of the system these instructions describe, such as 3.2.",
               .group = "Subject"},
              text_field("does", "What it does", "The intended purpose, in the users' words.",
                         true),
              text_field("does_not", "What it does not do",
                         "Uses it is not made for, and decisions it does not take.", true),
              text_field("limitations", "Known limitations",
                         "Conditions where it performs worse, groups it was not tested on.", true),
              text_field("human_role", "The human role",
                         "Who reviews its outputs, when a person decides, how to override it.",
                         true),
              text_field("contest", "How to contest a decision",
                         "Whom to ask, by when, and what happens next.", true),
              {.key = "concerns_link",
               .label = "Concerns channel link",
               .hint = "The public concerns channel's link (/concerns/...), for appeals; the "
                       "public page shows it only while the channel is open.",
               .group = "Instructions"},
              {.key = "accuracy_by_group",
               .label = "Accuracy by group",
               .type = T::markdown,
               .hint = "From the system's latest completed monitoring run, frozen at approval.",
               .group = "Accuracy",
               .read_only = true},
              {.key = "accuracy_source",
               .label = "Measured by",
               .group = "Accuracy",
               .read_only = true},
              publish_flag("publish_does", "Publish what it does", "true"),
              publish_flag("publish_does_not", "Publish what it does not do", "true"),
              publish_flag("publish_limitations", "Publish the known limitations", "true"),
              publish_flag("publish_accuracy", "Publish the accuracy by group", "false"),
              publish_flag("publish_human_role", "Publish the human role", "true"),
              publish_flag("publish_contest", "Publish how to contest a decision", "true"),
          },
      .title_field = "name",
      .list_columns = {"name", "ai_system_id", "version_label", "state"},
      .filters = {"ai_system_id", "state"},
      .default_sort = "-created_at",
      .workflow = approved_document_workflow(),
      .versioned = true,
      .nav = {.group = "Lifecycle",
              .group_order = 16,
              .label = "Instructions for use",
              .section = "instructions",
              .order = 40},
      .hooks = {.check = check, .before_write = before_write, .after_write = after_write},
  };
}

}  // namespace

records::Workflow approved_document_workflow() {
  return records::approval_workflow(
      {.revisable = true,
       .ending = records::ApprovalEnding{.state = {"superseded", "Superseded", false, true},
                                         .name = "supersede",
                                         .label = "Supersede"}});
}

Status supersede_older(const records::WriteContext& ctx, const records::Description& d,
                       const Record& after, const Record* before) {
  if (!before || after.state != "approved" || before->state == "approved") return {};
  const auto systems = after.ids("ai_system_id");
  if (systems.empty()) return {};
  TRY_ASSIGN(const auto others,
             records::list_all_in(ctx.tx, d, ctx.org,
                                  {.filters = {{"ai_system_id", std::to_string(systems.front())},
                                               {"state", "approved"}}}));
  for (const auto& other : others) {
    if (other.id == after.id) continue;
    TRY(records::move_in(ctx, d, other.id, "supersede",
                         "superseded by \"" + d.display_name(after) + "\""));
  }
  return {};
}

const records::Description& instructions() {
  static const records::Description d = make_instructions();
  return d;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    inventory::define_registers();
    customers::define_registers();  // the A.8.5 rule reads their notices
    monitoring::define_reference_target();
    records::define(instructions());
    define_readiness_rules();
  });
}

}  // namespace aims::transparency
