#include "monitoring/rules.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace aims::monitoring::rules {
namespace {

using nlohmann::json;

const std::vector<std::string>& severity_order() {
  static const std::vector<std::string> order = {"low", "medium", "high", "critical"};
  return order;
}

// The engine's keys, as a set for membership tests while reading thresholds.
const std::set<std::string>& known_metrics() {
  static const std::set<std::string> keys(metric_keys().begin(), metric_keys().end());
  return keys;
}

// The text of `key` in `object`, `fallback` when absent, nullopt when it is not a string (json's
// value() would throw).
std::optional<std::string> text_member(const json& object, const char* key, const char* fallback) {
  auto it = object.find(key);
  if (it == object.end()) return std::string(fallback);
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Reads config.<path> with the right type or records the first problem.
class Reader {
 public:
  explicit Reader(const json& root) : root_(root) {}

  std::string text(const char* key, size_t limit) {
    auto* v = find(key);
    if (!v) return {};
    if (!v->is_string() || v->get_ref<const std::string&>().size() > limit) {
      fail(std::string("config.columns.") + key,
           "must be a column name of at most " + std::to_string(limit) + " characters");
      return {};
    }
    return v->get<std::string>();
  }

  const json* find(const char* key) const {
    auto columns = root_.find("columns");
    if (columns == root_.end() || !columns->is_object()) return nullptr;
    auto it = columns->find(key);
    return it == columns->end() || it->is_null() ? nullptr : &*it;
  }

  void fail(const std::string& field, const std::string& message) {
    if (!error_) error_ = Error::invalid(field, field + " " + message);
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json& root_;
  std::optional<Error> error_;
};

void read_columns(Reader& r, MonitorConfig& c) {
  c.columns.id = r.text("id", 200);
  c.columns.timestamp = r.text("timestamp", 200);
  c.columns.prediction = r.text("prediction", 200);
  c.columns.score = r.text("score", 200);
  c.columns.label = r.text("label", 200);
  if (const json* list = r.find("sensitive_attributes")) {
    if (!list->is_array() || list->size() > 20) {
      r.fail("config.columns.sensitive_attributes", "must be a list of at most 20 column names");
    } else {
      for (const auto& item : *list) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
          r.fail("config.columns.sensitive_attributes", "must hold column names");
          break;
        }
        c.columns.sensitive_attributes.push_back(item.get<std::string>());
      }
    }
  }
  if (const json* list = r.find("features")) {
    if (!list->is_array() || list->size() > 500) {
      r.fail("config.columns.features", "must be a list of at most 500 features");
      return;
    }
    for (size_t i = 0; i < list->size(); ++i) {
      const json& f = (*list)[i];
      const std::string where = "config.columns.features[" + std::to_string(i) + "]";
      if (!f.is_object() || !f.contains("name") || !f["name"].is_string() ||
          f["name"].get_ref<const std::string&>().empty()) {
        r.fail(where + ".name", "must name a column");
        return;
      }
      const std::string kind = text_member(f, "kind", "numeric").value_or("");
      if (kind != "numeric" && kind != "categorical") {
        r.fail(where + ".kind", "must be numeric or categorical");
        return;
      }
      c.columns.features.push_back({f["name"].get<std::string>(), kind == "numeric"
                                                                      ? ColumnKind::numeric
                                                                      : ColumnKind::categorical});
    }
  }
}

}  // namespace

Result<MonitorConfig> parse_config(std::string_view text) {
  const json root = json::parse(text, nullptr, false);
  if (!root.is_object()) return Error::malformed("config must be a JSON object", "config");
  for (const auto& [key, value] : root.items()) {
    if (key != "columns" && key != "task" && key != "positive_label" &&
        key != "decision_threshold" && key != "min_group_size") {
      return Error::invalid("config." + key, "unknown field config." + key);
    }
  }
  MonitorConfig c;
  Reader r(root);
  if (!root.contains("columns") || !root["columns"].is_object()) {
    return Error::invalid("config.columns", "config.columns must map log columns to roles");
  }
  for (const auto& [key, value] : root["columns"].items()) {
    static const std::set<std::string> roles = {
        "id", "timestamp", "prediction", "score", "label", "sensitive_attributes", "features"};
    if (!roles.count(key))
      return Error::invalid("config.columns." + key, "unknown column role " + key);
  }
  read_columns(r, c);
  const std::string task = text_member(root, "task", "classification").value_or("");
  if (task != "classification" && task != "regression") {
    r.fail("config.task", "must be classification or regression");
  }
  c.task = task == "regression" ? TaskType::regression : TaskType::classification;
  if (root.contains("positive_label")) {
    const auto& p = root["positive_label"];
    if (!p.is_string() || p.get_ref<const std::string&>().empty() ||
        p.get_ref<const std::string&>().size() > 200) {
      r.fail("config.positive_label", "must be the text of the positive class, e.g. \"1\"");
    } else {
      c.positive_label = p.get<std::string>();
    }
  }
  if (root.contains("decision_threshold")) {
    const auto& t = root["decision_threshold"];
    if (!t.is_number() || !std::isfinite(t.get<double>())) {
      r.fail("config.decision_threshold", "must be a number");
    } else {
      c.decision_threshold = t.get<double>();
    }
  }
  if (root.contains("min_group_size")) {
    const auto& m = root["min_group_size"];
    if (!m.is_number_integer() || m.get<int64_t>() < 1 || m.get<int64_t>() > 1'000'000'000) {
      r.fail("config.min_group_size", "must be a whole number from 1 to 1000000000");
    } else {
      c.min_group_size = m.get<uint64_t>();
    }
  }
  if (r.error()) return *r.error();
  const auto& m = c.columns;
  if (m.prediction.empty() && m.score.empty() && m.label.empty() && m.features.empty()) {
    return Error::invalid("config.columns",
                          "map at least a prediction, score, label or feature column");
  }
  // What the engine refuses at run time (engine/log_schema.cpp) is refused here, so a monitor
  // that could never run is not created.
  if (c.task == TaskType::classification && m.prediction.empty() && m.score.empty()) {
    return Error::invalid("config.columns.prediction",
                          "a classification monitor needs a prediction or a score column");
  }
  if (c.task == TaskType::regression && m.prediction.empty()) {
    return Error::invalid("config.columns.prediction",
                          "a regression monitor needs a prediction column");
  }
  if (c.task == TaskType::classification &&
      (c.decision_threshold < 0 || c.decision_threshold > 1)) {
    return Error::invalid("config.decision_threshold",
                          "config.decision_threshold must lie in [0, 1]");
  }
  std::set<std::string> seen;
  for (const auto& a : m.sensitive_attributes) {
    if (!seen.insert(a).second)
      return Error::invalid("config.columns.sensitive_attributes",
                            "column " + a + " is listed twice");
  }
  seen.clear();
  for (const auto& f : m.features) {
    if (!seen.insert(f.name).second)
      return Error::invalid("config.columns.features", "feature " + f.name + " is listed twice");
  }
  return c;
}

std::string config_json(const MonitorConfig& c) {
  json features = json::array();
  for (const auto& f : c.columns.features)
    features.push_back({{"name", f.name}, {"kind", std::string(to_string(f.kind))}});
  json columns = json::object();
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) columns[key] = value;
  };
  put("id", c.columns.id);
  put("timestamp", c.columns.timestamp);
  put("prediction", c.columns.prediction);
  put("score", c.columns.score);
  put("label", c.columns.label);
  if (!c.columns.sensitive_attributes.empty())
    columns["sensitive_attributes"] = c.columns.sensitive_attributes;
  if (!features.empty()) columns["features"] = features;
  return json{{"columns", columns},
              {"task", std::string(to_string(c.task))},
              {"positive_label", c.positive_label},
              {"decision_threshold", c.decision_threshold},
              {"min_group_size", c.min_group_size}}
      .dump();
}

Result<std::vector<Threshold>> parse_thresholds(std::string_view text) {
  const json root = json::parse(text, nullptr, false);
  if (!root.is_array()) return Error::malformed("thresholds must be a JSON array", "thresholds");
  if (root.size() > 100) return Error::invalid("thresholds", "at most 100 thresholds");
  std::vector<Threshold> out;
  for (size_t i = 0; i < root.size(); ++i) {
    const json& t = root[i];
    const std::string where = "thresholds[" + std::to_string(i) + "]";
    if (!t.is_object()) return Error::invalid(where, where + " must be an object");
    for (const auto& [key, value] : t.items()) {
      if (key != "metric" && key != "scope" && key != "comparison" && key != "value") {
        return Error::invalid(where + "." + key, "unknown field " + key);
      }
    }
    Threshold th;
    th.metric = text_member(t, "metric", "").value_or("");
    if (!known_metrics().count(th.metric))
      return Error::invalid(where + ".metric",
                            "not a metric key of docs/monitoring.md: " + th.metric);
    th.scope = text_member(t, "scope", "*").value_or("");
    if (th.scope.empty() || th.scope.size() > 400)
      return Error::invalid(where + ".scope", "scope must be * or a scope such as attribute:sex");
    th.comparison = text_member(t, "comparison", "").value_or("");
    if (th.comparison != "below" && th.comparison != "above") {
      return Error::invalid(where + ".comparison", "comparison must be below or above");
    }
    if (!t.contains("value") || !t["value"].is_number() ||
        !std::isfinite(t["value"].get<double>())) {
      return Error::invalid(where + ".value", "value must be a number");
    }
    th.value = t["value"].get<double>();
    out.push_back(std::move(th));
  }
  return out;
}

Status check_values(const std::vector<Threshold>& thresholds) {
  for (size_t i = 0; i < thresholds.size(); ++i) {
    if (std::abs(thresholds[i].value) > kMaxThresholdMagnitude) {
      return Error::invalid("thresholds[" + std::to_string(i) + "].value",
                            "value must lie between -1e12 and 1e12");
    }
  }
  return {};
}

namespace {

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

// Every column the engine reports data quality for, as "ROLE:NAME".
std::vector<std::string> mapped_columns(const ColumnMapping& c, bool numeric_only) {
  std::vector<std::string> out;
  if (!numeric_only) {
    for (const auto& [role, name] : {std::pair{"id", c.id},
                                     {"timestamp", c.timestamp},
                                     {"prediction", c.prediction},
                                     {"label", c.label}}) {
      if (!name.empty()) out.push_back(std::string(role) + ":" + name);
    }
    for (const auto& s : c.sensitive_attributes)
      out.push_back("sensitive:" + s);
  }
  if (!c.score.empty()) out.push_back("score:" + c.score);
  for (const auto& f : c.features) {
    if (!numeric_only || f.kind == ColumnKind::numeric) out.push_back("feature:" + f.name);
  }
  return out;
}

// The scopes a monitor with `config` can report `metric` in; "group:A=" stands for any group of A.
std::vector<std::string> possible_scopes(const MonitorConfig& config, const std::string& metric) {
  const ColumnMapping& c = config.columns;
  std::vector<std::string> out;
  const bool regression_metric = metric == "performance.mean_absolute_error" ||
                                 metric == "performance.root_mean_squared_error" ||
                                 metric == "performance.r_squared";
  if (starts_with(metric, "performance.")) {
    if (regression_metric != (config.task == TaskType::regression)) return out;
    out.emplace_back("overall");
    for (const auto& a : c.sensitive_attributes)
      out.push_back("group:" + a + "=");
  } else if (starts_with(metric, "fairness.")) {
    if (config.task != TaskType::classification) return out;
    for (const auto& a : c.sensitive_attributes)
      out.push_back("attribute:" + a);
  } else if (starts_with(metric, "drift.")) {
    const bool categorical = metric == "drift.chi_square_statistic" ||
                             metric == "drift.chi_square_p_value" ||
                             metric == "drift.unseen_category_share";
    const bool both = metric == "drift.psi" || metric == "drift.jensen_shannon_distance";
    if (!c.score.empty() && !categorical) out.push_back("column:score:" + c.score);
    for (const auto& f : c.features) {
      if (both || categorical == (f.kind == ColumnKind::categorical))
        out.push_back("column:feature:" + f.name);
    }
  } else if (metric == "quality.row_count") {
    out.emplace_back("overall");
  } else if (metric == "quality.duplicate_row_share" ||
             metric == "quality.conflicting_label_share") {
    if (!c.id.empty()) out.emplace_back("overall");
  } else {
    for (const auto& column : mapped_columns(c, metric == "quality.out_of_range_share"))
      out.push_back("column:" + column);
  }
  return out;
}

}  // namespace

std::vector<std::string> named_scopes(const MonitorConfig& config) {
  std::set<std::string> out;
  for (const auto& metric : known_metrics()) {
    for (const auto& scope : possible_scopes(config, metric))
      out.insert(scope.back() == '=' ? scope + "GROUP" : scope);
  }
  return {out.begin(), out.end()};
}

std::vector<Threshold> applicable(const MonitorConfig& config,
                                  const std::vector<Threshold>& thresholds) {
  std::vector<Threshold> out;
  for (const auto& t : thresholds) {
    if (!possible_scopes(config, t.metric).empty()) out.push_back(t);
  }
  return out;
}

Status check_scopes(const MonitorConfig& config, const std::vector<Threshold>& thresholds) {
  for (size_t i = 0; i < thresholds.size(); ++i) {
    const Threshold& t = thresholds[i];
    const std::string where = "thresholds[" + std::to_string(i) + "]";
    if (t.scope == "*") continue;  // wherever the metric is measured, which may be nowhere yet
    const auto scopes = possible_scopes(config, t.metric);
    if (scopes.empty()) {
      return Error::invalid(where + ".metric", t.metric +
                                                   " is never measured with these log "
                                                   "columns and this task");
    }
    bool found = false;
    std::string listed;
    for (const auto& scope : scopes) {
      found = found || (scope.back() == '='
                            ? starts_with(t.scope, scope.c_str()) && t.scope.size() > scope.size()
                            : t.scope == scope);
      listed += (listed.empty() ? "" : ", ") + (scope.back() == '=' ? scope + "GROUP" : scope);
    }
    if (!found) {
      return Error::invalid(where + ".scope", "no " + t.metric + " is reported for scope " +
                                                  t.scope + "; use * or one of: " + listed);
    }
  }
  return {};
}

std::string thresholds_json(const std::vector<Threshold>& thresholds) {
  json out = json::array();
  for (const auto& t : thresholds) {
    out.push_back({{"metric", t.metric},
                   {"scope", t.scope},
                   {"comparison", t.comparison},
                   {"value", t.value}});
  }
  return out.dump();
}

std::string scope_text(const MetricScope& s) {
  switch (s.kind) {
    case ScopeKind::overall:
      return "overall";
    case ScopeKind::group:
      return "group:" + s.attribute + "=" + s.group;
    case ScopeKind::attribute:
      return "attribute:" + s.attribute;
    case ScopeKind::column:
      return "column:" + s.role + ":" + s.column;
  }
  return "overall";
}

std::vector<Breach> breaches(const std::vector<MetricSample>& samples,
                             const std::vector<Threshold>& thresholds) {
  std::vector<Breach> out;
  for (const auto& t : thresholds) {
    for (const auto& s : samples) {
      if (s.key != t.metric || !s.value.value) continue;
      if (t.scope != "*" && t.scope != scope_text(s.scope)) continue;
      const double v = *s.value.value;
      const bool bad = t.comparison == "below" ? v < t.value : v > t.value;
      if (bad) out.push_back({&s, &t, severity(t, v)});
    }
  }
  return out;
}

std::string severity(const Threshold& t, double value) {
  size_t level = t.metric.rfind("fairness.", 0) == 0  ? 2
                 : t.metric.rfind("quality.", 0) == 0 ? 0
                                                      : 1;
  const double margin = std::abs(value - t.value) / std::max(std::abs(t.value), 1e-9);
  if (margin >= 0.25) ++level;
  if (margin >= 0.5) ++level;
  return severity_order()[std::min<size_t>(level, 3)];
}

std::string worst(const std::vector<std::string>& severities) {
  size_t level = 0;
  for (const auto& s : severities) {
    const auto at = std::find(severity_order().begin(), severity_order().end(), s);
    if (at != severity_order().end())
      level = std::max(level, static_cast<size_t>(at - severity_order().begin()));
  }
  return severity_order()[level];
}

}  // namespace aims::monitoring::rules
