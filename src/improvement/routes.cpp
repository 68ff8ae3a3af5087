// Incidents, nonconformities and corrective actions: their pages and API from the records
// platform, the dashboard headline, and the form on the AI system page that reports an incident.
#include "improvement/routes.h"

#include <nlohmann/json.hpp>

#include "improvement/clock_routes.h"
#include "improvement/improvement.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::improvement {

using http::Context;
using nlohmann::json;

void register_routes(http::Router& r, std::vector<records::RecordPanel> incident_panels,
                     std::vector<records::RecordPanel> incident_banners) {
  define_registers();
  std::vector<records::RecordPanel> panels = {incident_clock_panel, incident_nonconformity_panel()};
  panels.insert(panels.end(), incident_panels.begin(), incident_panels.end());
  records::register_routes(r, incidents(),
                           {.panels = panels, .banners = std::move(incident_banners)});
  records::register_routes(r, nonconformities());
  records::register_routes(r, corrective_actions());
  register_raise_routes(r);
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

// The system's incidents themselves are listed by the page's "Referred to by", with their
// severity, status and breaches, as the incidents list shows them.
Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  return web::render("improvement/templates/system_panel.mustache",
                     {{"system_id", system_id},
                      {"csrf", ctx.who().csrf_token},
                      {"can", {{"edit_records", ctx.can(auth::Action::edit_records)}}}});
}

}  // namespace aims::improvement
