// Leadership's pages and API beyond what the records platform serves for its registers: an AI
// system's holds and RACI grid, as JSON, as a page and as a section of the system's own page.
// Hand-written because both gather records of several registers around one AI system.
#include "leadership/routes.h"

#include <set>

#include <nlohmann/json.hpp>

#include "http/json_io.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::leadership {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

json holds_json(const std::vector<Hold>& holds) {
  json out = json::array();
  for (const auto& h : holds)
    out.push_back({{"decision_id", h.decision_id},
                   {"title", h.title},
                   {"decided_on", h.decided_on},
                   {"committee", h.committee},
                   {"rationale", h.rationale},
                   {"href", "/leadership/decisions/" + std::to_string(h.decision_id)}});
  return out;
}

// The grid as pages draw it: a column per activity, a row per person, and who is accountable.
json grid_json(const RaciGrid& grid) {
  json columns = json::array(), rows = json::array();
  const auto& acts = activities();
  for (size_t i = 0; i < acts.size(); ++i)
    columns.push_back({{"value", acts[i].value},
                       {"label", acts[i].label},
                       {"accountable", grid.accountable[i]},
                       {"unanswered", grid.accountable[i].empty()}});
  for (const auto& row : grid.people) {
    json cells = json::array();
    for (const auto& letters : row.letters)
      cells.push_back({{"letters", letters}});
    rows.push_back({{"person_id", row.person_id}, {"person", row.person}, {"cells", cells}});
  }
  return {{"activities", columns}, {"people", rows}, {"empty", grid.people.empty()}};
}

// The system, or not_found for one that is not the organisation's.
Result<records::Record> system_of(const Context& ctx, int64_t id) {
  return records::get(ctx.db, inventory::ai_systems(), ctx.org(), id);
}

Result<Response> holds_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(system_of(ctx, id));
  TRY_ASSIGN(const auto holds, holds_on(ctx.db, ctx.org(), id));
  return http::json_list(holds_json(holds), std::nullopt);
}

Result<Response> raci_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(system_of(ctx, id));
  TRY_ASSIGN(const RaciGrid grid, raci_grid(ctx.db, ctx.org(), id));
  json body = grid_json(grid);
  body.erase("empty");
  return http::json_response(200, body);
}

Result<json> system_view(const Context& ctx, const records::Record& system) {
  TRY_ASSIGN(const auto holds, holds_on(ctx.db, ctx.org(), system.id));
  TRY_ASSIGN(const RaciGrid grid, raci_grid(ctx.db, ctx.org(), system.id));
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  json people = json::array();
  for (const auto& u : users)
    if (u.status == "active")
      people.push_back({{"id", u.id}, {"name", u.name.empty() ? u.email : u.name}});
  return json{{"system_id", system.id},
              {"system", system.text("name")},
              {"holds", holds_json(holds)},
              {"held", !holds.empty()},
              {"grid", grid_json(grid)},
              {"people", people},
              {"csrf", ctx.who().csrf_token},
              {"can", {{"edit_records", ctx.can(auth::Action::edit_records)}}}};
}

// /leadership/raci?system=ID: a system chosen from the inventory, and its grid.
Result<Response> raci_page(Context& ctx) {
  TRY_ASSIGN(const auto names, inventory::system_names(ctx.db, ctx.org()));
  const auto chosen = ctx.query_value("system");
  json options = json::array();
  for (const auto& [id, name] : names)
    options.push_back({{"id", id}, {"name", name}, {"selected", chosen == std::to_string(id)}});
  json view = {{"systems", options}, {"chosen", false}};
  if (chosen && !chosen->empty()) {
    int64_t id = 0;
    try {
      id = std::stoll(*chosen);
    } catch (const std::exception&) {
      return Error::invalid("system", "system must be the id of an AI system");
    }
    TRY_ASSIGN(const records::Record system, system_of(ctx, id));
    TRY_ASSIGN(json shown, system_view(ctx, system));
    shown["on_raci_page"] = true;
    view["chosen"] = shown;
  }
  return web::page(ctx, 200, {"RACI by AI system", "raci-assignments"},
                   "leadership/templates/raci.mustache", view);
}

}  // namespace

Result<std::string> hold_banner(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto holds, holds_on(ctx.db, ctx.org(), system_id));
  if (holds.empty()) return std::string();
  return web::render("leadership/templates/hold_banner.mustache", {{"holds", holds_json(holds)}});
}

Result<std::string> system_panel(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const records::Record system, system_of(ctx, system_id));
  TRY_ASSIGN(const json view, system_view(ctx, system));
  return web::render("leadership/templates/system_panel.mustache", view);
}

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const auto holds,
             records::list_all(ctx.db, committee_decisions(), ctx.org(),
                               {.filters = {{"kind", "place_hold"}, {"state", "in_force"}}}));
  std::set<int64_t> systems;
  for (const auto& h : holds)
    for (int64_t id : h.ids("system_ids"))
      systems.insert(id);
  return std::vector<overview::Headline>{
      {"Holds in force", std::to_string(holds.size()),
       "on " + std::to_string(systems.size()) +
           (systems.size() == 1 ? " AI system" : " AI systems") + ", until lifted",
       "/leadership/decisions?kind=place_hold&state=in_force", holds.empty() ? "good" : "warn"}};
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, committees());
  records::register_routes(router, committee_members());
  records::register_routes(router, committee_meetings());
  records::register_routes(router, committee_decisions());
  records::register_routes(router, raci_assignments());
  using auth::Action;
  router.api("GET", "/api/v1/ai-systems/{id}/holds", Action::read, holds_api);
  router.api("GET", "/api/v1/ai-systems/{id}/raci", Action::read, raci_api);
  router.page("GET", "/leadership/raci", Action::read, raci_page);
}

}  // namespace aims::leadership
