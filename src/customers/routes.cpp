// An AI system's split of responsibilities as a matrix page, a panel of the system's page and
// JSON, and the default duties of its role added by a button or the API. Hand-written because the
// matrix gathers many responsibilities of one system by duty and party, and the defaults write
// several records at once.
#include "customers/routes.h"

#include <nlohmann/json.hpp>

#include "customers/customers.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "records/registry.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::customers {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string split_href(int64_t system_id) {
  return "/inventory/systems/" + std::to_string(system_id) + "/responsibilities";
}

json cells_json(const std::vector<Cell>& cells) {
  json out = json::array();
  for (const auto& c : cells)
    out.push_back({{"responsibility_id", c.responsibility_id},
                   {"status", c.status},
                   {"status_label", responsibilities().choice_label("status", c.status)},
                   {"agreed", c.status != "not_agreed"},
                   {"href", std::string(responsibilities().page_path) + "/" +
                                std::to_string(c.responsibility_id)}});
  return out;
}

json matrix_json(const Matrix& m) {
  json parties = json::array(), rows = json::array();
  for (const auto& p : m.parties)
    parties.push_back({{"kind", p.kind},
                       {"id", p.kind == "organisation" ? json(nullptr) : json(p.id)},
                       {"name", p.name}});
  for (const auto& r : m.rows) {
    json cells = json::array();
    for (const auto& c : r.cells)
      cells.push_back({{"items", cells_json(c)}});
    rows.push_back({{"duty", r.duty},
                    {"label", r.label},
                    {"of_role", r.of_role},
                    {"cells", cells},
                    {"unallocated", cells_json(r.unallocated)},
                    {"gap", r.gap.empty() ? json(nullptr) : json(r.gap)}});
  }
  return {{"system_id", m.system_id}, {"system", m.system}, {"role", m.role},
          {"parties", parties},       {"rows", rows},       {"gaps", m.gaps}};
}

Result<Response> split_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Matrix m, matrix(ctx.db, ctx.org(), id));
  return http::json_response(200, matrix_json(m));
}

Result<Response> defaults_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t added,
             add_default_responsibilities(ctx.db, ctx.org(), id, caller_of(ctx)));
  TRY_ASSIGN(const Matrix m, matrix(ctx.db, ctx.org(), id));
  json body = matrix_json(m);
  body["added"] = added;
  return http::json_response(added > 0 ? 201 : 200, body);
}

Result<Response> split_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Matrix m, matrix(ctx.db, ctx.org(), id));
  json view = matrix_json(m);
  view["has_rows"] = !m.rows.empty();
  view["has_gaps"] = m.gaps > 0;
  view["gap_text"] = (m.gaps == 1 ? std::string("1 duty of our role is")
                                  : std::to_string(m.gaps) + " duties of our role are") +
                     " not settled yet; the last column says why.";
  if (const auto added = ctx.query_value("added"))
    view["added_text"] = *added == "0" ? "Every duty of the role was already listed."
                                       : *added + " duties added, not yet allocated.";
  view["new_href"] = std::string(responsibilities().page_path) + "/new";
  return web::page(ctx, 200, {"Responsibilities for " + m.system, "responsibilities"},
                   "customers/templates/split.mustache", view);
}

Result<Response> defaults_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t added,
             add_default_responsibilities(ctx.db, ctx.org(), id, caller_of(ctx)));
  return Response::redirect(split_href(id) + "?added=" + std::to_string(added));
}

}  // namespace

Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const Matrix m, matrix(ctx.db, ctx.org(), system_id));
  int of_role = 0;
  for (const auto& r : m.rows)
    of_role += r.of_role ? 1 : 0;
  return web::render("customers/templates/system_panel.mustache", {{"href", split_href(system_id)},
                                                                   {"duties", of_role},
                                                                   {"recorded", int(m.rows.size())},
                                                                   {"has_duties", of_role > 0},
                                                                   {"gaps", m.gaps},
                                                                   {"has_gaps", m.gaps > 0}});
}

Result<std::string> incident_panel(const Context& ctx, int64_t incident_id) {
  const auto* incidents = records::find("incident");
  if (!incidents) return std::string();
  TRY_ASSIGN(const records::Record incident,
             records::get(ctx.db, *incidents, ctx.org(), incident_id));
  const auto systems = incident.ids("system_id");
  if (systems.empty()) return std::string();
  TRY_ASSIGN(const auto receiving,
             records::list_all(ctx.db, customers(), ctx.org(),
                               {.filters = {{"system_ids", std::to_string(systems.front())}}}));
  if (receiving.empty()) return std::string();
  TRY_ASSIGN(
      const auto notices,
      records::list(ctx.db, customer_notices(), ctx.org(),
                    {.filters = {{"incident_id", std::to_string(incident_id)}}, .limit = 1}));
  if (notices.total > 0) return std::string();
  json names = json::array();
  for (const auto& c : receiving)
    names.push_back({{"name", c.text("name")},
                     {"href", std::string(customers().page_path) + "/" + std::to_string(c.id)}});
  return web::render("customers/templates/incident_panel.mustache",
                     {{"customers", names},
                      {"new_href", std::string(customer_notices().page_path) + "/new"},
                      {"can", {{"edit_records", ctx.can(auth::Action::edit_records)}}}});
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, customers());
  records::register_routes(router, customer_notices());
  records::register_routes(router, responsibilities());
  using auth::Action;
  router.page("GET", "/inventory/systems/{id}/responsibilities", Action::read, split_page);
  router.page("POST", "/inventory/systems/{id}/responsibilities/defaults", Action::edit_records,
              defaults_page);
  router.api("GET", "/api/v1/ai-systems/{id}/responsibilities", Action::read, split_api);
  router.api("POST", "/api/v1/ai-systems/{id}/responsibilities/defaults", Action::edit_records,
             defaults_api);
}

}  // namespace aims::customers
