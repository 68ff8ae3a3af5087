#include "data_quality/routes.h"

#include <map>

#include "data_quality/data_quality.h"
#include "data_quality/views.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "http/upload_store.h"
#include "records/routes/routes.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::data_quality {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

// A dataset file of a few million rows; larger ones are sampled before they are checked.
constexpr size_t kMaxFileBytes = size_t{1} << 30;
// The run happens while the request waits, so it has a time limit.
constexpr std::chrono::seconds kRunTimeLimit{600};

const records::Description& datasets() {
  return *records::find("dataset");
}

using records::caller_of;

std::string dataset_quality_href(int64_t id) {
  return "/data/datasets/" + std::to_string(id) + "/quality";
}

struct Upload {
  monitoring::LogInput input;
  std::string name;
};

// The file as a form's 'file' part, or as the raw request body (gzip found by its magic bytes).
Result<Upload> uploaded_file(const Context& ctx) {
  if (const auto* part = ctx.upload("file"); part && part->file) {
    return Upload{monitoring::LogInput::file(part->file->path(), part->filename),
                  part->filename.empty() ? std::string("upload") : part->filename};
  }
  if (ctx.request.media_type() == "multipart/form-data")
    return Error::malformed("choose the dataset file to check", "file");
  if (!ctx.request.body_file) return Error::malformed("send the dataset file as the body", "file");
  const std::string name = ctx.query_value("name").value_or("upload");
  return Upload{monitoring::LogInput::file(ctx.request.body_file->path(), name), name};
}

monitoring::RunOptions run_options(const Context& ctx) {
  monitoring::RunOptions options;
  options.time_limit = kRunTimeLimit;
  const std::string type = ctx.request.media_type();
  if (type == "text/csv") options.format = monitoring::LogFormat::csv;
  if (type == "application/x-ndjson" || type == "application/jsonl")
    options.format = monitoring::LogFormat::jsonl;
  return options;
}

Result<StoredRun> run_upload(Context& ctx, int64_t dataset_id) {
  TRY(records::get(ctx.db, datasets(), ctx.org(), dataset_id));
  TRY_ASSIGN(const Upload upload, uploaded_file(ctx));
  return run_quality(ctx.db, ctx.org(), dataset_id, upload.input, upload.name, caller_of(ctx),
                     run_options(ctx));
}

Result<Response> run_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const StoredRun run, run_upload(ctx, id));
  return http::json_response(201, run_json(run));
}

Result<Response> runs_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, datasets(), ctx.org(), id));
  TRY_ASSIGN(const auto runs, runs_of(ctx.db, ctx.org(), id, 100));
  json items = json::array();
  for (const auto& run : runs)
    items.push_back(run_json(run));
  return http::json_list(items, std::nullopt);
}

// The under-representation flags of a dataset, a model or an AI system, as their pages show them.
using ShortfallsOf = Result<std::vector<Shortfall>> (*)(store::Database&, int64_t, int64_t);

Result<Response> shortfalls_response(Context& ctx, ShortfallsOf of) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto found, of(ctx.db, ctx.org(), id));
  json items = json::array();
  for (const auto& s : found)
    items.push_back({{"dataset_id", s.dataset_id},
                     {"dataset", s.dataset},
                     {"run_id", s.run_id},
                     {"finding", s.text}});
  return http::json_list(items, std::nullopt);
}

Result<Response> dataset_shortfalls_api(Context& ctx) {
  return shortfalls_response(ctx, shortfalls_of_dataset);
}

Result<Response> model_shortfalls_api(Context& ctx) {
  return shortfalls_response(ctx, shortfalls_of_model);
}

Result<Response> system_shortfalls_api(Context& ctx) {
  return shortfalls_response(ctx, shortfalls_of_system);
}

Result<Response> get_run_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const StoredRun run, get_run(ctx.db, ctx.org(), id));
  return http::json_response(200, run_json(run));
}

Result<std::string> dataset_name(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto dataset, records::get(ctx.db, datasets(), ctx.org(), id));
  return datasets().display_name(dataset);
}

Result<Response> run_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const StoredRun run, get_run(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const std::string name, dataset_name(ctx, run.dataset_id));
  return web::page(ctx, 200, {"Data-quality run of " + name, "data-quality-runs"},
                   "data_quality/templates/run.mustache", run_view(run, name));
}

Result<Response> runs_page(Context& ctx) {
  TRY_ASSIGN(const auto runs, recent_runs(ctx.db, ctx.org()));
  TRY_ASSIGN(const auto names, records::all_names(ctx.db, datasets(), ctx.org()));
  std::map<int64_t, std::string> by_id;
  for (const auto& n : names)
    by_id[n.id] = n.name;
  json rows = json::array();
  for (const auto& run : runs)
    rows.push_back(run_view(run, by_id[run.dataset_id]));
  return web::page(ctx, 200, {"Data-quality runs", "data-quality-runs"},
                   "data_quality/templates/runs.mustache", {{"runs", rows}});
}

json requirement_row(const records::Record& r) {
  const auto& d = requirements();
  return {{"id", r.id},
          {"name", r.text("name")},
          {"kind", d.choice_label("kind", r.text("kind"))},
          {"outcome", d.choice_label("last_outcome", r.text("last_outcome"))},
          {"met", r.text("last_outcome") == "pass"},
          {"not_met", r.text("last_outcome") == "fail"},
          {"next_check_due", r.text("next_check_due")}};
}

Result<Response> quality_page_with(Context& ctx, int status, const Error* error) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const std::string name, dataset_name(ctx, id));
  TRY_ASSIGN(const auto reqs, records::list_all(ctx.db, requirements(), ctx.org(),
                                                {.filters = {{"dataset_id", std::to_string(id)}}}));
  TRY_ASSIGN(const auto runs, runs_of(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto shortfalls, shortfalls_of_dataset(ctx.db, ctx.org(), id));
  json req_rows = json::array();
  for (const auto& r : reqs)
    req_rows.push_back(requirement_row(r));
  json run_rows = json::array();
  for (const auto& run : runs)
    run_rows.push_back(run_view(run, name));
  json view = {
      {"dataset", {{"id", id}, {"name", name}}},   {"requirements", req_rows},
      {"has_requirements", !reqs.empty()},         {"runs", run_rows},
      {"shortfalls", shortfalls_view(shortfalls)}, {"form_error", error ? error->message : ""}};
  return web::page(ctx, status, {"Data quality of " + name, "data-quality-runs"},
                   "data_quality/templates/dataset_quality.mustache", view);
}

Result<Response> quality_page(Context& ctx) {
  return quality_page_with(ctx, 200, nullptr);
}

Result<Response> quality_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  auto run = run_upload(ctx, id);
  if (!run) {
    if (run.error().code == ErrorCode::not_found) return run.error();
    return quality_page_with(ctx, http::status_for(run.error().code), &run.error());
  }
  return Response::redirect("/data/quality-runs/" + std::to_string(run->id));
}

Result<std::vector<records::WorkItem>> under_represented_work(const Context& ctx) {
  std::vector<records::WorkItem> items;
  TRY_ASSIGN(const auto stewarded,
             records::list_all(ctx.db, datasets(), ctx.org(),
                               {.filters = {{"steward_id", std::to_string(ctx.who().user_id)}}}));
  for (const auto& dataset : stewarded) {
    TRY_ASSIGN(const auto shortfalls, shortfalls_of_dataset(ctx.db, ctx.org(), dataset.id));
    for (const auto& s : shortfalls)
      items.push_back(records::WorkItem{.name = s.dataset,
                                        .href = "/data/quality-runs/" + std::to_string(s.run_id),
                                        .note = s.text});
  }
  return items;
}

Result<std::string> flags_panel(const std::vector<Shortfall>& shortfalls, const char* subject) {
  if (shortfalls.empty()) return std::string();
  return web::render("data_quality/templates/flags_panel.mustache",
                     {{"shortfalls", shortfalls_view(shortfalls)}, {"subject", subject}});
}

}  // namespace

Result<std::string> dataset_panel(const Context& ctx, int64_t dataset_id) {
  TRY_ASSIGN(const auto run, latest_run(ctx.db, ctx.org(), dataset_id));
  TRY_ASSIGN(const auto shortfalls, shortfalls_of_dataset(ctx.db, ctx.org(), dataset_id));
  json view = {{"dataset_id", dataset_id},
               {"href", dataset_quality_href(dataset_id)},
               {"shortfalls", shortfalls_view(shortfalls)}};
  if (run) {
    TRY_ASSIGN(const std::string name, dataset_name(ctx, dataset_id));
    view["latest"] = run_view(*run, name);
  }
  return web::render("data_quality/templates/dataset_panel.mustache", view);
}

Result<std::string> model_panel(const Context& ctx, int64_t model_id) {
  TRY_ASSIGN(const auto shortfalls, shortfalls_of_model(ctx.db, ctx.org(), model_id));
  return flags_panel(shortfalls, "model");
}

Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto shortfalls, shortfalls_of_system(ctx.db, ctx.org(), system_id));
  return flags_panel(shortfalls, "AI system");
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, requirements());
  records::add_work_section({"under_represented", "Datasets that under-represent a group",
                             "None of your datasets under-represents a group.",
                             under_represented_work});
  web::add_nav_entry(
      {"Data", 12, "data-quality-runs", "Data-quality runs", "/data/quality-runs", 50});
  using auth::Action;
  const http::BodyLimit upload{kMaxFileBytes, true};
  router.api("POST", "/api/v1/datasets/{id}/quality-runs", Action::edit_records, run_api, upload);
  router.api("GET", "/api/v1/datasets/{id}/quality-runs", Action::read, runs_api);
  router.api("GET", "/api/v1/data-quality-runs/{id}", Action::read, get_run_api);
  router.api("GET", "/api/v1/datasets/{id}/under-representation", Action::read,
             dataset_shortfalls_api);
  router.api("GET", "/api/v1/models/{id}/under-representation", Action::read, model_shortfalls_api);
  router.api("GET", "/api/v1/ai-systems/{id}/under-representation", Action::read,
             system_shortfalls_api);
  router.page("GET", "/data/quality-runs", Action::read, runs_page);
  router.page("GET", "/data/quality-runs/{id}", Action::read, run_page);
  router.page("GET", "/data/datasets/{id}/quality", Action::read, quality_page);
  router.page("POST", "/data/datasets/{id}/quality", Action::edit_records, quality_submit, upload);
}

}  // namespace aims::data_quality
