// Incidents: creation by people, status changes, and breaches reported by monitoring.
#include <algorithm>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "improvement/improvement.h"
#include "improvement/store.h"
#include "inventory/inventory.h"

namespace aims::improvement {
namespace {

constexpr const char* kMonitoringControl = "A.6.2.6";

trail::Fields fields(const Incident& i) {
  return {{"system_id", json_text::number(i.system_id)},
          {"title", json_text::quote(i.title)},
          {"description", json_text::quote(i.description)},
          {"severity", json_text::quote(i.severity)},
          {"status", json_text::quote(i.status)},
          {"control", json_text::quote(i.control)},
          {"breach_count", json_text::number(i.breach_count)},
          {"resolution", json_text::quote(i.resolution)}};
}

bool one_of(const std::vector<std::string>& allowed, const std::string& value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

Result<std::string> checked_text(const std::string& field, const std::string& raw, size_t limit,
                                 bool required, bool one_line = false) {
  std::string text(trim(raw));
  if (!is_valid_utf8(text) || has_control_chars(text))
    return Error::invalid(field, field + " must be plain text");
  if (one_line && !is_one_line(text)) return Error::invalid(field, field + " must be one line");
  if (required && text.empty()) return Error::invalid(field, field + " is required");
  if (text.size() > limit)
    return Error::invalid(field,
                          field + " must be at most " + std::to_string(limit) + " characters");
  return text;
}

// Annex A control ids look like "A.6.2.6": a letter A and two to three numbers.
bool control_id(const std::string& text) {
  if (text.empty()) return true;
  if (text.rfind("A.", 0) != 0) return false;
  const auto parts = split(std::string_view(text).substr(2), '.');
  if (parts.size() < 2 || parts.size() > 3) return false;
  return std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
    return !p.empty() && p.size() <= 2 &&
           p.find_first_not_of("0123456789") == std::string_view::npos;
  });
}

}  // namespace

const std::vector<std::string>& severities() {
  static const std::vector<std::string> all = {"low", "medium", "high", "critical"};
  return all;
}

const std::vector<std::string>& statuses() {
  static const std::vector<std::string> all = {"open", "investigating", "resolved", "closed"};
  return all;
}

std::string max_severity(const std::string& a, const std::string& b) {
  const auto& s = severities();
  return std::find(s.begin(), s.end(), a) < std::find(s.begin(), s.end(), b) ? b : a;
}

Result<Incident> create(store::Database& db, int64_t org, const NewIncident& input,
                        const trail::Actor& actor) {
  Incident i;
  auto title = checked_text("title", input.title, 200, true, true);
  if (!title) return title.error();
  auto description = checked_text("description", input.description, 20000, false);
  if (!description) return description.error();
  if (!one_of(severities(), input.severity)) {
    return Error::invalid("severity", "severity must be low, medium, high or critical");
  }
  if (!control_id(input.control))
    return Error::invalid("control", "control must be an Annex A id such as A.6.2.6");
  i.system_id = input.system_id;
  i.title = *title;
  i.description = *description;
  i.severity = input.severity;
  i.status = "open";
  i.control = input.control;
  i.source = "manual";
  i.first_seen_at = i.last_seen_at = i.created_at = i.updated_at = now_timestamp();
  return db.write([&](store::Tx& tx) -> Result<Incident> {
    auto system = inventory::exists(tx, org, inventory::Kind::ai_system, i.system_id);
    if (!system) return system.error();
    if (!*system) return Error::invalid("system_id", "no such AI system in this organisation");
    auto id = sql::insert(tx, org, i);
    if (!id) return id.error();
    i.id = *id;
    auto logged = trail::record(tx, org, actor, {"incident", i.id, "create", {}, fields(i)});
    if (!logged) return logged.error();
    return i;
  });
}

Result<Incident> update(store::Database& db, int64_t org, int64_t id,
                        const IncidentChanges& changes, const trail::Actor& actor) {
  if (changes.status && !one_of(statuses(), *changes.status)) {
    return Error::invalid("status", "status must be open, investigating, resolved or closed");
  }
  if (changes.severity && !one_of(severities(), *changes.severity)) {
    return Error::invalid("severity", "severity must be low, medium, high or critical");
  }
  return db.write([&](store::Tx& tx) -> Result<Incident> {
    auto found = sql::get(tx, org, id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::not_found("no such incident");
    const Incident before = **found;
    if (before.version != changes.expected_version) {
      return Error{ErrorCode::stale_version,
                   "the incident was changed since you read it (now version " +
                       std::to_string(before.version) + ")",
                   {}};
    }
    Incident after = before;
    if (changes.status) after.status = *changes.status;
    if (changes.severity) after.severity = *changes.severity;
    if (changes.description) {
      auto text = checked_text("description", *changes.description, 20000, false);
      if (!text) return text.error();
      after.description = *text;
    }
    if (changes.resolution) {
      auto text = checked_text("resolution", *changes.resolution, 20000, false);
      if (!text) return text.error();
      after.resolution = *text;
    }
    if (!after.is_open() && after.resolution.empty()) {
      return Error{ErrorCode::failed_precondition,
                   "say how the incident was resolved before resolving or closing it",
                   "resolution"};
    }
    if (after.status == before.status && after.severity == before.severity &&
        after.description == before.description && after.resolution == before.resolution) {
      return before;
    }
    after.updated_at = now_timestamp();
    after.closed_at =
        after.status == "closed" ? std::optional<std::string>(after.updated_at) : std::nullopt;
    auto changed = sql::update(tx, org, after, before.version);
    if (!changed) return changed.error();
    if (*changed != 1)
      return Error{ErrorCode::stale_version, "the incident was changed meanwhile", {}};
    after.version = before.version + 1;
    auto logged =
        trail::record(tx, org, actor, {"incident", id, "update", fields(before), fields(after)});
    if (!logged) return logged.error();
    return after;
  });
}

Result<Incident> get(store::Database& db, int64_t org, int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<Incident> {
    auto found = sql::get(tx, org, id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::not_found("no such incident");
    return **found;
  });
}

Result<IncidentPage> list(store::Database& db, int64_t org, const IncidentQuery& query) {
  if (query.status && *query.status != "active" && !one_of(statuses(), *query.status)) {
    return Error::invalid("status",
                          "status must be open, investigating, resolved, closed or active");
  }
  return db.read([&](store::Tx& tx) { return sql::list(tx, org, query); });
}

Result<Incident> record_breach(store::Tx& tx, int64_t org, const Breach& breach,
                               const trail::Actor& actor) {
  const std::string now = now_timestamp();
  auto open = sql::open_for_monitor(tx, org, breach.system_id, breach.monitor_id);
  if (!open) return open.error();
  if (open->has_value()) {
    const Incident before = **open;
    Incident after = before;
    after.breach_count += breach.breaches;
    after.severity = max_severity(before.severity, breach.severity);
    after.last_seen_at = after.updated_at = now;
    after.description = before.description + "\n\n" + minute_text(now) + " UTC: " + breach.summary;
    auto changed = sql::update(tx, org, after, before.version);
    if (!changed) return changed.error();
    // Someone edited the incident between our read and this update: the transaction is retried
    // as a whole by the caller's db.write only for database conflicts, so refuse plainly.
    if (*changed != 1) return Error{ErrorCode::stale_version, "the incident changed meanwhile", {}};
    after.version = before.version + 1;
    auto logged = trail::record(tx, org, actor,
                                {"incident", after.id, "update", fields(before), fields(after)});
    if (!logged) return logged.error();
    return after;
  }
  Incident i;
  i.system_id = breach.system_id;
  i.monitor_id = breach.monitor_id;
  i.title = breach.title;
  i.description = minute_text(now) + " UTC: " + breach.summary;
  i.severity = breach.severity;
  i.status = "open";
  i.control = kMonitoringControl;
  i.source = "monitoring";
  i.breach_count = breach.breaches;
  i.first_seen_at = i.last_seen_at = i.created_at = i.updated_at = now;
  auto id = sql::insert(tx, org, i);
  if (!id) return id.error();
  i.id = *id;
  auto logged = trail::record(tx, org, actor, {"incident", i.id, "create", {}, fields(i)});
  if (!logged) return logged.error();
  return i;
}

}  // namespace aims::improvement
