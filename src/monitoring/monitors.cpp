// Monitors: creating and changing them, and profiling their drift reference.
#include <mutex>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "monitoring/rules.h"
#include "monitoring/store.h"
#include "records/records.h"

namespace aims::monitoring {
namespace {

trail::Fields fields(const Monitor& m, const std::string& config_json,
                     const std::string& thresholds_json) {
  return {{"system_id", json_text::number(m.system_id)},
          {"name", json_text::quote(m.name)},
          {"config", json_text::quote(config_json)},
          {"thresholds", json_text::quote(thresholds_json)},
          {"run_mode", json_text::quote(m.run_mode)},
          {"schedule_hours", json_text::optional_number(m.schedule_hours)},
          {"schedule_source", json_text::quote(m.schedule_source)},
          {"human_review_on_breach", json_text::boolean(m.human_review_on_breach)},
          {"reference_sha256", json_text::quote(m.reference_sha256)},
          {"archived_at", json_text::optional_string(m.archived_at)}};
}

// The schedule's log is a file below the server's monitoring directory: a relative path that
// cannot climb out of it.
Status check_schedule(const Monitor& m) {
  if (m.run_mode == "upload") return {};
  if (m.run_mode != "schedule")
    return Error::invalid("run_mode", "run_mode must be upload or schedule");
  if (!m.schedule_hours || *m.schedule_hours < 1 || *m.schedule_hours > 24 * 366) {
    return Error::invalid("schedule_hours", "a scheduled monitor runs every 1 to 8784 hours");
  }
  const std::string& path = m.schedule_source;
  if (path.empty() || path.size() > 500 || path.front() == '/' ||
      path.find("..") != std::string::npos || has_control_chars(path) || !is_valid_utf8(path)) {
    return Error::invalid(
        "schedule_source",
        "schedule_source must be a file path relative to the server's monitoring directory");
  }
  return {};
}

Result<std::string> checked_name(const std::string& raw) {
  std::string name(trim(raw));
  if (name.empty() || name.size() > 200 || !is_one_line(name) || !is_valid_utf8(name)) {
    return Error::invalid("name", "name must be 1 to 200 characters of text on one line");
  }
  return name;
}

// The parsed configuration and thresholds of a stored monitor.
Result<Monitor> decode(const sql::MonitorRow& row) {
  Monitor m = row.monitor;
  auto config = rules::parse_config(row.config_json);
  if (!config)
    return Error::internal("stored monitor configuration is unreadable: " + config.error().message);
  m.config = *config;
  auto thresholds = rules::parse_thresholds(row.thresholds_json);
  if (!thresholds)
    return Error::internal("stored thresholds are unreadable: " + thresholds.error().message);
  m.thresholds = *thresholds;
  return m;
}

Result<sql::MonitorRow> must_find(store::Tx& tx, int64_t org, int64_t id) {
  TRY_ASSIGN(auto row, sql::monitor(tx, org, id));
  if (!row.has_value()) return Error::not_found("no such monitor");
  return *row;
}

Error with_prefix(const Error& e, const std::string& prefix) {
  Error out = e;
  if (out.field.empty() || out.field.rfind(prefix, 0) != 0)
    out.field = prefix + (out.field.empty() ? "" : "." + out.field);
  return out;
}

}  // namespace

std::vector<Threshold> default_thresholds(TaskType task) {
  // Fairness: the four-fifths rule and a 0.1 spread of true positive rates; drift: PSI above 0.2
  // (a major shift in credit-scoring practice); quality: more than 5% missing or 1% duplicates.
  std::vector<Threshold> t = {{"drift.psi", "*", "above", 0.2},
                              {"quality.missing_share", "*", "above", 0.05},
                              {"quality.duplicate_row_share", "*", "above", 0.01}};
  if (task == TaskType::classification) {
    t.insert(t.begin(), {{"fairness.disparate_impact", "*", "below", 0.8},
                         {"fairness.equal_opportunity_difference", "*", "above", 0.1}});
  }
  return t;
}

Result<Monitor> create_monitor(store::Database& db, int64_t org, const MonitorInput& input,
                               const trail::Actor& actor) {
  Monitor m;
  TRY_ASSIGN(m.name, checked_name(input.name));
  m.system_id = input.system_id;
  auto config = rules::parse_config(input.config_json);
  if (!config) return with_prefix(config.error(), "config");
  m.config = *config;
  if (input.thresholds_json) {
    TRY_ASSIGN(m.thresholds, rules::parse_thresholds(*input.thresholds_json));
  } else {
    m.thresholds = rules::applicable(m.config, default_thresholds(m.config.task));
  }
  m.run_mode = input.run_mode;
  m.schedule_hours = input.schedule_hours;
  m.schedule_source = input.schedule_source;
  m.human_review_on_breach = input.human_review_on_breach;
  TRY(check_schedule(m));
  TRY(rules::check_values(m.thresholds));
  TRY(rules::check_scopes(m.config, m.thresholds));
  m.created_at = m.updated_at = now_timestamp();
  if (m.run_mode == "schedule")
    m.next_run_at = m.created_at;  // first run at once, then every interval
  const std::string config_json = rules::config_json(m.config),
                    thresholds_json = rules::thresholds_json(m.thresholds);
  return db.write([&](store::Tx& tx) -> Result<Monitor> {
    TRY_ASSIGN(auto system, records::exists(tx, inventory::ai_systems(), org, m.system_id));
    if (!system) return Error::invalid("system_id", "no such AI system in this organisation");
    TRY_ASSIGN(auto taken, sql::name_taken(tx, org, m.system_id, m.name, 0));
    if (taken)
      return Error{ErrorCode::already_exists,
                   "this AI system already has a monitor called " + m.name, "name"};
    TRY_ASSIGN(m.id, sql::insert_monitor(tx, org, m, config_json, thresholds_json));
    TRY(trail::record(tx, org, actor,
                      {"monitor", m.id, "create", {}, fields(m, config_json, thresholds_json)}));
    return m;
  });
}

Result<Monitor> update_monitor(store::Database& db, int64_t org, int64_t id,
                               const MonitorChanges& changes, const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Result<Monitor> {
    TRY_ASSIGN(auto row, must_find(tx, org, id));
    auto before = decode(row);
    if (!before) return before;
    if (before->version != changes.expected_version) {
      return Error{ErrorCode::stale_version,
                   "the monitor was changed since you read it (now version " +
                       std::to_string(before->version) + ")",
                   {}};
    }
    if (before->archived_at)
      return Error{ErrorCode::failed_precondition, "the monitor is archived; restore it first", {}};
    Monitor after = *before;
    if (changes.name) {
      TRY_ASSIGN(after.name, checked_name(*changes.name));
    }
    if (changes.config_json) {
      auto config = rules::parse_config(*changes.config_json);
      if (!config) return with_prefix(config.error(), "config");
      after.config = *config;
    }
    if (changes.thresholds_json) {
      TRY_ASSIGN(after.thresholds, rules::parse_thresholds(*changes.thresholds_json));
    }
    if (changes.run_mode) after.run_mode = *changes.run_mode;
    if (changes.schedule_hours) after.schedule_hours = *changes.schedule_hours;
    if (changes.schedule_source) after.schedule_source = *changes.schedule_source;
    if (changes.human_review_on_breach)
      after.human_review_on_breach = *changes.human_review_on_breach;
    TRY(check_schedule(after));
    if (changes.thresholds_json) TRY(rules::check_values(after.thresholds));
    TRY(rules::check_scopes(after.config, after.thresholds));
    if (after.run_mode != "schedule") after.next_run_at.reset();
    if (after.run_mode == "schedule" && before->run_mode != "schedule")
      after.next_run_at = now_timestamp();
    if (changes.name) {
      TRY_ASSIGN(auto taken, sql::name_taken(tx, org, after.system_id, after.name, id));
      if (taken)
        return Error{ErrorCode::already_exists,
                     "this AI system already has a monitor called " + after.name, "name"};
    }
    const std::string config_before = rules::config_json(before->config),
                      thresholds_before = rules::thresholds_json(before->thresholds);
    const std::string config_after = rules::config_json(after.config),
                      thresholds_after = rules::thresholds_json(after.thresholds);
    if (fields(*before, config_before, thresholds_before) ==
        fields(after, config_after, thresholds_after))
      return before;
    after.updated_at = now_timestamp();
    TRY_ASSIGN(auto changed, sql::update_monitor(tx, org, after, config_after, thresholds_after,
                                                 changes.expected_version));
    if (changed != 1)
      return Error{ErrorCode::stale_version, "the monitor was changed meanwhile", {}};
    after.version = before->version + 1;
    TRY(trail::record(tx, org, actor,
                      {"monitor", id, "update", fields(*before, config_before, thresholds_before),
                       fields(after, config_after, thresholds_after)}));
    return after;
  });
}

Result<Monitor> get_monitor(store::Database& db, int64_t org, int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<Monitor> {
    TRY_ASSIGN(auto row, must_find(tx, org, id));
    return decode(row);
  });
}

Result<Monitor> archive_monitor(store::Database& db, int64_t org, int64_t id, bool archive,
                                const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Result<Monitor> {
    TRY_ASSIGN(auto row, must_find(tx, org, id));
    auto before = decode(row);
    if (!before) return before;
    if (before->archived_at.has_value() == archive) {
      return Error{ErrorCode::failed_precondition,
                   archive ? "the monitor is already archived" : "the monitor is not archived",
                   {}};
    }
    const std::string now = now_timestamp();
    TRY(sql::set_monitor_archived(tx, org, id,
                                  archive ? std::optional<std::string>(now) : std::nullopt, now));
    Monitor after = *before;
    after.archived_at = archive ? std::optional<std::string>(now) : std::nullopt;
    after.version += 1;
    const std::string c = rules::config_json(after.config),
                      t = rules::thresholds_json(after.thresholds);
    TRY(trail::record(tx, org, actor,
                      {"monitor", id, archive ? "archive" : "restore", fields(*before, c, t),
                       fields(after, c, t)}));
    return after;
  });
}

Result<std::vector<Monitor>> list_monitors_in(store::Tx& tx, int64_t org,
                                              std::optional<int64_t> system_id) {
  TRY_ASSIGN(auto rows, sql::monitors(tx, org, system_id));
  std::vector<Monitor> out;
  for (const auto& row : rows) {
    TRY_ASSIGN(auto m, decode(row));
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::vector<Monitor>> list_monitors(store::Database& db, int64_t org,
                                           std::optional<int64_t> system_id) {
  return db.read([&](store::Tx& tx) { return list_monitors_in(tx, org, system_id); });
}

Result<Monitor> set_reference(store::Database& db, int64_t org, int64_t monitor_id,
                              const LogInput& log, const RunOptions& options,
                              const trail::Actor& actor) {
  auto monitor = get_monitor(db, org, monitor_id);
  if (!monitor) return monitor;
  if (monitor->archived_at)
    return Error{ErrorCode::failed_precondition, "the monitor is archived", {}};
  TRY_ASSIGN(auto profile, build_profile(log, monitor->config, options));
  const std::string json = to_json(profile);
  return db.write([&](store::Tx& tx) -> Result<Monitor> {
    TRY_ASSIGN(auto row, must_find(tx, org, monitor_id));
    auto before = decode(row);
    if (!before) return before;
    const std::string now = now_timestamp();
    TRY(sql::save_reference(tx, org, monitor_id, json, profile.input_sha256,
                            static_cast<int64_t>(profile.rows), now));
    Monitor after = *before;
    after.reference_sha256 = profile.input_sha256;
    after.reference_rows = static_cast<int64_t>(profile.rows);
    after.reference_at = now;
    after.version += 1;
    TRY(trail::record(tx, org, actor,
                      {"monitor",
                       monitor_id,
                       "set_reference",
                       {{"reference_sha256", json_text::quote(before->reference_sha256)},
                        {"reference_rows", json_text::optional_number(before->reference_rows)}},
                       {{"reference_sha256", json_text::quote(after.reference_sha256)},
                        {"reference_rows", json_text::optional_number(after.reference_rows)}}}));
    return after;
  });
}

}  // namespace aims::monitoring

namespace aims::monitoring {

void define_reference_target() {
  static std::once_flag once;
  std::call_once(once, [] {
    records::define_target(
        {"monitor", "monitor", "monitors", "/monitoring/monitors", sql::monitor_names});
  });
}

}  // namespace aims::monitoring
