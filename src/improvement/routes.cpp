// Incidents: their pages and API from the records platform, the dashboard headline, and their
// panel on the AI system page.
#include "improvement/routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "improvement/improvement.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::improvement {

using http::Context;
using nlohmann::json;

void register_routes(http::Router& r) {
  define_registers();
  records::register_routes(r, incidents());
}

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(auto active, records::list(ctx.db, incidents(), ctx.org(),
                                        {.filters = {{"status", "active"}}, .limit = 1}));
  TRY_ASSIGN(auto severe,
             records::list(
                 ctx.db, incidents(), ctx.org(),
                 {.filters = {{"status", "active"}, {"severity", "high,critical"}}, .limit = 1}));
  return std::vector<overview::Headline>{
      {"Open incidents", std::to_string(active.total),
       std::to_string(severe.total) + " high or critical", "/improvement/incidents?status=active",
       severe.total > 0 ? "bad" : (active.total > 0 ? "warn" : "good")}};
}

Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(auto page, records::list(ctx.db, incidents(), ctx.org(),
                                      {.filters = {{"system_id", std::to_string(system_id)}},
                                       .sort = "created_at",
                                       .descending = true,
                                       .limit = 20}));
  json rows = json::array();
  for (const auto& i : page.items) {
    rows.push_back({{"id", i.id},
                    {"title", i.text("title")},
                    {"severity", i.text("severity")},
                    {"severity_label", incidents().choice_label("severity", i.text("severity"))},
                    {"status", incidents().choice_label("status", i.text("status"))},
                    {"breach_count", i.number("breach_count").value_or(0)},
                    {"last_seen", minute_text(i.text("last_seen_at"))}});
  }
  return web::render("improvement/templates/system_panel.mustache",
                     {{"incidents", rows},
                      {"system_id", system_id},
                      {"csrf", ctx.who().csrf_token},
                      {"can", {{"edit_records", ctx.can(auth::Action::edit_records)}}}});
}

}  // namespace aims::improvement
