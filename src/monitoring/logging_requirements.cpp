// Event-log requirements (Annex A.6.2.8, EU AI Act Art. 12, 19 and 26(6)) as a description on the
// records platform, with the retention rule for high-risk systems a deployer uses and the check
// that a requirement's logs still arrive.
#include <mutex>

#include "base/time.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"

namespace aims::monitoring {
namespace {

using records::Record;
using T = records::FieldType;

constexpr int64_t kMicrosPerHour = 3'600'000'000LL;

void requirement_rules(const Record& r, const Record*, records::Problems& p) {
  if (r.is_set("cadence_hours") && !r.is_set("monitor_id"))
    p.add("monitor_id", "name the monitor that receives the logs, so aims can see them arrive");
}

// Art. 19(1) and 26(6): the logs of a high-risk AI system are kept at least six months; aims
// holds the organisation to it where it is the deployer, the role that keeps the logs it controls.
Status check_retention(const records::WriteContext& ctx, Record& after, const Record*) {
  const auto system_ids = after.ids("system_id");
  if (system_ids.empty() || !after.is_set("retention_months")) return {};
  TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), system_ids.front()));
  if (!system || !needs_six_months(*system)) return {};
  if (*after.number("retention_months") >= kHighRiskRetentionMonths) return {};
  return Error::invalid("retention_months",
                        inventory::ai_systems().display_name(*system) +
                            " is high-risk under the EU AI Act and we are its deployer: its logs "
                            "must be kept at least 6 months (Art. 19 and 26(6))");
}

records::Description make_requirements() {
  return {
      .type = "logging_requirement",
      .table = "logging_requirements",
      .singular = "logging requirement",
      .plural = "logging requirements",
      .api_path = "/api/v1/logging-requirements",
      .page_path = "/operate/event-logging",
      .command = "logging-requirements",
      .fields =
          {
              {.key = "title",
               .label = "Title",
               .required = true,
               .hint = "The log people know: \"Credit decision log\".",
               .group = "Log",
               .searchable = true},
              {.key = "system_id",
               .label = "AI system",
               .type = T::record_ref,
               .required = true,
               .group = "Log",
               .target = "ai_system",
               .csv_key = "ai_system"},
              {.key = "what_is_logged",
               .label = "What is logged",
               .type = T::long_text,
               .required = true,
               .hint = "The events and fields recorded: inputs or their reference, outputs, the "
                       "model version, who reviewed, when it was used.",
               .group = "Log",
               .searchable = true},
              {.key = "kept_where",
               .label = "Where it is kept",
               .hint = "The store and its region: \"object storage, eu-west-1, write-once\".",
               .group = "Log"},
              {.key = "retention_months",
               .label = "Retention (months)",
               .type = T::integer,
               .required = true,
               .hint = "At least 6 for a high-risk AI system we deploy (EU AI Act Art. 19, "
                       "26(6)).",
               .group = "Log",
               .min = 1,
               .max = 1200},
              {.key = "monitor_id",
               .label = "Monitor receiving the logs",
               .type = T::record_ref,
               .group = "Arrival",
               .target = "monitor",
               .csv_key = "monitor"},
              {.key = "cadence_hours",
               .label = "New logs expected every (hours)",
               .type = T::integer,
               .hint = "Past this long without a new log, aims flags that logs stopped arriving.",
               .group = "Arrival",
               .min = 1,
               .max = 8760},
              {.key = "owner_id",
               .label = "Owner",
               .type = T::user_ref,
               .required = true,
               .group = "Arrival",
               .csv_key = "owner_email",
               .responsible = true},
          },
      .title_field = "title",
      .unique_title = true,
      .list_columns = {"title", "system_id", "retention_months", "cadence_hours", "owner_id"},
      .filters = {"system_id", "owner_id", "monitor_id"},
      .sort_keys = {"retention_months"},
      .nav = {.group = "Operate",
              .group_order = 30,
              .label = "Event logging",
              .section = "event-logging",
              .order = 20},
      .hooks = {.check = requirement_rules, .before_write = check_retention},
  };
}

}  // namespace

const records::Description& logging_requirements() {
  static const records::Description d = make_requirements();
  return d;
}

bool needs_six_months(const Record& system) {
  return system.text("eu_ai_act_class") == "high_risk" && system.text("org_role") == "deployer";
}

bool logs_stopped(std::optional<int64_t> last_log_micros, int64_t cadence_hours,
                  int64_t now_micros) {
  return !last_log_micros || now_micros - *last_log_micros > cadence_hours * kMicrosPerHour;
}

Result<LogCheck> check_logs(store::Database& db, int64_t org, const Record& requirement,
                            int64_t now_micros) {
  LogCheck out;
  const auto monitor = requirement.ids("monitor_id");
  const auto cadence = requirement.number("cadence_hours");
  if (monitor.empty() || !cadence) {
    out.reason = "Not checked: name the monitor that receives the logs and how often they arrive.";
    return out;
  }
  out.checked = true;
  // A run's newest log entry (window_to) is when the system last logged; a log without
  // timestamps counts from when aims read it. Failed runs prove no readable log arrived.
  TRY_ASSIGN(const auto row, db.read([&](store::Tx& tx) {
    return tx.query_row(
        "SELECT MAX(COALESCE(window_to, finished_at)) FROM monitor_runs"
        " WHERE org_id = $1 AND monitor_id = $2 AND status = 'completed'",
        {org, monitor.front()});
  }));
  if (row) out.last_log_at = row->opt_text(0);
  const auto last = out.last_log_at ? parse_timestamp(*out.last_log_at) : std::nullopt;
  out.stopped = logs_stopped(last, *cadence, now_micros);
  const std::string every = "every " + std::to_string(*cadence) + " hours";
  if (!out.last_log_at)
    out.reason =
        "Logs stopped arriving: none has reached its monitor yet (expected " + every + ").";
  else if (out.stopped)
    out.reason = "Logs stopped arriving: the newest is from " + minute_text(*out.last_log_at) +
                 " UTC, and one was expected " + every + ".";
  else
    out.reason = "Logs are arriving: the newest is from " + minute_text(*out.last_log_at) +
                 " UTC (expected " + every + ").";
  return out;
}

void define_registers() {
  static std::once_flag once;
  std::call_once(once, [] {
    inventory::define_registers();
    define_reference_target();
    records::define(logging_requirements());
  });
}

}  // namespace aims::monitoring
