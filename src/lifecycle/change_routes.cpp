// Change requests on the web: the register through the records platform, and the flag on a model
// linked in service without an approved change, on the system page, My work and the API.
#include "lifecycle/change_routes.h"

#include "http/json_io.h"
#include "lifecycle/lifecycle.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::lifecycle {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Result<std::vector<records::WorkItem>> models_to_cover(const Context& ctx) {
  std::vector<records::WorkItem> out;
  if (!ctx.who().user_id) return out;
  TRY_ASSIGN(const auto flags, unapproved_models(ctx.db, ctx.org()));
  for (const auto& f : flags)
    if (f.owner_id == ctx.who().user_id)
      out.push_back({f.system + ": " + f.model, "/inventory/systems/" + std::to_string(f.system_id),
                     "linked on " + f.linked_at.substr(0, 10) + " without an approved change"});
  return out;
}

Result<Response> unapproved_api(Context& ctx) {
  TRY_ASSIGN(const auto flags, unapproved_models(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& f : flags)
    items.push_back(to_json(f));
  return http::json_list(items, std::nullopt);
}

}  // namespace

Result<std::string> change_banner(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto flags, unapproved_models(ctx.db, ctx.org(), system_id));
  if (flags.empty()) return std::string();
  json view = json::array();
  for (const auto& f : flags) {
    json item = to_json(f);
    item["linked_on"] = f.linked_at.substr(0, 10);
    view.push_back(std::move(item));
  }
  return web::render("lifecycle/templates/change_banner.mustache", {{"flags", view}});
}

void register_change_routes(http::Router& router) {
  records::register_routes(router, change_requests());
  records::add_work_section({"models_without_change", "Models linked without an approved change",
                             "No model of your AI systems was linked in service without one.",
                             models_to_cover});
  router.api("GET", "/api/v1/unapproved-models", auth::Action::read, unapproved_api);
}

}  // namespace aims::lifecycle
