// Corrective actions (clause 10.2) as a description on the records platform, and what they do to
// their nonconformity: the last one completed schedules its effectiveness check.
#include <algorithm>

#include "base/time.h"
#include "improvement/corrective.h"
#include "improvement/improvement.h"

namespace aims::improvement {
namespace corrective {

bool is_open(const records::Record& action) {
  return action.state == "planned" || action.state == "in_progress";
}

Result<std::vector<records::Record>> actions_of(store::Tx& tx, int64_t org, int64_t nc_id) {
  return records::list_all_in(tx, corrective_actions(), org,
                              {.filters = {{"nonconformity_id", std::to_string(nc_id)}}});
}

const records::Record* last_completed(const std::vector<records::Record>& actions) {
  const records::Record* last = nullptr;
  for (const auto& a : actions)
    if (a.state == "completed" && (!last || a.state_since > last->state_since)) last = &a;
  return last;
}

std::optional<std::string> why_not_done(const records::Record& nc,
                                        const std::vector<records::Record>& actions) {
  const auto open = std::count_if(actions.begin(), actions.end(), is_open);
  if (open > 0)
    return std::to_string(open) +
           (open == 1 ? " corrective action is" : " corrective actions are") + " not completed yet";
  const records::Record* last = last_completed(actions);
  if (!last) return "no corrective action is completed";
  const std::string reopened = nc.text("reopened_at");
  if (!reopened.empty() && last->state_since < reopened)
    return "the effectiveness check sent it back: a new corrective action must be completed";
  return std::nullopt;
}

std::optional<std::string> days_after(const std::string& date, int64_t days) {
  const auto day = parse_date_days(date);
  if (!day) return std::nullopt;
  return format_timestamp((*day + days) * 86'400'000'000LL).substr(0, 10);
}

std::optional<std::string> effectiveness_due(const std::vector<records::Record>& actions) {
  const records::Record* last = last_completed(actions);
  if (!last) return std::nullopt;
  return days_after(last->text("completed_on"), kEffectivenessCheckDays);
}

}  // namespace corrective

namespace {

using records::Record;
using records::Transition;
using T = records::FieldType;

// An action corrects a nonconformity that is still being dealt with; it is completed on the day
// of the write that completes it (the clock of the write, so a test can set it).
Status stamp(const records::WriteContext& ctx, Record& after, const Record* before) {
  const bool moved_nc = !before || before->ids("nonconformity_id") != after.ids("nonconformity_id");
  if (moved_nc && !after.ids("nonconformity_id").empty()) {
    TRY_ASSIGN(const auto nc,
               records::find(ctx, nonconformities(), after.ids("nonconformity_id").front()));
    if (nc && nc->state == "closed")
      return Error::invalid("nonconformity_id",
                            "\"" + nc->text("title") +
                                "\" is closed: send it back for a new action before adding one");
  }
  if (after.state == "completed" && (!before || before->state != "completed"))
    after.values["completed_on"] = ctx.now.substr(0, 10);
  return {};
}

// The last open action of a nonconformity done: its effectiveness check falls due, and an
// analysed nonconformity moves on by itself, since "actions done" is then simply true.
Status schedule_check(const records::WriteContext& ctx, const Record& after, const Record* before) {
  if (!before || before->state == after.state || corrective::is_open(after)) return {};
  const auto ids = after.ids("nonconformity_id");
  if (ids.empty()) return {};
  TRY_ASSIGN(const auto nc, records::find(ctx, nonconformities(), ids.front()));
  if (!nc || nc->archived_at || nc->state == "closed") return {};
  TRY_ASSIGN(const auto actions, corrective::actions_of(ctx.tx, ctx.org, nc->id));
  if (corrective::why_not_done(*nc, actions)) return {};
  const auto due = corrective::effectiveness_due(actions);
  if (due && nc->text("effectiveness_due_on") != *due) {
    Record changes;
    changes.values["effectiveness_due_on"] = *due;
    TRY(records::update_in(ctx, nonconformities(), nc->id, changes, std::nullopt));
  }
  if (nc->state == "analysed")
    TRY(records::move_in(ctx, nonconformities(), nc->id, "actions_done",
                         "every corrective action is completed"));
  return {};
}

records::Workflow workflow() {
  return {
      .states = {{"planned", "Planned"},
                 {"in_progress", "In progress"},
                 {"completed", "Completed", false, true},
                 {"cancelled", "Cancelled", false, true}},
      .transitions = {
          Transition{.name = "start", .label = "Start", .from = {"planned"}, .to = "in_progress"},
          Transition{.name = "complete",
                     .label = "Mark completed",
                     .from = {"planned", "in_progress"},
                     .to = "completed",
                     .required_fields = {"completion_note"}},
          Transition{.name = "cancel",
                     .label = "Cancel",
                     .from = {"planned", "in_progress"},
                     .to = "cancelled",
                     .reason_required = true,
                     .reason_label = "Why it is cancelled"},
      }};
}

records::Description make_corrective_actions() {
  return {
      .type = "corrective_action",
      .table = "corrective_actions",
      .singular = "corrective action",
      .plural = "corrective actions",
      .api_path = "/api/v1/corrective-actions",
      .page_path = "/improvement/corrective-actions",
      .command = "corrective-actions",
      .fields =
          {
              {.key = "title",
               .label = "Action",
               .required = true,
               .hint = "What will be done to remove the root cause.",
               .searchable = true},
              {.key = "nonconformity_id",
               .label = "Nonconformity",
               .type = T::record_ref,
               .required = true,
               .target = "nonconformity",
               .csv_key = "nonconformity"},
              {.key = "details", .label = "Details", .type = T::long_text, .searchable = true},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .required = true,
               .csv_key = "owner_email",
               .responsible = true},
              {.key = "due_on", .label = "Due", .type = T::date, .required = true, .due = true},
              {.key = "completion_note",
               .label = "What was done",
               .type = T::long_text,
               .hint = "Needed to mark it completed.",
               .searchable = true},
              {.key = "completed_on", .label = "Completed on", .type = T::date, .read_only = true},
          },
      .title_field = "title",
      .list_columns = {"title", "nonconformity_id", "owner_id", "due_on", "state"},
      .filters = {"state", "owner_id", "nonconformity_id"},
      .sort_keys = {"due_on", "state"},
      .default_sort = "due_on",
      .workflow = workflow(),
      .nav = {.group = "Improvement",
              .group_order = 38,
              .label = "Corrective actions",
              .section = "corrective-actions",
              .order = 20},
      .hooks = {.before_write = stamp, .after_write = schedule_check},
  };
}

}  // namespace

const records::Description& corrective_actions() {
  static const records::Description d = make_corrective_actions();
  return d;
}

}  // namespace aims::improvement
