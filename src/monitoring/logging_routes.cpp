// The logging requirements' pages and API from the records platform, with the stale-log flag on
// the requirement's page, on its AI system's page and on its owner's My work.
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "monitoring/monitoring.h"
#include "monitoring/routes.h"
#include "monitoring/routes_internal.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::monitoring {
namespace {

using nlohmann::json;
using records::Record;

std::string page_of(const Record& r) {
  return std::string(logging_requirements().page_path) + "/" + std::to_string(r.id);
}

Result<json> check_json(const http::Context& ctx, const Record& r) {
  TRY_ASSIGN(const LogCheck check, check_logs(ctx.db, ctx.org(), r, now_micros()));
  return json{{"title", logging_requirements().display_name(r)},
              {"href", page_of(r)},
              {"checked", check.checked},
              {"stopped", check.stopped},
              {"reason", check.reason}};
}

Result<std::string> requirement_panel(const http::Context& ctx, int64_t id) {
  TRY_ASSIGN(const Record r, records::get(ctx.db, logging_requirements(), ctx.org(), id));
  TRY_ASSIGN(json check, check_json(ctx, r));
  return web::render("monitoring/templates/log_arrival.mustache",
                     {{"checks", json::array({check})}, {"single", true}});
}

Result<std::vector<records::WorkItem>> logs_stopped_for_me(const http::Context& ctx) {
  std::vector<records::WorkItem> out;
  if (!ctx.who().user_id) return out;
  TRY_ASSIGN(const auto mine,
             records::list_all(ctx.db, logging_requirements(), ctx.org(),
                               {.filters = {{"owner_id", std::to_string(ctx.who().user_id)}}}));
  for (const auto& r : mine) {
    TRY_ASSIGN(const LogCheck check, check_logs(ctx.db, ctx.org(), r, now_micros()));
    if (check.stopped)
      out.push_back({logging_requirements().display_name(r), page_of(r), check.reason});
  }
  return out;
}

}  // namespace

Result<std::string> logging_system_panel(const http::Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto requirements,
             records::list_all(ctx.db, logging_requirements(), ctx.org(),
                               {.filters = {{"system_id", std::to_string(system_id)}}}));
  json checks = json::array();
  for (const auto& r : requirements) {
    TRY_ASSIGN(json check, check_json(ctx, r));
    checks.push_back(std::move(check));
  }
  return web::render("monitoring/templates/log_arrival.mustache",
                     {{"checks", checks},
                      {"single", false},
                      {"none", checks.empty()},
                      {"new_href", std::string(logging_requirements().page_path) + "/new"}});
}

void register_logging_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, logging_requirements(), {.panels = {requirement_panel}});
  records::add_work_section({"logs_stopped", "Event logs that stopped arriving",
                             "Every event log you own is arriving.", logs_stopped_for_me});
}

}  // namespace aims::monitoring
