// The communication plan and the communications made (clause 7.4) as descriptions on the records
// platform. Recording a communication moves its plan item's next due on, in the same transaction,
// so the plan says what is due next without anyone editing it by hand.
#include "context/context.h"
#include "context/fields.h"
#include "documents/documents.h"

namespace aims::context {
namespace {

using records::Record;
using T = records::FieldType;

const std::vector<records::Choice> kFrequencies = {
    {"once", "Once"},           {"monthly", "Monthly"},
    {"quarterly", "Quarterly"}, {"twice_a_year", "Twice a year"},
    {"yearly", "Yearly"},       {"on_event", "On an event"}};

records::Field audience_parties(const char* group) {
  return {.key = "party_ids",
          .label = "Interested parties",
          .type = T::record_ref,
          .group = group,
          .target = "interested_party",
          .many = true,
          .csv_key = "interested_parties"};
}

records::Field audience_detail(const char* group) {
  return {.key = "audience",
          .label = "Audience in words",
          .hint = "Who exactly: \"branch staff\", \"applicants declined in the last month\".",
          .group = group};
}

// An item no longer in use is due for nobody.
void inactive_is_not_due(Record& r) {
  if (!r.flag("active")) r.values["next_due"] = std::monostate{};
}

records::Description make_plan_items() {
  return {
      .type = "communication_plan_item",
      .table = "communication_plan_items",
      .singular = "communication plan item",
      .plural = "communication plan",
      .api_path = "/api/v1/communication-plan-items",
      .page_path = "/support/communication-plan",
      .command = "communication-plan",
      .fields =
          {
              {.key = "title",
               .label = "What",
               .required = true,
               .hint = "The topic communicated.",
               .group = "What and to whom",
               .searchable = true},
              audience_parties("What and to whom"),
              audience_detail("What and to whom"),
              origin_field("What and to whom"),
              channel_field("How and when"),
              {.key = "frequency",
               .label = "How often",
               .type = T::choice,
               .required = true,
               .choices = kFrequencies,
               .group = "How and when",
               .default_value = "quarterly"},
              {.key = "communicator_id",
               .label = "Who communicates",
               .type = T::user_ref,
               .required = true,
               .group = "How and when",
               .csv_key = "communicator_email",
               .responsible = true},
              {.key = "next_due",
               .label = "Next due",
               .type = T::date,
               .hint = "Moves on by itself when a communication for this item is recorded.",
               .group = "How and when",
               .due = true},
              {.key = "active",
               .label = "Active",
               .type = T::flag,
               .hint = "An inactive item is kept for the record and is due for nobody.",
               .group = "How and when",
               .default_value = "true"},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "party_ids", "channel", "frequency", "communicator_id", "next_due",
                       "active"},
      .filters = {"origin", "channel", "frequency", "communicator_id", "active", "party_ids"},
      .sort_keys = {"next_due", "frequency"},
      .default_sort = "next_due",
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Communication plan",
              .section = "communication-plan",
              .order = 40},
      .hooks = {.compute = inactive_is_not_due},
  };
}

// A communication made for a plan item says, unless given, what the plan says of audience and
// channel, and was made by whoever records it.
Status prefill(const records::WriteContext& ctx, Record& r, const Record* before) {
  if (r.text("made_on") > ctx.now.substr(0, 10))
    return Error::invalid(
        "made_on",
        "a communication is recorded once it is made, so its date cannot be after today");
  if (before) return {};
  if (!r.is_set("made_by_id") && ctx.caller.user_id) r.values["made_by_id"] = *ctx.caller.user_id;
  const auto items = r.ids("plan_item_id");
  if (items.empty()) return {};
  TRY_ASSIGN(const auto item, records::find(ctx, plan_items(), items.front()));
  if (!item) return {};
  for (const char* key : {"channel", "audience"})
    if (!r.is_set(key)) r.values[key] = item->text(key);
  if (r.ids("party_ids").empty()) r.values["party_ids"] = item->ids("party_ids");
  return {};
}

// The plan item is next due a frequency after this communication, unless a later date is set.
Status advance_plan_item(const records::WriteContext& ctx, const Record& after, const Record*) {
  const auto items = after.ids("plan_item_id");
  if (items.empty()) return {};
  TRY_ASSIGN(const auto item, records::find(ctx, plan_items(), items.front()));
  if (!item || item->archived_at || !item->flag("active")) return {};
  const std::string frequency = item->text("frequency");
  const std::string current = item->text("next_due");
  Record changes;
  if (const auto next = next_due_after(frequency, after.text("made_on"))) {
    if (current >= *next) return {};
    changes.values["next_due"] = *next;
  } else if (frequency == "once" && item->is_set("next_due") && current <= after.text("made_on")) {
    changes.values["next_due"] = std::monostate{};  // made: nothing more is due
  } else {
    return {};
  }
  TRY(records::update_in(ctx, plan_items(), item->id, changes, std::nullopt));
  return {};
}

records::Description make_communications() {
  return {
      .type = "communication",
      .table = "communications",
      .singular = "communication",
      .plural = "communications",
      .api_path = "/api/v1/communications",
      .page_path = "/support/communications",
      .command = "communications",
      .fields =
          {
              {.key = "title",
               .label = "What was communicated",
               .required = true,
               .group = "Communication",
               .searchable = true},
              {.key = "plan_item_id",
               .label = "Plan item it fulfils",
               .type = T::record_ref,
               .hint = "Its audience and channel are taken from the plan when left empty.",
               .group = "Communication",
               .target = "communication_plan_item",
               .csv_key = "plan_item"},
              {.key = "made_on",
               .label = "Made on",
               .type = T::date,
               .required = true,
               .group = "Communication"},
              audience_parties("Communication"),
              audience_detail("Communication"),
              channel_field("Communication"),
              {.key = "summary",
               .label = "Summary",
               .type = T::long_text,
               .hint = "What was said, and any response or question it drew.",
               .group = "Communication",
               .searchable = true},
              {.key = "made_by_id",
               .label = "Made by",
               .type = T::user_ref,
               .hint = "Whoever records it when left empty.",
               .group = "Communication",
               .csv_key = "made_by_email"},
          },
      .title_field = "title",
      .list_columns = {"title", "made_on", "plan_item_id", "channel", "made_by_id"},
      .filters = {"plan_item_id", "channel", "made_by_id", "party_ids"},
      .sort_keys = {"made_on"},
      .default_sort = "-made_on",
      .nav = {.group = "Support",
              .group_order = 22,
              .label = "Communications",
              .section = "communications",
              .order = 50},
      .hooks = {.before_write = prefill, .after_write = advance_plan_item},
  };
}

}  // namespace

std::optional<std::string> next_due_after(const std::string& frequency,
                                          const std::string& made_on) {
  int64_t months = 0;
  if (frequency == "monthly") months = 1;
  if (frequency == "quarterly") months = 3;
  if (frequency == "twice_a_year") months = 6;
  if (frequency == "yearly") months = 12;
  if (months == 0) return std::nullopt;
  return documents::add_months(made_on, months);
}

const records::Description& plan_items() {
  static const records::Description d = make_plan_items();
  return d;
}

const records::Description& communications() {
  static const records::Description d = make_communications();
  return d;
}

}  // namespace aims::context
