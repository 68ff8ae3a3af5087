// JSON routes: monitors, log uploads (reference and runs), runs, trends, alerts and oversight.
#include <charconv>

#include "http/json_io.h"
#include "monitoring/json.h"
#include "monitoring/routes_internal.h"

namespace aims::monitoring {
namespace {

using http::Context;
using http::Response;

std::optional<int64_t> int_param(const Context& ctx, const std::string& name) {
  auto text = ctx.query_value(name);
  int64_t value = 0;
  if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc())
    return std::nullopt;
  return value;
}

Result<Response> list_monitors_api(Context& ctx) {
  TRY_ASSIGN(auto monitors, list_monitors(ctx.db, ctx.org(), int_param(ctx, "system_id")));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : monitors)
    items.push_back(to_json(m));
  return http::json_list(items, std::nullopt);
}

Result<Response> create_monitor_api(Context& ctx) {
  TRY_ASSIGN(auto in, http::read_json(ctx));
  MonitorInput input;
  input.system_id = in.required_int("system_id", 1, INT64_MAX);
  input.name = in.required_string("name", 200);
  input.config_json = in.optional_object_text("config").value_or("");
  if (input.config_json.empty())
    in.reject("config", "config is required: the log columns and the task");
  input.thresholds_json = in.optional_array_text("thresholds");
  input.run_mode = in.optional_string("run_mode", 20).value_or("upload");
  input.schedule_hours = in.optional_int("schedule_hours", 1, 24 * 366);
  input.schedule_source = in.optional_string("schedule_source", 500).value_or("");
  input.human_review_on_breach = in.optional_bool("human_review_on_breach").value_or(false);
  TRY(in.finish());
  TRY_ASSIGN(auto m, create_monitor(ctx.db, ctx.org(), input, ctx.who().actor()));
  Response r = http::json_record(201, to_json(m), m.version);
  r.with_header("Location", "/api/v1/monitors/" + std::to_string(m.id));
  return r;
}

Result<Response> get_monitor_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto m, get_monitor(ctx.db, ctx.org(), id));
  return http::json_record(200, to_json(m), m.version);
}

Result<Response> update_monitor_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  MonitorChanges changes;
  changes.name = in.optional_string("name", 200);
  changes.config_json = in.optional_object_text("config");
  changes.thresholds_json = in.optional_array_text("thresholds");
  changes.run_mode = in.optional_string("run_mode", 20);
  changes.schedule_hours = in.optional_int("schedule_hours", 1, 24 * 366);
  changes.schedule_source = in.optional_string("schedule_source", 500);
  changes.human_review_on_breach = in.optional_bool("human_review_on_breach");
  changes.expected_version = version;
  TRY(in.finish());
  TRY_ASSIGN(auto m, update_monitor(ctx.db, ctx.org(), id, changes, ctx.who().actor()));
  return http::json_record(200, to_json(m), m.version);
}

Result<Response> archive_monitor_api(Context& ctx, bool archive) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto m, archive_monitor(ctx.db, ctx.org(), id, archive, ctx.who().actor()));
  return http::json_record(200, to_json(m), m.version);
}

Result<Response> reference_api(Context& ctx, RunPool& runs) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(UploadedLog log, uploaded_log(ctx));
  return reference_later(runs, ctx, id, std::move(log), [](const Monitor& m) {
    return http::json_record(200, to_json(m), m.version);
  });
}

Result<Response> run_api(Context& ctx, RunPool& runs) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(UploadedLog log, uploaded_log(ctx));
  return run_later(runs, ctx, id, std::move(log), [](const Run& run) {
    Response r = http::json_response(201, to_json(run, true));
    r.with_header("Location", "/api/v1/monitor-runs/" + std::to_string(run.id));
    return r;
  });
}

Result<Response> list_runs_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY(get_monitor(ctx.db, ctx.org(), id));
  const int64_t limit = int_param(ctx, "limit").value_or(50);
  if (limit < 1 || limit > 500) return Error::invalid("limit", "limit must be from 1 to 500");
  TRY_ASSIGN(auto runs, list_runs(ctx.db, ctx.org(), id, static_cast<int>(limit)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : runs)
    items.push_back(to_json(r, false));
  return http::json_list(items, std::nullopt);
}

Result<Response> get_run_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto run, get_run(ctx.db, ctx.org(), id));
  return http::json_response(200, to_json(run, true));
}

Result<Response> trend_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY(get_monitor(ctx.db, ctx.org(), id));
  const std::string metric = ctx.query_value("metric").value_or("");
  if (metric.empty())
    return Error::invalid("metric", "name the metric, e.g. metric=fairness.disparate_impact");
  const std::string scope = ctx.query_value("scope").value_or("overall");
  const int64_t limit = int_param(ctx, "limit").value_or(100);
  if (limit < 1 || limit > 1000) return Error::invalid("limit", "limit must be from 1 to 1000");
  TRY_ASSIGN(auto points, trend(ctx.db, ctx.org(), id, metric, scope, static_cast<int>(limit)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : points) {
    items.push_back(
        {{"at", p.at}, {"value", p.value ? nlohmann::json(*p.value) : nlohmann::json(nullptr)}});
  }
  return http::json_response(200, {{"metric", metric}, {"scope", scope}, {"points", items}});
}

Result<Response> list_alerts_api(Context& ctx) {
  AlertQuery q;
  q.system_id = int_param(ctx, "system_id");
  if (auto status = ctx.query_value("status"); status && !status->empty()) q.status = *status;
  TRY_ASSIGN(auto alerts, list_alerts(ctx.db, ctx.org(), q));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : alerts)
    items.push_back(to_json(a));
  return http::json_list(items, std::nullopt);
}

Result<Response> update_alert_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const std::string status = in.required_string("status", 20);
  TRY(in.finish());
  TRY_ASSIGN(auto alert,
             set_alert_status(ctx.db, ctx.org(), id, status, version, ctx.who().actor()));
  return http::json_record(200, to_json(alert), alert.version);
}

Result<Response> oversight_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto o, oversight(ctx.db, ctx.org(), id));
  return http::json_record(200, to_json(o), o.version);
}

Result<Response> set_oversight_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const auto required = in.optional_bool("human_review_required");
  // Absent or null: a switch must be given (finish() reports a wrong type first).
  if (!required) in.reject("human_review_required", "human_review_required is required");
  const std::string reason = in.required_string("reason", 2000);
  TRY(in.finish());
  TRY_ASSIGN(auto o,
             set_oversight(ctx.db, ctx.org(), id, *required, reason, version, ctx.who().actor()));
  return http::json_record(200, to_json(o), o.version);
}

}  // namespace

void register_api(http::Router& r, RunPool& runs) {
  using auth::Action;
  const http::BodyLimit log_upload{kMaxLogBytes, true};
  r.api("GET", "/api/v1/monitors", Action::read, list_monitors_api);
  r.api("POST", "/api/v1/monitors", Action::edit_records, create_monitor_api);
  r.api("GET", "/api/v1/monitors/{id}", Action::read, get_monitor_api);
  r.api("PATCH", "/api/v1/monitors/{id}", Action::edit_records, update_monitor_api);
  r.api("POST", "/api/v1/monitors/{id}/archive", Action::archive_records,
        [](Context& c) { return archive_monitor_api(c, true); });
  r.api("POST", "/api/v1/monitors/{id}/restore", Action::archive_records,
        [](Context& c) { return archive_monitor_api(c, false); });
  r.api(
      "POST", "/api/v1/monitors/{id}/reference", Action::run_monitoring,
      [&runs](Context& c) { return reference_api(c, runs); }, log_upload);
  r.api(
      "POST", "/api/v1/monitors/{id}/runs", Action::run_monitoring,
      [&runs](Context& c) { return run_api(c, runs); }, log_upload);
  r.api("GET", "/api/v1/monitors/{id}/runs", Action::read, list_runs_api);
  r.api("GET", "/api/v1/monitors/{id}/trend", Action::read, trend_api);
  r.api("GET", "/api/v1/monitor-runs/{id}", Action::read, get_run_api);
  r.api("GET", "/api/v1/alerts", Action::read, list_alerts_api);
  r.api("PATCH", "/api/v1/alerts/{id}", Action::run_monitoring, update_alert_api);
  r.api("GET", "/api/v1/ai-systems/{id}/oversight", Action::read, oversight_api);
  r.api("PUT", "/api/v1/ai-systems/{id}/oversight", Action::manage_oversight, set_oversight_api);
}

Result<UploadedLog> uploaded_log(const Context& ctx) {
  UploadedLog log;
  log.name = ctx.query_value("name").value_or("upload");
  if (const auto* part = ctx.upload("log")) {
    log.input = LogInput::file(part->file->path());
    log.file = part->file;
    log.name = part->filename.empty() ? "upload" : part->filename;
    return log;
  }
  if (ctx.request.media_type() == "multipart/form-data") {
    return Error::malformed("the form has no 'log' file", "log");
  }
  if (!ctx.request.body_file) return Error::malformed("send the log as the request body", "log");
  log.input = LogInput::file(ctx.request.body_file->path());
  log.file = ctx.request.body_file;
  return log;
}

namespace {

// Answers with what `work` returns once it has run on `runs`.
Response on_pool(RunPool& runs, int64_t org,
                 std::function<Result<Response>(const RunOptions&)> work) {
  return Response::later([&runs, org, work = std::move(work)](http::Finish finish) {
    const Status queued =
        runs.submit(org, [work, finish](const RunOptions& options) { finish(work(options)); });
    if (!queued) finish(queued.error());
  });
}

}  // namespace

Response run_later(RunPool& runs, const Context& ctx, int64_t monitor_id, UploadedLog log,
                   std::function<Response(const Run&)> answer) {
  return on_pool(
      runs, ctx.org(),
      [&db = ctx.db, org = ctx.org(), actor = ctx.who().actor(), monitor_id, log = std::move(log),
       answer = std::move(answer)](const RunOptions& options) -> Result<Response> {
        RunRequest request;
        request.monitor_id = monitor_id;
        request.log = log.input;
        request.input_name = log.name;
        request.options = options;
        TRY_ASSIGN(const Run run, run_monitor(db, org, request, actor));
        return answer(run);
      });
}

Response reference_later(RunPool& runs, const Context& ctx, int64_t monitor_id, UploadedLog log,
                         std::function<Response(const Monitor&)> answer) {
  return on_pool(
      runs, ctx.org(),
      [&db = ctx.db, org = ctx.org(), actor = ctx.who().actor(), monitor_id, log = std::move(log),
       answer = std::move(answer)](const RunOptions& options) -> Result<Response> {
        TRY_ASSIGN(const Monitor m, set_reference(db, org, monitor_id, log.input, options, actor));
        return answer(m);
      });
}

}  // namespace aims::monitoring
