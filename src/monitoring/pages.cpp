// HTML routes of monitoring, and its panel on the AI system page.
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "base/text.h"
#include "http/errors.h"
#include "inventory/inventory.h"
#include "monitoring/routes.h"
#include "monitoring/routes_internal.h"
#include "monitoring/rules.h"
#include "monitoring/views.h"
#include "records/records.h"
#include "web/web.h"

namespace aims::monitoring {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Response page(const Context& ctx, int status, const std::string& title, const char* tmpl,
              json view) {
  return web::page(ctx, status, {title, "monitoring"}, std::string("monitoring/templates/") + tmpl,
                   std::move(view));
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  for (auto part : split(text, ',')) {
    if (!trim(part).empty()) out.emplace_back(trim(part));
  }
  return out;
}

// A whole number typed in a form; 0, which the schedule's range refuses, for any other text (so
// "12abc" or "1e3" is an error, not 12 or 1 hours).
int64_t whole_number(const std::string& text) {
  const std::string_view digits = trim(text);
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return ec == std::errc() && end == digits.data() + digits.size() ? n : 0;
}

// The monitor form's fields as the JSON the monitor rules read.
json config_from_form(const Context& ctx) {
  json columns = json::object();
  for (const char* role : {"id", "timestamp", "prediction", "score", "label"}) {
    const std::string name(trim(ctx.form_value(std::string("col_") + role).value_or("")));
    if (!name.empty()) columns[role] = name;
  }
  const auto sensitive = comma_list(ctx.form_value("col_sensitive").value_or(""));
  if (!sensitive.empty()) columns["sensitive_attributes"] = sensitive;
  json features = json::array();
  for (const auto& f : comma_list(ctx.form_value("col_numeric").value_or("")))
    features.push_back({{"name", f}, {"kind", "numeric"}});
  for (const auto& f : comma_list(ctx.form_value("col_categorical").value_or(""))) {
    features.push_back({{"name", f}, {"kind", "categorical"}});
  }
  if (!features.empty()) columns["features"] = features;
  json config = {{"columns", columns}, {"task", ctx.form_value("task").value_or("classification")}};
  const std::string label(trim(ctx.form_value("positive_label").value_or("")));
  if (!label.empty()) config["positive_label"] = label;
  char* end = nullptr;
  const std::string threshold(trim(ctx.form_value("decision_threshold").value_or("")));
  if (!threshold.empty()) {
    const double t = std::strtod(threshold.c_str(), &end);
    config["decision_threshold"] = end && *end == '\0' ? json(t) : json(threshold);
  }
  const std::string min_group(trim(ctx.form_value("min_group_size").value_or("")));
  if (!min_group.empty()) {
    const long long n = std::strtoll(min_group.c_str(), &end, 10);
    config["min_group_size"] = end && *end == '\0' ? json(n) : json(min_group);
  }
  return config;
}

// Rows of metric / comparison / value / scope; blank rows are ignored.
json thresholds_from_form(const Context& ctx) {
  const auto metrics = ctx.form_values("t_metric"), comparisons = ctx.form_values("t_comparison"),
             values = ctx.form_values("t_value"), scopes = ctx.form_values("t_scope");
  json out = json::array();
  for (size_t i = 0; i < metrics.size(); ++i) {
    if (trim(metrics[i]).empty()) continue;
    char* end = nullptr;
    const std::string text = i < values.size() ? std::string(trim(values[i])) : "";
    const double v = std::strtod(text.c_str(), &end);
    out.push_back(
        {{"metric", std::string(trim(metrics[i]))},
         {"comparison", i < comparisons.size() ? comparisons[i] : ""},
         {"value", !text.empty() && end && *end == '\0' ? json(v) : json(text)},
         {"scope",
          i < scopes.size() && !trim(scopes[i]).empty() ? std::string(trim(scopes[i])) : "*"}});
  }
  return out;
}

// The form's own field for an error the rules named by its JSON path.
std::string form_field(const std::string& field) {
  static const std::map<std::string, std::string> names = {
      {"config.columns.id", "col_id"},
      {"config.columns.timestamp", "col_timestamp"},
      {"config.columns.prediction", "col_prediction"},
      {"config.columns.score", "col_score"},
      {"config.columns.label", "col_label"},
      {"config.columns.sensitive_attributes", "col_sensitive"},
      {"config.columns.features", "col_numeric"},
      {"config.columns", "col_label"},
      {"config.task", "task"},
      {"config.positive_label", "positive_label"},
      {"config.decision_threshold", "decision_threshold"},
      {"config.min_group_size", "min_group_size"}};
  if (auto it = names.find(field); it != names.end()) return it->second;
  if (field.rfind("config.columns.features", 0) == 0) return "col_numeric";
  if (field.rfind("thresholds", 0) == 0) return "thresholds";
  return field;
}

json metric_options() {
  json options = json::array();
  for (const char* key : {"fairness.disparate_impact",
                          "fairness.demographic_parity_difference",
                          "fairness.equal_opportunity_difference",
                          "fairness.equalized_odds_difference",
                          "fairness.predictive_parity_difference",
                          "drift.psi",
                          "drift.jensen_shannon_distance",
                          "drift.ks_statistic",
                          "drift.wasserstein_distance_normed",
                          "drift.unseen_category_share",
                          "quality.missing_share",
                          "quality.type_error_share",
                          "quality.out_of_range_share",
                          "quality.duplicate_row_share",
                          "quality.conflicting_label_share",
                          "performance.accuracy",
                          "performance.roc_auc",
                          "performance.precision",
                          "performance.true_positive_rate",
                          "performance.expected_calibration_error",
                          "performance.root_mean_squared_error"}) {
    options.push_back(key);
  }
  return options;
}

// The form's values: from a stored monitor, or echoed back after an error.
json form_values(const Context& ctx, const std::optional<Monitor>& m, bool from_request) {
  json v;
  if (from_request) {
    for (const char* key : {"name", "system_id", "col_id", "col_timestamp", "col_prediction",
                            "col_score", "col_label", "col_sensitive", "col_numeric",
                            "col_categorical", "task", "positive_label", "decision_threshold",
                            "min_group_size", "run_mode", "schedule_hours", "schedule_source"}) {
      v[key] = ctx.form_value(key).value_or("");
    }
    v["human_review_on_breach"] = ctx.form_value("human_review_on_breach").has_value();
    v["thresholds"] = thresholds_from_form(ctx);
  } else if (m) {
    const auto& c = m->config.columns;
    std::string numeric, categorical, sensitive;
    for (const auto& f : c.features)
      (f.kind == ColumnKind::numeric ? numeric : categorical) += (f.name + ", ");
    for (const auto& s : c.sensitive_attributes)
      sensitive += s + ", ";
    v = {{"name", m->name},
         {"system_id", std::to_string(m->system_id)},
         {"col_id", c.id},
         {"col_timestamp", c.timestamp},
         {"col_prediction", c.prediction},
         {"col_score", c.score},
         {"col_label", c.label},
         {"col_sensitive", sensitive},
         {"col_numeric", numeric},
         {"col_categorical", categorical},
         {"task", std::string(to_string(m->config.task))},
         {"positive_label", m->config.positive_label},
         {"decision_threshold", json(m->config.decision_threshold).dump()},
         {"min_group_size", std::to_string(m->config.min_group_size)},
         {"run_mode", m->run_mode},
         {"schedule_hours", m->schedule_hours ? std::to_string(*m->schedule_hours) : ""},
         {"schedule_source", m->schedule_source},
         {"human_review_on_breach", m->human_review_on_breach},
         {"thresholds", json::parse(rules::thresholds_json(m->thresholds))}};
  } else {
    v = {{"system_id", ctx.query_value("system_id").value_or("")},
         {"task", "classification"},
         {"positive_label", "1"},
         {"decision_threshold", "0.5"},
         {"min_group_size", "30"},
         {"run_mode", "upload"},
         {"thresholds",
          json::parse(rules::thresholds_json(default_thresholds(TaskType::classification)))}};
  }
  for (int i = 0; i < 3; ++i)
    v["thresholds"].push_back(
        {{"metric", ""}, {"comparison", "below"}, {"value", ""}, {"scope", "*"}});
  for (auto& t : v["thresholds"]) {
    t["below"] = t.value("comparison", "") == "below";
    if (t["value"].is_number()) {
      char text[32];
      std::snprintf(text, sizeof text, "%g", t["value"].get<double>());
      t["value"] = text;
    }
  }
  v["is_schedule"] = v.value("run_mode", "") == "schedule";
  v["is_regression"] = v.value("task", "") == "regression";
  return v;
}

Result<Response> form_page(const Context& ctx, int status, const std::optional<Monitor>& m,
                           bool from_request, const Error* error) {
  TRY_ASSIGN(auto systems, inventory::system_names(ctx.db, ctx.org()));
  json view = {{"values", form_values(ctx, m, from_request)},
               {"metrics", metric_options()},
               {"editing", m.has_value()},
               {"org_folder", organisation_folder(ctx.org())}};
  const std::string selected = view["values"].value("system_id", "");
  json options = json::array();
  for (const auto& [id, name] : systems) {
    options.push_back({{"id", id}, {"name", name}, {"selected", std::to_string(id) == selected}});
  }
  view["systems"] = options;
  if (m) {
    view["monitor"] = monitor_view(*m);
    view["scopes"] = rules::named_scopes(m->config);
  }
  if (error) {
    view["form_error"] = error->message;
    view["errors"] = {{form_field(error->field), error->message}};
  }
  return page(ctx, status, m ? "Edit " + m->name : "New monitor", "monitor_form.mustache", view);
}

Result<Response> new_page(Context& ctx) {
  return form_page(ctx, 200, std::nullopt, false, nullptr);
}

Result<Response> create_submit(Context& ctx) {
  MonitorInput input;
  input.system_id = std::strtoll(ctx.form_value("system_id").value_or("0").c_str(), nullptr, 10);
  input.name = ctx.form_value("name").value_or("");
  input.config_json = config_from_form(ctx).dump();
  input.thresholds_json = thresholds_from_form(ctx).dump();
  input.run_mode = ctx.form_value("run_mode").value_or("upload");
  if (auto hours = ctx.form_value("schedule_hours"); hours && !hours->empty())
    input.schedule_hours = whole_number(*hours);
  input.schedule_source = ctx.form_value("schedule_source").value_or("");
  input.human_review_on_breach = ctx.form_value("human_review_on_breach").has_value();
  auto m = create_monitor(ctx.db, ctx.org(), input, ctx.who().actor());
  if (!m) return form_page(ctx, http::status_for(m.error().code), std::nullopt, true, &m.error());
  return Response::redirect("/monitoring/monitors/" + std::to_string(m->id) + "?notice=created");
}

Result<Response> edit_page(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto m, get_monitor(ctx.db, ctx.org(), id));
  return form_page(ctx, 200, m, false, nullptr);
}

Result<Response> update_submit(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto current, get_monitor(ctx.db, ctx.org(), id));
  MonitorChanges changes;
  changes.name = ctx.form_value("name").value_or("");
  changes.config_json = config_from_form(ctx).dump();
  changes.thresholds_json = thresholds_from_form(ctx).dump();
  changes.run_mode = ctx.form_value("run_mode").value_or("upload");
  if (auto hours = ctx.form_value("schedule_hours"); hours && !hours->empty())
    changes.schedule_hours = whole_number(*hours);
  changes.schedule_source = ctx.form_value("schedule_source").value_or("");
  changes.human_review_on_breach = ctx.form_value("human_review_on_breach").has_value();
  changes.expected_version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto m = update_monitor(ctx.db, ctx.org(), id, changes, ctx.who().actor());
  if (!m) return form_page(ctx, http::status_for(m.error().code), current, true, &m.error());
  return Response::redirect("/monitoring/monitors/" + std::to_string(id) + "?notice=saved");
}

// What a monitor page and the AI system panel share: settings, charts, latest groups, runs.
Result<json> monitor_summary(const Context& ctx, const Monitor& m, int runs_shown) {
  TRY_ASSIGN(auto runs, list_runs(ctx.db, ctx.org(), m.id, runs_shown));
  std::optional<Run> latest;
  for (const auto& r : runs) {
    if (r.status != "completed") continue;
    TRY_ASSIGN(latest, get_run(ctx.db, ctx.org(), r.id));
    break;
  }
  TRY_ASSIGN(auto charts, charts_view(ctx.db, ctx.org(), m, latest));
  json run_rows = json::array();
  for (const auto& r : runs)
    run_rows.push_back(run_row(r));
  json view = {{"monitor", monitor_view(m)},
               {"charts", charts["charts"]},
               {"has_charts", !charts["charts"].empty()},
               {"quiet", charts["quiet"]},
               {"runs", run_rows}};
  if (latest) {
    view["latest"] = run_row(*latest);
    view["groups"] = groups_view(latest->result_json);
    view["has_groups"] = !view["groups"].empty();
  }
  return view;
}

std::string notice(const std::string& key) {
  static const std::map<std::string, std::string> text = {
      {"created",
       "Monitor created. Upload a reference log to measure drift, then a log to run it."},
      {"saved", "Changes saved."},
      {"reference", "Reference profile stored: drift is now measured against it."},
      {"archived", "Monitor archived; its runs stay as evidence."},
      {"restored", "Monitor restored."}};
  auto it = text.find(key);
  return it == text.end() ? "" : it->second;
}

Result<Response> monitor_page(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto m, get_monitor(ctx.db, ctx.org(), id));
  TRY_ASSIGN(auto summary, monitor_summary(ctx, m, 25));
  TRY_ASSIGN(auto system, records::get(ctx.db, inventory::ai_systems(), ctx.org(), m.system_id));
  json view = summary;
  view["system"] = {{"id", system.id}, {"name", system.text("name")}};
  view["notice"] = notice(ctx.query_value("notice").value_or(""));
  return page(ctx, 200, m.name, "monitor.mustache", view);
}

Result<Response> upload_submit(Context& ctx, bool reference, RunPool& runs) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(get_monitor(ctx.db, ctx.org(), id));  // another organisation's monitor is not found
  TRY_ASSIGN(UploadedLog log, uploaded_log(ctx));
  if (reference) {
    return reference_later(runs, ctx, id, std::move(log), [](const Monitor& m) {
      return Response::redirect("/monitoring/monitors/" + std::to_string(m.id) +
                                "?notice=reference");
    });
  }
  return run_later(runs, ctx, id, std::move(log), [](const Run& run) {
    return Response::redirect("/monitoring/runs/" + std::to_string(run.id));
  });
}

Result<Response> archive_submit(Context& ctx, bool archive) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY(archive_monitor(ctx.db, ctx.org(), id, archive, ctx.who().actor()));
  return Response::redirect("/monitoring/monitors/" + std::to_string(id) +
                            (archive ? "?notice=archived" : "?notice=restored"));
}

Result<Response> run_page(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto run, get_run(ctx.db, ctx.org(), id));
  TRY_ASSIGN(auto m, get_monitor(ctx.db, ctx.org(), run.monitor_id));
  json alerts = json::array();
  for (const auto& a : run.alerts)
    alerts.push_back(alert_row(a));
  json view = {{"run", run_row(run)},
               {"monitor", monitor_view(m)},
               {"input_sha256", run.input_sha256},
               {"input_bytes", run.input_bytes},
               {"reference_sha256", run.reference_sha256},
               {"actor", run.actor_label},
               {"alerts", alerts},
               {"incident_id", run.incident_id ? json(*run.incident_id) : json(nullptr)},
               {"groups", groups_view(run.result_json)},
               {"fairness", fairness_view(run.result_json)},
               {"drift", drift_view(run.result_json)},
               {"quality", quality_view(run.result_json)},
               {"performance", performance_view(run.result_json)}};
  for (const char* list : {"alerts", "groups", "fairness", "drift", "quality", "performance"}) {
    view[std::string("has_") + list] = !view[list].empty();
  }
  return page(ctx, 200, "Run #" + std::to_string(run.id) + " of " + m.name, "run.mustache", view);
}

Result<Response> alert_submit(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  TRY(set_alert_status(ctx.db, ctx.org(), id, ctx.form_value("status").value_or(""), version,
                       ctx.who().actor()));
  // Back to the page the form was on, but only to one of ours.
  const std::string back = ctx.form_value("back").value_or("/monitoring");
  return Response::redirect(back.starts_with("/") && !back.starts_with("//") ? back
                                                                             : "/monitoring");
}

Result<Response> oversight_submit(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  const bool required = ctx.form_value("required") == std::optional<std::string>("yes");
  TRY(set_oversight(ctx.db, ctx.org(), id, required,
                    std::string(trim(ctx.form_value("reason").value_or(""))), version,
                    ctx.who().actor()));
  return Response::redirect("/inventory/systems/" + std::to_string(id) + "?notice=oversight");
}

Result<Response> overview_page(Context& ctx) {
  TRY_ASSIGN(auto monitors, list_monitors(ctx.db, ctx.org(), std::nullopt));
  TRY_ASSIGN(auto systems, inventory::system_names(ctx.db, ctx.org()));
  std::map<int64_t, std::string> system_names(systems.begin(), systems.end());
  json rows = json::array();
  json review = json::array();
  std::set<int64_t> systems_seen;
  for (const auto& m : monitors) {
    if (m.archived_at) continue;
    TRY_ASSIGN(auto runs, list_runs(ctx.db, ctx.org(), m.id, 1));
    json row = {{"monitor", monitor_view(m)}, {"system", system_names[m.system_id]}};
    if (!runs.empty()) row["latest"] = run_row(runs.front());
    rows.push_back(row);
    if (systems_seen.insert(m.system_id).second) {
      TRY_ASSIGN(auto o, oversight(ctx.db, ctx.org(), m.system_id));
      if (o.human_review_required) {
        json v = oversight_view(o);
        v["system"] = system_names[m.system_id];
        review.push_back(v);
      }
    }
  }
  TRY_ASSIGN(auto alerts,
             list_alerts(ctx.db, ctx.org(), {std::nullopt, std::string("active"), 50}));
  json alert_rows = json::array();
  for (const auto& a : alerts) {
    json v = alert_row(a);
    v["system"] = system_names[a.system_id];
    alert_rows.push_back(v);
  }
  return page(ctx, 200, "Monitoring", "overview.mustache",
              {{"monitors", rows},
               {"alerts", alert_rows},
               {"review", review},
               {"has_review", !review.empty()},
               {"back", "/monitoring"}});
}

}  // namespace

Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(auto o, oversight(ctx.db, ctx.org(), system_id));
  TRY_ASSIGN(auto monitors, list_monitors(ctx.db, ctx.org(), system_id));
  json summaries = json::array();
  for (const auto& m : monitors) {
    if (m.archived_at) continue;
    TRY_ASSIGN(auto summary, monitor_summary(ctx, m, 5));
    summaries.push_back(summary);
  }
  TRY_ASSIGN(auto alerts, list_alerts(ctx.db, ctx.org(), {system_id, std::string("active"), 20}));
  json alert_rows = json::array();
  for (const auto& a : alerts)
    alert_rows.push_back(alert_row(a));
  json view = {{"oversight", oversight_view(o)},
               {"monitors", summaries},
               {"alerts", alert_rows},
               {"system_id", system_id},
               {"back", "/inventory/systems/" + std::to_string(system_id)},
               {"csrf", ctx.who().csrf_token},
               {"can",
                {{"manage_oversight", ctx.can(auth::Action::manage_oversight)},
                 {"edit_records", ctx.can(auth::Action::edit_records)},
                 {"run_monitoring", ctx.can(auth::Action::run_monitoring)}}}};
  return web::render("monitoring/templates/system_panel.mustache", view);
}

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(auto now, summary(ctx.db, ctx.org()));
  overview::Headline monitored{
      "Monitored systems", std::to_string(now.monitored_systems),
      now.systems_in_review > 0
          ? std::to_string(now.systems_in_review) + " under human review after a breach or by hand"
          : "none under human review",
      "/monitoring", now.systems_in_review > 0 ? "bad" : (now.monitored_systems > 0 ? "good" : "")};
  overview::Headline alerts{
      "Unresolved alerts", std::to_string(now.active_alerts),
      std::to_string(now.critical_alerts) + " critical", "/monitoring",
      now.critical_alerts > 0 ? "bad" : (now.active_alerts > 0 ? "warn" : "")};
  return std::vector<overview::Headline>{monitored, alerts};
}

void register_pages(http::Router& r, RunPool& runs) {
  using auth::Action;
  const http::BodyLimit log_upload{kMaxLogBytes, true};
  r.page("GET", "/monitoring", Action::read, overview_page);
  r.page("GET", "/monitoring/monitors/new", Action::edit_records, new_page);
  r.page("POST", "/monitoring/monitors", Action::edit_records, create_submit);
  r.page("GET", "/monitoring/monitors/{id}", Action::read, monitor_page);
  r.page("GET", "/monitoring/monitors/{id}/edit", Action::edit_records, edit_page);
  r.page("POST", "/monitoring/monitors/{id}", Action::edit_records, update_submit);
  r.page("POST", "/monitoring/monitors/{id}/archive", Action::archive_records,
         [](Context& c) { return archive_submit(c, true); });
  r.page("POST", "/monitoring/monitors/{id}/restore", Action::archive_records,
         [](Context& c) { return archive_submit(c, false); });
  r.page(
      "POST", "/monitoring/monitors/{id}/reference", Action::run_monitoring,
      [&runs](Context& c) { return upload_submit(c, true, runs); }, log_upload);
  r.page(
      "POST", "/monitoring/monitors/{id}/runs", Action::run_monitoring,
      [&runs](Context& c) { return upload_submit(c, false, runs); }, log_upload);
  r.page("GET", "/monitoring/runs/{id}", Action::read, run_page);
  r.page("POST", "/monitoring/alerts/{id}", Action::run_monitoring, alert_submit);
  r.page("POST", "/monitoring/systems/{id}/oversight", Action::manage_oversight, oversight_submit);
}

}  // namespace aims::monitoring
