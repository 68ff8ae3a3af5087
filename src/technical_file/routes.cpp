// The technical file's pages and API: the live draft assembled now, and a file record's printable
// page that shows the frozen file once approved and the draft assembled now before.
#include "technical_file/routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "records/routes/routes.h"
#include "technical_file/technical_file.h"
#include "web/markdown.h"
#include "web/web.h"

namespace aims::technical_file {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Result<std::optional<int64_t>> model_parameter(const Context& ctx) {
  const auto text = ctx.query_value("model_id");
  if (!text || text->empty()) return std::optional<int64_t>();
  char* end = nullptr;
  const long long id = std::strtoll(text->c_str(), &end, 10);
  if (*end != '\0' || id <= 0) return Error::invalid("model_id", "model_id must be a record id");
  return std::optional<int64_t>(id);
}

Result<Response> live_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto model, model_parameter(ctx));
  TRY_ASSIGN(const auto file, live_file(ctx.db, ctx.org(), id, model));
  return http::json_response(200, to_json(file));
}

json incomplete_view(const std::vector<std::string>& titles) {
  json out = json::array();
  for (const auto& t : titles)
    out.push_back(t);
  return out;
}

Response print_view(const Context& ctx, const std::string& title, json view,
                    const std::string& markdown) {
  view["organisation"] = ctx.who().org_name;
  view["html"] = web::markdown_html(markdown);
  return web::page(ctx, 200, {title, "technical-files"}, "technical_file/templates/print.mustache",
                   view);
}

Result<Response> live_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto model, model_parameter(ctx));
  TRY_ASSIGN(const auto file, live_file(ctx.db, ctx.org(), id, model));
  const auto incomplete = incomplete_titles(file);
  return print_view(ctx, "Technical file of " + file.system_name,
                    {{"title", "Technical file of " + file.system_name},
                     {"status", "draft assembled now, not approved"},
                     {"back", "/inventory/systems/" + std::to_string(id)},
                     {"back_label", "Back to the AI system"},
                     {"incomplete", incomplete_view(incomplete)},
                     {"has_incomplete", !incomplete.empty()}},
                    to_markdown(file));
}

std::vector<std::string> split_titles(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(", ", start);
    if (end == std::string::npos) end = joined.size();
    out.push_back(joined.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

// An approved file prints as frozen; a draft as it would be approved now.
Result<Response> record_print_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  const auto& d = technical_files();
  TRY_ASSIGN(const auto record, records::get(ctx.db, d, ctx.org(), id));
  json view = {{"title", d.display_name(record)},
               {"back", std::string(d.page_path) + "/" + std::to_string(id)},
               {"back_label", "Back to the technical file"}};
  if (record.frozen > 0 && record.state != "draft") {
    TRY_ASSIGN(const auto v, records::version(ctx.db, d, ctx.org(), id, record.frozen));
    const auto incomplete = split_titles(v.snapshot.text("incomplete_sections"));
    view["status"] = "version " + std::to_string(v.number) + ", approved " +
                     minute_text(v.frozen_at) + " by " + v.frozen_by +
                     (record.state == "superseded" ? " (superseded)" : "");
    view["incomplete"] = incomplete_view(incomplete);
    view["has_incomplete"] = !incomplete.empty();
    return print_view(ctx, d.display_name(record), view, v.snapshot.text("content"));
  }
  const auto systems = record.ids("ai_system_id");
  const auto models = record.ids("model_id");
  TRY_ASSIGN(const auto file, ctx.db.read([&](store::Tx& tx) {
    return assemble(tx, ctx.org(), systems.empty() ? 0 : systems.front(),
                    models.empty() ? std::optional<int64_t>() : models.front(),
                    {record.text("design_choices"), record.text("monitoring_plan")},
                    now_timestamp());
  }));
  const auto incomplete = incomplete_titles(file);
  view["status"] = "draft assembled now, not approved";
  view["incomplete"] = incomplete_view(incomplete);
  view["has_incomplete"] = !incomplete.empty();
  return print_view(ctx, d.display_name(record), view, to_markdown(file));
}

Result<std::string> record_panel(const Context&, int64_t id) {
  return web::render("technical_file/templates/record_panel.mustache", {{"id", id}});
}

}  // namespace

Result<std::string> system_panel(const http::Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto file, live_file(ctx.db, ctx.org(), system_id));
  TRY_ASSIGN(const auto status, current_file_status(ctx.db, ctx.org(), system_id));
  const auto incomplete = incomplete_titles(file);
  json view = {{"system_id", system_id},
               {"complete", file.sections.size() - incomplete.size()},
               {"total", file.sections.size()},
               {"incomplete", incomplete_view(incomplete)},
               {"has_incomplete", !incomplete.empty()},
               {"current", status.current},
               {"reason", status.reason}};
  if (status.file_id) view["file_id"] = *status.file_id;
  return web::render("technical_file/templates/system_panel.mustache", view);
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, technical_files(), {.panels = {record_panel}});
  using auth::Action;
  router.api("GET", "/api/v1/ai-systems/{id}/technical-file", Action::read, live_api);
  router.page("GET", "/inventory/systems/{id}/technical-file", Action::read, live_page);
  router.page("GET", "/lifecycle/technical-files/{id}/print", Action::read, record_print_page);
}

}  // namespace aims::technical_file
