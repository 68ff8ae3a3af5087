#include "monitoring/views.h"

#include <cstdio>
#include <map>

#include "base/time.h"
#include "monitoring/rules.h"
#include "web/chart.h"

namespace aims::monitoring {
namespace {

using nlohmann::json;

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// A {"value": .., "undefined": ..} member of the engine's result as text.
std::string metric_text(const json& m) {
  if (!m.is_object()) return "";
  if (m.contains("value") && m["value"].is_number()) return format_number(m["value"].get<double>());
  return "n/a";
}

const char* metric_label(const std::string& key) {
  static const std::map<std::string, const char*> labels = {
      {"fairness.disparate_impact", "Disparate impact (four-fifths rule)"},
      {"fairness.demographic_parity_difference", "Demographic parity difference"},
      {"fairness.equal_opportunity_difference", "Equal opportunity difference"},
      {"fairness.equalized_odds_difference", "Equalized odds difference"},
      {"fairness.predictive_parity_difference", "Predictive parity difference"},
      {"drift.psi", "Population stability index"},
      {"drift.jensen_shannon_distance", "Jensen-Shannon distance"},
      {"drift.ks_statistic", "Kolmogorov-Smirnov statistic"},
      {"quality.missing_share", "Missing values"},
      {"quality.duplicate_row_share", "Duplicate ids"},
      {"performance.accuracy", "Accuracy"},
      {"performance.roc_auc", "ROC AUC"}};
  auto it = labels.find(key);
  return it == labels.end() ? key.c_str() : it->second;
}

}  // namespace

json monitor_view(const Monitor& m) {
  const auto& c = m.config.columns;
  json columns = json::array();
  auto add = [&](const char* role, const std::string& name) {
    if (!name.empty()) columns.push_back({{"role", role}, {"name", name}});
  };
  add("id", c.id);
  add("timestamp", c.timestamp);
  add("prediction", c.prediction);
  add("score", c.score);
  add("label", c.label);
  for (const auto& s : c.sensitive_attributes)
    add("sensitive attribute", s);
  for (const auto& f : c.features)
    add(f.kind == ColumnKind::numeric ? "numeric feature" : "categorical feature", f.name);
  json thresholds = json::array();
  for (const auto& t : m.thresholds) {
    thresholds.push_back({{"metric", t.metric},
                          {"label", metric_label(t.metric)},
                          {"scope", t.scope},
                          {"comparison", t.comparison},
                          {"value", format_number(t.value)}});
  }
  return {{"id", m.id},
          {"system_id", m.system_id},
          {"name", m.name},
          {"task", std::string(to_string(m.config.task))},
          {"columns", columns},
          {"thresholds", thresholds},
          {"run_mode", m.run_mode},
          {"scheduled", m.run_mode == "schedule"},
          {"schedule_hours", m.schedule_hours.value_or(0)},
          {"schedule_source", m.schedule_source},
          {"next_run_at", m.next_run_at ? minute_text(*m.next_run_at) : ""},
          {"human_review_on_breach", m.human_review_on_breach},
          {"has_reference", !m.reference_sha256.empty()},
          {"reference_sha256", m.reference_sha256},
          {"reference_rows", m.reference_rows.value_or(0)},
          {"reference_at", m.reference_at ? minute_text(*m.reference_at) : ""},
          {"version", m.version},
          {"archived", m.archived_at.has_value()}};
}

json run_row(const Run& r) {
  return {{"id", r.id},
          {"when", minute_text(r.finished_at)},
          {"source", r.source},
          {"status", r.status},
          {"completed", r.status == "completed"},
          {"input_name", r.input_name},
          {"rows", r.rows},
          {"breaches", r.breaches},
          {"has_breaches", r.breaches > 0},
          {"window", r.window_from && r.window_to
                         ? minute_text(*r.window_from) + " – " + minute_text(*r.window_to)
                         : ""},
          {"error", r.error}};
}

json alert_row(const Alert& a) {
  return {{"id", a.id},
          {"metric", metric_label(a.metric)},
          {"scope", a.scope},
          {"value", format_number(a.value)},
          {"comparison", a.comparison},
          {"threshold", format_number(a.threshold)},
          {"severity", a.severity},
          {"status", a.status},
          {"open", a.status == "open"},
          {"acknowledged", a.status == "acknowledged"},
          {"version", a.version},
          {"run_id", a.run_id},
          {"system_id", a.system_id},
          {"incident_id", a.incident_id ? json(*a.incident_id) : json(nullptr)},
          {"when", minute_text(a.created_at)}};
}

json oversight_view(const Oversight& o) {
  return {{"required", o.human_review_required},
          {"since", o.since ? minute_text(*o.since) : ""},
          {"set_by", o.set_by},
          {"reason", o.reason},
          {"source", o.source},
          {"version", o.version},
          {"system_id", o.system_id}};
}

Result<json> charts_view(store::Database& db, int64_t org, const Monitor& m,
                         const std::optional<Run>& latest) {
  json charts = json::array();
  if (!latest) return json{{"charts", charts}, {"quiet", json::array()}};
  std::map<std::string, std::vector<std::string>> quiet;
  for (const auto& t : m.thresholds) {
    std::vector<std::string> scopes;
    if (t.scope == "*") {
      TRY_ASSIGN(scopes, scopes_of_run(db, org, latest->id, t.metric));
    } else {
      scopes = {t.scope};
    }
    int drawn = 0;
    for (const auto& scope : scopes) {
      TRY_ASSIGN(auto points, trend(db, org, m.id, t.metric, scope, 30));
      std::vector<web::ChartPoint> chart;
      bool flat_zero = true;
      for (const auto& p : points) {
        const bool breach =
            p.value && (t.comparison == "below" ? *p.value < t.value : *p.value > t.value);
        chart.push_back({p.at.substr(0, 10), p.value, breach});
        flat_zero = flat_zero && (!p.value || *p.value == 0);
      }
      // A data-quality share that stayed at zero tells nothing a line could; the note says it.
      if (flat_zero && t.metric.rfind("quality.", 0) == 0) {
        quiet[metric_label(t.metric)].push_back(scope);
        continue;
      }
      if (++drawn > 6) continue;  // the busiest metrics would drown the page
      const std::string title = std::string(metric_label(t.metric)) + " — " + scope;
      charts.push_back(
          {{"title", metric_label(t.metric)},
           {"scope", scope},
           {"rule", t.comparison + " " + format_number(t.value) + " breaches"},
           {"latest",
            chart.empty() || !chart.back().value ? "n/a" : format_number(*chart.back().value)},
           {"svg", web::line_chart(chart, t.value, title)}});
    }
  }
  json notes = json::array();
  for (const auto& [label, scopes] : quiet) {
    std::string columns;
    for (const auto& scope : scopes) {
      const auto colon = scope.rfind(':');
      columns +=
          (columns.empty() ? "" : ", ") + scope.substr(colon == std::string::npos ? 0 : colon + 1);
    }
    notes.push_back({{"metric", label}, {"columns", columns}});
  }
  return json{{"charts", charts}, {"quiet", notes}};
}

json groups_view(const std::string& result_json) {
  json rows = json::array();
  const json result = json::parse(result_json, nullptr, false);
  if (!result.is_object() || !result.contains("fairness")) return rows;
  for (const auto& attribute : result["fairness"]) {
    for (const auto& g : attribute.value("groups", json::array())) {
      const json c = g.value("classification", json::object());
      rows.push_back({{"attribute", attribute.value("attribute", "")},
                      {"group", g.value("group", "")},
                      {"rows", g.value("rows", 0)},
                      {"compared", g.value("compared", false)},
                      {"selection_rate", metric_text(c.value("selection_rate", json()))},
                      {"tpr", metric_text(c.value("true_positive_rate", json()))},
                      {"fpr", metric_text(c.value("false_positive_rate", json()))},
                      {"precision", metric_text(c.value("precision", json()))},
                      {"accuracy", metric_text(c.value("accuracy", json()))}});
    }
  }
  return rows;
}

json fairness_view(const std::string& result_json) {
  json rows = json::array();
  const json result = json::parse(result_json, nullptr, false);
  if (!result.is_object() || !result.contains("fairness")) return rows;
  for (const auto& a : result["fairness"]) {
    for (const char* key :
         {"disparate_impact", "demographic_parity_difference", "equal_opportunity_difference",
          "equalized_odds_difference", "predictive_parity_difference"}) {
      const json m = a.value(key, json::object());
      rows.push_back({{"attribute", a.value("attribute", "")},
                      {"metric", metric_label(std::string("fairness.") + key)},
                      {"value", metric_text(m)},
                      {"undefined", m.value("undefined", "")},
                      {"between", m.contains("max_group")
                                      ? m.value("min_group", "") + " vs " + m.value("max_group", "")
                                      : ""}});
    }
  }
  return rows;
}

json drift_view(const std::string& result_json) {
  json rows = json::array();
  const json result = json::parse(result_json, nullptr, false);
  if (!result.is_object() || !result.contains("drift")) return rows;
  for (const auto& d : result["drift"]) {
    rows.push_back({{"column", d.value("column", "")},
                    {"kind", d.value("kind", "")},
                    {"psi", metric_text(d.value("psi", json()))},
                    {"js", metric_text(d.value("jensen_shannon_distance", json()))},
                    {"ks", metric_text(d.value("ks_statistic", json()))},
                    {"ks_p", metric_text(d.value("ks_p_value", json()))},
                    {"wasserstein", metric_text(d.value("wasserstein_distance_normed", json()))},
                    {"chi2_p", metric_text(d.value("chi_square_p_value", json()))},
                    {"unseen", metric_text(d.value("unseen_category_share", json()))}});
  }
  return rows;
}

json quality_view(const std::string& result_json) {
  json rows = json::array();
  const json result = json::parse(result_json, nullptr, false);
  if (!result.is_object() || !result.contains("quality")) return rows;
  for (const auto& q : result["quality"].value("columns", json::array())) {
    rows.push_back({{"column", q.value("column", "")},
                    {"role", q.value("role", "")},
                    {"missing", metric_text(q.value("missing_share", json()))},
                    {"type_errors", metric_text(q.value("type_error_share", json()))},
                    {"out_of_range", metric_text(q.value("out_of_range_share", json()))}});
  }
  return rows;
}

json performance_view(const std::string& result_json) {
  const json result = json::parse(result_json, nullptr, false);
  json out = json::array();
  if (!result.is_object()) return out;
  const json perf = result.value("performance", json::object());
  const json c = perf.contains("classification") ? perf["classification"]
                                                 : perf.value("regression", json::object());
  for (const auto& [key, value] : c.items()) {
    if (value.is_object() && value.contains("count"))
      out.push_back({{"metric", key}, {"value", metric_text(value)}});
  }
  return out;
}

}  // namespace aims::monitoring
