#include "monitoring/json.h"

#include "monitoring/rules.h"

namespace aims::monitoring {
namespace {

using nlohmann::json;

json optional(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}
json optional(const std::optional<int64_t>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

json to_json(const Monitor& m) {
  return {
      {"id", m.id},
      {"system_id", m.system_id},
      {"name", m.name},
      {"config", json::parse(rules::config_json(m.config))},
      {"thresholds", json::parse(rules::thresholds_json(m.thresholds))},
      {"run_mode", m.run_mode},
      {"schedule_hours", optional(m.schedule_hours)},
      {"schedule_source", m.schedule_source},
      {"next_run_at", optional(m.next_run_at)},
      {"human_review_on_breach", m.human_review_on_breach},
      {"reference", m.reference_sha256.empty() ? json(nullptr)
                                               : json{{"sha256", m.reference_sha256},
                                                      {"rows", optional(m.reference_rows)},
                                                      {"profiled_at", optional(m.reference_at)}}},
      {"version", m.version},
      {"created_at", m.created_at},
      {"updated_at", m.updated_at},
      {"archived_at", optional(m.archived_at)}};
}

json to_json(const Alert& a) {
  return {{"id", a.id},
          {"system_id", a.system_id},
          {"monitor_id", a.monitor_id},
          {"run_id", a.run_id},
          {"incident_id", optional(a.incident_id)},
          {"metric", a.metric},
          {"scope", a.scope},
          {"value", a.value},
          {"comparison", a.comparison},
          {"threshold", a.threshold},
          {"severity", a.severity},
          {"status", a.status},
          {"version", a.version},
          {"created_at", a.created_at}};
}

json to_json(const Run& r, bool with_result) {
  json alerts = json::array();
  for (const auto& a : r.alerts)
    alerts.push_back(to_json(a));
  json out = {
      {"id", r.id},
      {"monitor_id", r.monitor_id},
      {"system_id", r.system_id},
      {"source", r.source},
      {"status", r.status},
      {"error", r.error.empty() ? json(nullptr) : json(r.error)},
      {"started_at", r.started_at},
      {"finished_at", r.finished_at},
      {"input", {{"name", r.input_name}, {"sha256", r.input_sha256}, {"bytes", r.input_bytes}}},
      {"rows", r.rows},
      {"window", {{"from", optional(r.window_from)}, {"to", optional(r.window_to)}}},
      {"reference_sha256", r.reference_sha256.empty() ? json(nullptr) : json(r.reference_sha256)},
      {"breaches", r.breaches},
      {"alerts", alerts},
      {"incident_id", optional(r.incident_id)},
      {"actor", r.actor_label}};
  if (with_result && !r.result_json.empty())
    out["result"] = json::parse(r.result_json, nullptr, false);
  return out;
}

json to_json(const Oversight& o) {
  return {{"system_id", o.system_id},
          {"human_review_required", o.human_review_required},
          {"since", optional(o.since)},
          {"set_by", o.set_by.empty() ? json(nullptr) : json(o.set_by)},
          {"reason", o.reason.empty() ? json(nullptr) : json(o.reason)},
          {"source", o.source.empty() ? json(nullptr) : json(o.source)},
          {"alert_id", optional(o.alert_id)},
          {"version", o.version}};
}

}  // namespace aims::monitoring
