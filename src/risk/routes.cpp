// The risk module's pages and API beyond what the records platform serves for its two registers:
// the criteria and their versions, the library, the heat map and the printable register.
#include "risk/routes.h"

#include <map>

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "risk/criteria_json.h"
#include "risk/risk.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::risk {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string choice_label(const char* key, const std::string& value) {
  return risks().choice_label(key, value);
}

// ---- criteria ---------------------------------------------------------------------------------

json moves_json(const std::vector<LevelMove>& moved, const Criteria& c) {
  json out = json::array();
  for (const auto& m : moved)
    out.push_back({{"risk_id", m.risk_id},
                   {"title", m.title},
                   {"which", m.which},
                   {"from", m.from},
                   {"to", m.to},
                   {"from_label", level_label(m.from)},
                   {"to_label", level_label(m.to)},
                   {"above_threshold", above_threshold(c, m.to)}});
  return out;
}

Result<Criteria> criteria_from_api(const Context& ctx) {
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  json body = json::object();
  if (auto v = in.optional_int("version", 0, INT64_MAX)) body["version"] = *v;
  for (const char* key : {"likelihood", "impact", "matrix"})
    if (auto text = in.optional_array_text(key)) body[key] = json::parse(*text, nullptr, false);
  if (auto t = in.optional_string("threshold", 20)) body["threshold"] = *t;
  body["reason"] = in.optional_string("reason", 2000).value_or("");
  TRY(in.finish());
  return criteria_from_json(body);
}

Result<Response> criteria_api(Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  return http::json_response(200, criteria_json(c));
}

Result<Response> criteria_versions_api(Context& ctx) {
  TRY_ASSIGN(const auto all, criteria_versions(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& c : all)
    items.push_back(criteria_json(c));
  return http::json_list(items, std::nullopt);
}

Result<Response> adopt_api(Context& ctx) {
  TRY_ASSIGN(Criteria proposed, criteria_from_api(ctx));
  TRY_ASSIGN(const Adoption a, adopt_criteria(ctx.db, ctx.org(), proposed, caller_of(ctx)));
  return http::json_response(
      200, {{"criteria", criteria_json(a.criteria)}, {"moved", moves_json(a.moved, a.criteria)}});
}

json scale_view(const std::vector<ScaleStep>& scale) {
  json out = json::array();
  for (size_t n = 0; n < 5; ++n)
    out.push_back({{"score", n + 1},
                   {"name", n < scale.size() ? scale[n].name : ""},
                   {"definition", n < scale.size() ? scale[n].definition : ""},
                   {"used", n < scale.size()}});
  return out;
}

// The matrix as the page draws it: the most likely row first, each cell with its level and a
// select for the form (five by five, the unused ones for a scale that grows).
json matrix_view(const Criteria& c) {
  json rows = json::array();
  for (size_t l = 5; l-- > 0;) {
    json cells = json::array();
    for (size_t i = 0; i < 5; ++i) {
      const std::string level = level_of(c, int64_t(l + 1), int64_t(i + 1)).value_or("");
      json options = json::array();
      for (const auto& v : levels())
        options.push_back({{"value", v}, {"label", level_label(v)}, {"selected", v == level}});
      cells.push_back({{"name", "m_" + std::to_string(l + 1) + "_" + std::to_string(i + 1)},
                       {"impact", i + 1},
                       {"level", level},
                       {"label", level_label(level)},
                       {"used", !level.empty()},
                       {"above", above_threshold(c, level)},
                       {"options", options}});
    }
    rows.push_back({{"score", l + 1},
                    {"name", l < c.likelihood.size() ? c.likelihood[l].name : ""},
                    {"used", l < c.likelihood.size()},
                    {"cells", cells}});
  }
  return rows;
}

Result<json> criteria_page_json(const Context& ctx, const Criteria& shown) {
  TRY_ASSIGN(const auto history, criteria_versions(ctx.db, ctx.org()));
  json versions = json::array();
  for (const auto& v : history)
    versions.push_back({{"version", v.version},
                        {"by", v.changed_by},
                        {"at", v.changed_at.substr(0, 10)},
                        {"reason", v.reason},
                        {"threshold", level_label(v.threshold)},
                        {"size", std::to_string(v.likelihood.size()) + " \u00d7 " +
                                     std::to_string(v.impact.size())}});
  json thresholds = json::array();
  for (const auto& v : levels())
    thresholds.push_back(
        {{"value", v}, {"label", level_label(v)}, {"selected", v == shown.threshold}});
  return json{{"version", shown.version},
              {"adopted", shown.version > 0},
              {"threshold_label", level_label(shown.threshold)},
              {"likelihood", scale_view(shown.likelihood)},
              {"impact", scale_view(shown.impact)},
              {"matrix", matrix_view(shown)},
              {"thresholds", thresholds},
              {"versions", versions}};
}

Result<Response> criteria_page_with(const Context& ctx, int status, const Criteria& shown,
                                    const std::string& error, const json& moved) {
  TRY_ASSIGN(json view, criteria_page_json(ctx, shown));
  view["form_error"] = error;
  view["moved"] = moved;
  view["saved"] = ctx.query_value("saved").has_value() || moved.is_array();
  return web::page(ctx, status, {"Risk criteria", "risk-criteria"},
                   "risk/templates/criteria.mustache", view);
}

Result<Response> criteria_page(Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  return criteria_page_with(ctx, 200, c, "", nullptr);
}

// The form has five rows per scale; empty rows at the end drop steps. An empty row between
// filled ones stays, so the checks name it and the matrix keeps its numbering.
std::vector<ScaleStep> scale_from_form(const Context& ctx, const std::string& prefix) {
  std::vector<ScaleStep> out;
  for (int n = 1; n <= 5; ++n) {
    const std::string at = prefix + "_" + std::to_string(n);
    out.push_back({ctx.form_value(at + "_name").value_or(""),
                   ctx.form_value(at + "_definition").value_or("")});
  }
  while (!out.empty() && out.back().name.empty() && out.back().definition.empty())
    out.pop_back();
  return out;
}

Criteria criteria_from_form(const Context& ctx) {
  Criteria c;
  c.version = std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  c.likelihood = scale_from_form(ctx, "likelihood");
  c.impact = scale_from_form(ctx, "impact");
  for (size_t l = 1; l <= c.likelihood.size(); ++l) {
    c.matrix.emplace_back();
    for (size_t i = 1; i <= c.impact.size(); ++i)
      c.matrix.back().push_back(
          ctx.form_value("m_" + std::to_string(l) + "_" + std::to_string(i)).value_or(""));
  }
  c.threshold = ctx.form_value("threshold").value_or("");
  c.reason = ctx.form_value("reason").value_or("");
  return c;
}

std::string error_text(const Error& e) {
  std::string out = e.message;
  for (const auto& p : e.problems)
    out += (out.empty() ? "" : "; ") + p.field + ": " + p.message;
  if (e.problems.empty() && !e.field.empty()) out = e.field + ": " + out;
  return out;
}

Result<Response> criteria_submit(Context& ctx) {
  const Criteria proposed = criteria_from_form(ctx);
  auto adopted = adopt_criteria(ctx.db, ctx.org(), proposed, caller_of(ctx));
  if (!adopted)
    return criteria_page_with(ctx, http::status_for(adopted.error().code), proposed,
                              error_text(adopted.error()), nullptr);
  return criteria_page_with(ctx, 200, adopted->criteria, "",
                            moves_json(adopted->moved, adopted->criteria));
}

// ---- library ----------------------------------------------------------------------------------

json library_item_json(const LibraryRisk& r, const Criteria& c) {
  const std::string level = level_of(c, r.likelihood, r.impact).value_or("");
  return {{"key", r.key},
          {"title", r.title},
          {"description", r.description},
          {"source", r.source},
          {"source_label", choice_label("source", r.source)},
          {"objective", r.objective},
          {"objective_label", choice_label("objective", r.objective)},
          {"cause", r.cause},
          {"consequence", r.consequence},
          {"likelihood", r.likelihood},
          {"impact", r.impact},
          {"level", level},
          {"level_label", level_label(level)},
          {"treatment", r.treatment},
          {"controls", r.controls},
          {"metric", r.metric}};
}

Result<Response> library_api(Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& r : library())
    items.push_back(library_item_json(r, c));
  return http::json_list(items, std::nullopt);
}

Result<Response> add_from_library_api(Context& ctx) {
  const std::string key = ctx.params.at(0).second;
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const std::string title = in.optional_string("title", 200).value_or("");
  const auto systems = in.optional_id_list("system_ids").value_or(records::Ids{});
  const auto owner = in.optional_int("owner_id", 1, INT64_MAX);
  TRY(in.finish());
  TRY_ASSIGN(const auto r, add_from_library(ctx.db, ctx.org(), key, title, systems,
                                            owner.value_or(ctx.who().user_id), caller_of(ctx)));
  return http::json_record(201, records::to_json(risks(), r), r.version);
}

Result<json> library_page_json(const Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  TRY_ASSIGN(const auto systems,
             records::all_names(ctx.db, *records::find("ai_system"), ctx.org()));
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  json system_options = json::array(), owners = json::array(), items = json::array();
  for (const auto& s : systems)
    if (!s.archived) system_options.push_back({{"id", s.id}, {"name", s.name}});
  for (const auto& u : users)
    if (u.status == "active")
      owners.push_back({{"id", u.id}, {"name", u.name}, {"me", u.id == ctx.who().user_id}});
  for (const auto& r : library())
    items.push_back(library_item_json(r, c));
  return json{{"items", items},
              {"systems", system_options},
              {"owners", owners},
              {"count", library().size()}};
}

Result<Response> library_page(Context& ctx) {
  TRY_ASSIGN(json view, library_page_json(ctx));
  view["form_error"] = "";
  return web::page(ctx, 200, {"Risk library", "risk-library"}, "risk/templates/library.mustache",
                   view);
}

Result<Response> add_from_library_submit(Context& ctx) {
  const std::string key = ctx.params.at(0).second;
  records::Ids systems;
  if (const auto s = ctx.form_value("system_id"); s && !s->empty())
    systems.push_back(std::strtoll(s->c_str(), nullptr, 10));
  const int64_t owner = std::strtoll(ctx.form_value("owner_id").value_or("0").c_str(), nullptr, 10);
  auto added = add_from_library(ctx.db, ctx.org(), key, ctx.form_value("title").value_or(""),
                                systems, owner, caller_of(ctx));
  if (!added) {
    TRY_ASSIGN(json view, library_page_json(ctx));
    view["form_error"] = error_text(added.error());
    view["error_key"] = key;
    return web::page(ctx, http::status_for(added.error().code), {"Risk library", "risk-library"},
                     "risk/templates/library.mustache", view);
  }
  return Response::redirect("/risk/risks/" + std::to_string(added->id));
}

// ---- heat map and report ----------------------------------------------------------------------

struct Positions {
  std::vector<Position> inherent, residual;
};

Positions positions_of(const std::vector<records::Record>& all) {
  Positions p;
  for (const auto& r : all) {
    for (auto [side, out] :
         {std::pair{"inherent", &p.inherent}, std::pair{"residual", &p.residual}}) {
      const auto l = r.number(std::string(side) + "_likelihood");
      const auto i = r.number(std::string(side) + "_impact");
      if (l && i) out->push_back({r.id, r.text("title"), *l, *i});
    }
  }
  return p;
}

std::optional<int64_t> system_param(const Context& ctx) {
  const auto text = ctx.query_value("system_id");
  if (!text || text->empty()) return std::nullopt;
  return std::strtoll(text->c_str(), nullptr, 10);
}

json position_list(const std::vector<Position>& at, int64_t l, int64_t i) {
  json out = json::array();
  for (const auto& p : at)
    if (p.likelihood == l && p.impact == i) out.push_back({{"id", p.risk_id}, {"title", p.title}});
  return out;
}

Result<Response> heat_map_api(Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  TRY_ASSIGN(const auto all, open_risks(ctx.db, ctx.org(), system_param(ctx)));
  const Positions p = positions_of(all);
  json cells = json::array();
  for (int64_t l = 1; l <= int64_t(c.likelihood.size()); ++l)
    for (int64_t i = 1; i <= int64_t(c.impact.size()); ++i) {
      const std::string level = level_of(c, l, i).value_or("");
      cells.push_back({{"likelihood", l},
                       {"impact", i},
                       {"level", level},
                       {"above_threshold", above_threshold(c, level)},
                       {"inherent", position_list(p.inherent, l, i)},
                       {"residual", position_list(p.residual, l, i)}});
    }
  return http::json_response(
      200, {{"criteria_version", c.version}, {"threshold", c.threshold}, {"cells", cells}});
}

json risk_rows(const std::vector<records::Record>& all, const Criteria& c,
               const std::map<int64_t, std::string>& people) {
  json rows = json::array();
  for (const auto& r : all) {
    const records::State* s = risks().state(r.state);
    const auto owner = r.number("owner_id");
    rows.push_back({{"id", r.id},
                    {"title", r.text("title")},
                    {"description", r.text("description")},
                    {"state", s ? s->label : r.state},
                    {"source", choice_label("source", r.text("source"))},
                    {"objective", choice_label("objective", r.text("objective"))},
                    {"inherent", level_label(r.text("inherent_level"))},
                    {"inherent_tone", r.text("inherent_level")},
                    {"residual", level_label(r.text("residual_level"))},
                    {"residual_tone", r.text("residual_level")},
                    {"above", above_threshold(c, r.text("residual_level"))},
                    {"treatment", choice_label("treatment", r.text("treatment"))},
                    {"owner", owner && people.count(*owner) ? people.at(*owner) : ""},
                    {"next_review", r.text("next_review")},
                    {"breach", r.text("indicator_breach")}});
  }
  return rows;
}

Result<std::map<int64_t, std::string>> people_of(const Context& ctx) {
  TRY_ASSIGN(const auto users, auth::list_users(ctx.db, ctx.org()));
  std::map<int64_t, std::string> out;
  for (const auto& u : users)
    out[u.id] = u.name;
  return out;
}

Result<json> map_view(const Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  const auto system = system_param(ctx);
  TRY_ASSIGN(const auto all, open_risks(ctx.db, ctx.org(), system));
  TRY_ASSIGN(const auto people, people_of(ctx));
  TRY_ASSIGN(const auto systems,
             records::all_names(ctx.db, *records::find("ai_system"), ctx.org()));
  json options = json::array();
  for (const auto& s : systems)
    if (!s.archived)
      options.push_back({{"id", s.id}, {"name", s.name}, {"selected", s.id == system}});
  const Positions p = positions_of(all);
  return json{{"svg", heat_map_svg(c, p.inherent, p.residual)},
              {"threshold", level_label(c.threshold)},
              {"criteria_version", c.version},
              {"adopted", c.version > 0},
              {"systems", options},
              {"risks", risk_rows(all, c, people)},
              {"count", all.size()},
              {"organisation", ctx.who().org_name}};
}

Result<Response> heat_map_page(Context& ctx) {
  TRY_ASSIGN(json view, map_view(ctx));
  return web::page(ctx, 200, {"Risk heat map", "risk-heat-map"}, "risk/templates/heat_map.mustache",
                   view);
}

Result<Response> report_page(Context& ctx) {
  TRY_ASSIGN(json view, map_view(ctx));
  return web::page(ctx, 200, {"Risk register report", "risks"}, "risk/templates/report.mustache",
                   view);
}

}  // namespace

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const Criteria c, current_criteria(ctx.db, ctx.org()));
  TRY_ASSIGN(const auto all, open_risks(ctx.db, ctx.org()));
  int64_t untreated_above = 0, awaiting = 0, raised = 0;
  for (const auto& r : all) {
    const bool above = above_threshold(
        c, r.text("residual_level").empty() ? r.text("inherent_level") : r.text("residual_level"));
    untreated_above += above && r.state != "accepted";
    awaiting += r.state == "acceptance_requested";
    raised += r.is_set("review_raised_on");
  }
  const std::string note = std::to_string(untreated_above) + " above the acceptance threshold (" +
                           level_label(c.threshold) + ") and not accepted, " +
                           std::to_string(awaiting) + " awaiting acceptance, " +
                           std::to_string(raised) + " reviews raised by monitoring";
  return std::vector<overview::Headline>{{"Open risks", std::to_string(all.size()), note,
                                          "/risk/heat-map",
                                          untreated_above > 0 || raised > 0 ? "warn" : "good"}};
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, risks());
  records::register_routes(router, treatment_actions());
  web::add_nav_entry({"Assess and treat", 25, "risk-heat-map", "Heat map", "/risk/heat-map", 30});
  web::add_nav_entry({"Assess and treat", 25, "risk-library", "Risk library", "/risk/library", 40});
  web::add_nav_entry(
      {"Assess and treat", 25, "risk-criteria", "Risk criteria", "/risk/criteria", 50});
  using auth::Action;
  router.api("GET", "/api/v1/risk-criteria", Action::read, criteria_api);
  router.api("PUT", "/api/v1/risk-criteria", Action::manage_org, adopt_api);
  router.api("GET", "/api/v1/risk-criteria/versions", Action::read, criteria_versions_api);
  router.api("GET", "/api/v1/risk-library", Action::read, library_api);
  router.api("POST", "/api/v1/risk-library/{key}/add", Action::edit_records, add_from_library_api);
  router.api("GET", "/api/v1/risk-heat-map", Action::read, heat_map_api);
  router.page("GET", "/risk/criteria", Action::read, criteria_page);
  router.page("POST", "/risk/criteria", Action::manage_org, criteria_submit);
  router.page("GET", "/risk/library", Action::read, library_page);
  router.page("POST", "/risk/library/{key}/add", Action::edit_records, add_from_library_submit);
  router.page("GET", "/risk/heat-map", Action::read, heat_map_page);
  router.page("GET", "/risk/report", Action::read, report_page);
}

}  // namespace aims::risk
