#include "lifecycle/routes.h"

#include <chrono>
#include <cstdio>

#include "base/time.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "http/upload_store.h"
#include "inventory/inventory.h"
#include "lifecycle/change_routes.h"
#include "lifecycle/gate_routes.h"
#include "lifecycle/lifecycle.h"
#include "lifecycle/measure.h"
#include "lifecycle/policy_routes.h"
#include "lifecycle/stage_routes.h"
#include "lifecycle/uploads.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::lifecycle {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string must_be(const json& c) {
  const bool at_least = c.value("comparison", "at_least") == "at_least";
  return std::string(at_least ? "at least " : "at most ") + number_text(c.value("threshold", 0.0));
}

// The logs as the form's parts 'log' and 'perturbed', or the log alone as the raw body.
Result<ValidationLogs> uploaded_logs(const Context& ctx) {
  if (auto logs = logs_from_parts(ctx, "log", "perturbed")) return std::move(*logs);
  if (ctx.request.media_type() == "multipart/form-data")
    return Error::malformed("choose the validation log", "log");
  if (!ctx.request.body_file) return Error::malformed("send the validation log as the body", "log");
  ValidationLogs logs;
  logs.options.time_limit = kRunTimeLimit;
  logs.log_name = ctx.query_value("name").value_or("validation log");
  logs.log = monitoring::LogInput::file(ctx.request.body_file->path(), logs.log_name);
  return logs;
}

Result<ValidationRun> run_upload(Context& ctx, int64_t id) {
  TRY(records::get(ctx.db, validations(), ctx.org(), id));
  TRY_ASSIGN(const ValidationLogs logs, uploaded_logs(ctx));
  return run_validation(ctx.db, ctx.org(), id, logs, caller_of(ctx));
}

int failed_count(const json& criteria) {
  int failed = 0;
  for (const auto& c : criteria)
    if (!c.value("pass", false)) ++failed;
  return failed;
}

json robustness_view(const json& report) {
  if (!report.is_object()) return nullptr;
  const auto metric = [](const json& m) {
    return m.contains("value") && m["value"].is_number() ? number_text(m["value"].get<double>())
                                                         : std::string("undefined");
  };
  const auto row = [&](const std::string& scope, const json& t) {
    return json{{"scope", scope},
                {"pairs", t.value("pairs", 0)},
                {"flip_rate", metric(t.value("flip_rate", json::object()))},
                {"max_change", metric(t.value("max_score_change", json::object()))}};
  };
  json rows = json::array({row("overall", report.value("overall", json::object()))});
  for (const auto& g : report.value("groups", json::array()))
    rows.push_back(row(g.value("attribute", "") + " = " + g.value("group", ""), g));
  return {{"pairs", report["overall"].value("pairs", 0)},
          {"unmatched_original", report.value("unmatched_original", 0)},
          {"unmatched_perturbed", report.value("unmatched_perturbed", 0)},
          {"rows", rows}};
}

json run_view(const ValidationRun& run) {
  json criteria = json::array();
  for (const auto& c : run.criteria) {
    json row = c;
    row["must_be"] = must_be(c);
    row["measured"] = c.contains("measured") && c["measured"].is_number()
                          ? number_text(c["measured"].get<double>())
                          : std::string("not measured");
    row["scope"] = c.value("scope", "").empty() ? "every scope" : c.value("scope", "");
    criteria.push_back(std::move(row));
  }
  return {{"id", run.id},
          {"when", minute_text(run.finished_at)},
          {"rows", run.rows},
          {"log_name", run.log_name},
          {"log_sha256", run.log_sha256},
          {"perturbed_name", run.perturbed_name},
          {"perturbed_sha256", run.perturbed_sha256},
          {"pass", run.pass},
          {"failed", failed_count(run.criteria)},
          {"total", run.criteria.size()},
          {"criteria", criteria},
          {"robustness", robustness_view(run.robustness)},
          {"run_by", run.run_by_name.empty() ? std::string("the command line") : run.run_by_name}};
}

Result<json> validation_view(const Context& ctx, const records::Record& v) {
  TRY_ASSIGN(const auto names, records::referenced_names(ctx.db, validations(), ctx.org(), {v},
                                                         {"ai_system_id", "model_id"}));
  const auto name_of = [&](const char* type, const char* key) {
    const auto ids = v.ids(key);
    if (ids.empty()) return std::string();
    const auto by_type = names.find(type);
    if (by_type == names.end()) return std::string();
    const auto found = by_type->second.find(ids.front());
    return found == by_type->second.end() ? std::string() : found->second.name;
  };
  const auto systems = v.ids("ai_system_id");
  return json{{"id", v.id},
              {"name", validations().display_name(v)},
              {"system", name_of("ai_system", "ai_system_id")},
              {"system_id", systems.empty() ? 0 : systems.front()},
              {"model", name_of("model", "model_id")}};
}

Result<Response> runs_page_with(Context& ctx, int status, const Error* error) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto v, records::get(ctx.db, validations(), ctx.org(), id));
  TRY_ASSIGN(json validation, validation_view(ctx, v));
  TRY_ASSIGN(const auto criteria, agreed_criteria(ctx.db, ctx.org(), v));
  json criteria_rows = json::array();
  for (const auto& c : criteria) {
    const json as_json = {{"comparison", c.at_least ? "at_least" : "at_most"},
                          {"threshold", c.threshold}};
    criteria_rows.push_back({{"requirement_id", c.requirement_id},
                             {"name", c.name},
                             {"metric", c.metric},
                             {"scope", c.scope.empty() ? "every scope" : c.scope},
                             {"must_be", must_be(as_json)}});
  }
  TRY_ASSIGN(const auto runs, runs_of(ctx.db, ctx.org(), id));
  json run_rows = json::array();
  for (const auto& run : runs)
    run_rows.push_back(run_view(run));
  json view = {{"validation", validation},
               {"criteria", criteria_rows},
               {"runs", run_rows},
               {"is_draft", v.state == "draft" && !v.archived_at},
               {"form_error", error ? error->message : ""}};
  return web::page(ctx, status, {"Runs of " + validations().display_name(v), "validations"},
                   "lifecycle/templates/validation_runs.mustache", view);
}

Result<Response> runs_page(Context& ctx) {
  return runs_page_with(ctx, 200, nullptr);
}

Result<Response> runs_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  auto run = run_upload(ctx, id);
  if (!run) {
    if (run.error().code == ErrorCode::not_found) return run.error();
    return runs_page_with(ctx, http::status_for(run.error().code), &run.error());
  }
  return Response::redirect("/lifecycle/validation-runs/" + std::to_string(run->id));
}

Result<Response> run_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto run, get_run(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto v, records::get(ctx.db, validations(), ctx.org(), run.validation_id));
  json view = run_view(run);
  TRY_ASSIGN(view["validation"], validation_view(ctx, v));
  return web::page(ctx, 200, {"Validation run of " + validations().display_name(v), "validations"},
                   "lifecycle/templates/validation_run.mustache", view);
}

Result<Response> run_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto run, run_upload(ctx, id));
  return http::json_response(201, to_json(run));
}

Result<Response> runs_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, validations(), ctx.org(), id));
  TRY_ASSIGN(const auto runs, runs_of(ctx.db, ctx.org(), id, 100));
  json items = json::array();
  for (const auto& run : runs)
    items.push_back(to_json(run));
  return http::json_list(items, std::nullopt);
}

Result<Response> get_run_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto run, get_run(ctx.db, ctx.org(), id));
  return http::json_response(200, to_json(run));
}

Result<std::string> validation_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto runs, runs_of(ctx.db, ctx.org(), id, 1));
  json view = {{"validation_id", id}};
  if (!runs.empty()) view["latest"] = run_view(runs.front());
  return web::render("lifecycle/templates/validation_panel.mustache", view);
}

}  // namespace

std::optional<ValidationLogs> logs_from_parts(const http::Context& ctx, const char* log_part,
                                              const char* perturbed_part) {
  const auto* log = ctx.upload(log_part);
  if (!log || !log->file) return std::nullopt;
  ValidationLogs logs;
  logs.options.time_limit = kRunTimeLimit;
  logs.log_name = log->filename.empty() ? "validation log" : log->filename;
  logs.log = monitoring::LogInput::file(log->file->path(), logs.log_name);
  if (const auto* pair = ctx.upload(perturbed_part);
      pair && pair->file && !pair->filename.empty()) {
    logs.perturbed_name = pair->filename;
    logs.perturbed = monitoring::LogInput::file(pair->file->path(), logs.perturbed_name);
  }
  return logs;
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, requirements());
  records::register_routes(router, validations(), {.panels = {validation_panel}});
  using auth::Action;
  const http::BodyLimit upload{kMaxUploadBytes, true};
  router.api("POST", "/api/v1/validations/{id}/runs", Action::edit_records, run_api, upload);
  router.api("GET", "/api/v1/validations/{id}/runs", Action::read, runs_api);
  router.api("GET", "/api/v1/validation-runs/{id}", Action::read, get_run_api);
  router.page("GET", "/lifecycle/validations/{id}/runs", Action::read, runs_page);
  router.page("POST", "/lifecycle/validations/{id}/runs", Action::edit_records, runs_submit,
              upload);
  router.page("GET", "/lifecycle/validation-runs/{id}", Action::read, run_page);
  register_gate_routes(router);
  register_stage_routes(router);
  register_change_routes(router);
  register_policy_routes(router);
}

}  // namespace aims::lifecycle
