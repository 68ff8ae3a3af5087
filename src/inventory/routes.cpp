#include "inventory/routes.h"

#include "http/errors.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::inventory {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

json scope_json(const Scope& s) {
  auto systems = [](const std::vector<ScopedSystem>& list) {
    json out = json::array();
    for (const auto& item : list) {
      out.push_back({{"id", item.id},
                     {"name", item.name},
                     {"lifecycle_stage", item.lifecycle_stage},
                     {"eu_ai_act_class", item.eu_ai_act_class},
                     {"owner", item.owner},
                     {"exclusion_reason", item.reason}});
    }
    return out;
  };
  return {{"statement", s.statement},
          {"version", s.version},
          {"in_scope", systems(s.in_scope)},
          {"excluded", systems(s.excluded)}};
}

Result<Response> scope_api(Context& ctx) {
  TRY_ASSIGN(const Scope s, scope(ctx.db, ctx.org()));
  return http::json_record(200, scope_json(s), s.version);
}

Result<Response> set_scope_api(Context& ctx) {
  TRY_ASSIGN(const int64_t version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const std::string statement = in.required_string("statement", 20000);
  TRY(in.finish());
  TRY_ASSIGN(const Scope s,
             set_scope_statement(ctx.db, ctx.org(), statement, version, ctx.who().actor()));
  return http::json_record(200, scope_json(s), s.version);
}

Result<Response> scope_page_with(const Context& ctx, int status, const std::string& error) {
  TRY_ASSIGN(const Scope s, scope(ctx.db, ctx.org()));
  json view = scope_json(s);
  view["form_error"] = error;
  view["notice"] = ctx.query_value("notice") == std::optional<std::string>("saved")
                       ? "Scope statement saved."
                       : "";
  return web::page(ctx, status, {"AIMS scope", "scope"}, "inventory/templates/scope.mustache",
                   view);
}

Result<Response> scope_page(Context& ctx) {
  return scope_page_with(ctx, 200, "");
}

Result<Response> scope_submit(Context& ctx) {
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto saved = set_scope_statement(ctx.db, ctx.org(), ctx.form_value("statement").value_or(""),
                                   version, ctx.who().actor());
  if (!saved)
    return scope_page_with(ctx, http::status_for(saved.error().code), saved.error().message);
  return Response::redirect("/inventory/scope?notice=saved");
}

Result<int64_t> count_systems(const Context& ctx, const std::string& key,
                              const std::string& value) {
  records::Query q{.limit = 1};
  if (!key.empty()) q.filters.emplace_back(key, value);
  TRY_ASSIGN(auto page, records::list(ctx.db, ai_systems(), ctx.org(), q));
  return page.total;
}

}  // namespace

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const int64_t total, count_systems(ctx, "", ""));
  TRY_ASSIGN(const int64_t high, count_systems(ctx, "eu_ai_act_class", "high_risk"));
  TRY_ASSIGN(const int64_t unclassified, count_systems(ctx, "eu_ai_act_class", "not_assessed"));
  std::string note = std::to_string(high) + " high-risk under the EU AI Act";
  if (unclassified > 0) note += ", " + std::to_string(unclassified) + " not yet classified";
  return std::vector<overview::Headline>{{"AI systems", std::to_string(total), note,
                                          "/inventory/systems", unclassified > 0 ? "warn" : ""}};
}

void register_routes(http::Router& router, std::vector<SystemPanel> system_panels,
                     std::vector<SystemPanel> system_banners,
                     std::vector<records::RecordPanel> supplier_panels,
                     std::vector<records::RecordPanel> dataset_panels,
                     std::vector<records::RecordPanel> model_panels) {
  define_registers();
  records::register_routes(router, ai_systems(),
                           {std::move(system_panels), std::move(system_banners)});
  records::register_routes(router, models(), {.panels = std::move(model_panels)});
  records::register_routes(router, datasets(), {.panels = std::move(dataset_panels)});
  records::register_routes(router, suppliers(), {.panels = std::move(supplier_panels)});
  web::add_nav_entry({"Inventory", 10, "scope", "AIMS scope", "/inventory/scope", 50});
  using auth::Action;
  router.api("GET", "/api/v1/scope", Action::read, scope_api);
  router.api("PUT", "/api/v1/scope", Action::manage_org, set_scope_api);
  router.page("GET", "/inventory/scope", Action::read, scope_page);
  router.page("POST", "/inventory/scope", Action::manage_org, scope_submit);
}

}  // namespace aims::inventory
