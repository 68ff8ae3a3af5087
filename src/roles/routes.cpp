// The roles module's pages and API beyond what the records platform serves for its registers:
// adding the standard roles, and the competence matrix (hand-written because it is worked out
// across five registers, not a record of one) with its spreadsheet.
#include "roles/routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "http/json_io.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "report/xlsx.h"
#include "roles/roles.h"
#include "web/markdown.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::roles {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string today() {
  return now_timestamp().substr(0, 10);
}

// ---- standard roles ---------------------------------------------------------------------------

// Each standard role with the organisation's role that stands for it, if any.
Result<json> standard_roles_json(const Context& ctx, bool html) {
  records::Query all;
  all.archived = records::Archived::include;
  TRY_ASSIGN(const auto existing, records::list_all(ctx.db, aims_roles(), ctx.org(), all));
  json items = json::array();
  for (const auto& s : standard_roles()) {
    json item = {{"key", s.key},
                 {"name", s.name},
                 {"purpose", s.purpose},
                 {"responsibilities", s.responsibilities},
                 {"authorities", s.authorities},
                 {"role_id", nullptr}};
    for (const auto& r : existing)
      if (r.text("standard_key") == s.key) {
        item["role_id"] = r.id;
        item["role_name"] = aims_roles().display_name(r);
        item["archived"] = r.archived_at.has_value();
      }
    if (html) {
      item["responsibilities_html"] = web::markdown_html(s.responsibilities);
      item["authorities_html"] = web::markdown_html(s.authorities);
    }
    items.push_back(item);
  }
  return items;
}

Result<Response> standard_roles_api(Context& ctx) {
  TRY_ASSIGN(const json items, standard_roles_json(ctx, false));
  return http::json_list(items, std::nullopt);
}

Result<Response> add_standard_roles_api(Context& ctx) {
  TRY_ASSIGN(const auto added, add_standard_roles(ctx.db, ctx.org(), caller_of(ctx)));
  json items = json::array();
  for (const auto& r : added)
    items.push_back(records::to_json(aims_roles(), r));
  return http::json_response(added.empty() ? 200 : 201, {{"added", items}});
}

Result<Response> standard_roles_page(Context& ctx) {
  TRY_ASSIGN(json items, standard_roles_json(ctx, true));
  int64_t missing = 0;
  for (const auto& i : items)
    missing += i["role_id"].is_null();
  // After adding, the page says what happened: how many were added, or that none was missing.
  const auto added = ctx.query_value("added");
  json notice = nullptr;
  if (added)
    notice = *added == "0" ? "Every standard role was already there: nothing was added."
                           : "Standard roles added: " + *added +
                                 ". Each is a starting point: edit its responsibilities and "
                                 "authorities to fit the organisation, then appoint its holders.";
  return web::page(ctx, 200, {"Standard AIMS roles", "standard-roles"},
                   "roles/templates/standard_roles.mustache",
                   {{"items", items},
                    {"missing", missing > 0 ? json(missing) : json(nullptr)},
                    {"notice", notice}});
}

Result<Response> add_standard_roles_submit(Context& ctx) {
  TRY_ASSIGN(const auto added, add_standard_roles(ctx.db, ctx.org(), caller_of(ctx)));
  return Response::redirect("/roles/standard-roles?added=" + std::to_string(added.size()));
}

// ---- competence matrix ------------------------------------------------------------------------

std::string cell_text(const MatrixCell& c) {
  switch (c.status) {
    case CellStatus::held:
      return c.date.empty() ? "Held" : "Held, valid until " + c.date;
    case CellStatus::expiring:
      return "Expiring " + c.date;
    case CellStatus::expired:
      return "Expired " + c.date;
    case CellStatus::gap:
      return "Gap";
    case CellStatus::not_required:
      break;
  }
  return "Not required";
}

json matrix_json(const CompetenceMatrix& m) {
  json columns = json::array(), rows = json::array();
  for (const auto& c : m.columns)
    columns.push_back({{"competence_id", c.competence_id}, {"name", c.name}});
  for (const auto& r : m.rows) {
    json cells = json::array();
    for (size_t i = 0; i < r.cells.size(); ++i) {
      const MatrixCell& c = r.cells[i];
      cells.push_back({{"competence_id", m.columns[i].competence_id},
                       {"status", key(c.status)},
                       {"date", c.date.empty() ? json(nullptr) : json(c.date)}});
    }
    rows.push_back(
        {{"person_id", r.person_id}, {"person", r.person}, {"roles", r.roles}, {"cells", cells}});
  }
  return {{"today", m.today},
          {"expiring_within_days", kExpiringWithinDays},
          {"summary",
           {{"held", m.held}, {"expiring", m.expiring}, {"expired", m.expired}, {"gaps", m.gaps}}},
          {"columns", columns},
          {"rows", rows}};
}

Result<Response> matrix_api(Context& ctx) {
  TRY_ASSIGN(const auto m, competence_matrix(ctx.db, ctx.org(), today()));
  return http::json_response(200, matrix_json(m));
}

// What the page prints under a cell's badge: the day its validity ends or ended.
std::string when_text(const MatrixCell& c) {
  if (c.status == CellStatus::expired) return "on " + c.date;
  if (c.status == CellStatus::held || c.status == CellStatus::expiring)
    return c.date.empty() ? "does not expire" : "until " + c.date;
  return "";
}

std::string roles_text(const MatrixRow& r) {
  std::string out;
  for (const auto& name : r.roles)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

const char* tone_of(CellStatus s) {
  switch (s) {
    case CellStatus::held:
      return "ok";
    case CellStatus::expiring:
      return "warn";
    case CellStatus::expired:
    case CellStatus::gap:
      return "bad";
    case CellStatus::not_required:
      break;
  }
  return "";
}

json page_rows(const CompetenceMatrix& m) {
  json rows = json::array();
  for (const auto& r : m.rows) {
    json cells = json::array();
    for (size_t i = 0; i < r.cells.size(); ++i) {
      const MatrixCell& c = r.cells[i];
      cells.push_back({{"label", label(c.status)},
                       {"when", when_text(c)},
                       {"tone", tone_of(c.status)},
                       {"required", c.status != CellStatus::not_required},
                       {"gap", c.status == CellStatus::gap},
                       {"competence", m.columns[i].name},
                       {"person_id", r.person_id}});
    }
    rows.push_back({{"person", r.person}, {"roles", roles_text(r)}, {"cells", cells}});
  }
  return rows;
}

Result<Response> matrix_page(Context& ctx) {
  TRY_ASSIGN(const auto m, competence_matrix(ctx.db, ctx.org(), today()));
  json view = {{"today", m.today},
               {"days", kExpiringWithinDays},
               {"held", m.held},
               {"expiring", m.expiring},
               {"expired", m.expired},
               {"gaps", m.gaps},
               {"gaps_tone", m.gaps > 0 ? "bad" : "good"},
               {"expired_tone", m.expired > 0 ? "bad" : "good"},
               {"expiring_tone", m.expiring > 0 ? "warn" : "good"},
               {"columns", matrix_json(m)["columns"]},
               {"rows", page_rows(m)},
               {"has_rows", !m.rows.empty()},
               {"width", m.columns.size() + 2}};
  return web::page(ctx, 200, {"Competence matrix", "competence-matrix"},
                   "roles/templates/competence_matrix.mustache", view);
}

Result<Response> matrix_xlsx(Context& ctx) {
  TRY_ASSIGN(const auto m, competence_matrix(ctx.db, ctx.org(), today()));
  report::Sheet sheet{"Competence matrix", {"Person", "Roles"}, {}};
  for (const auto& c : m.columns)
    sheet.header.push_back(c.name);
  for (const auto& r : m.rows) {
    std::vector<std::string> row = {r.person, roles_text(r)};
    for (const auto& c : r.cells)
      row.push_back(c.status == CellStatus::not_required ? "" : cell_text(c));
    sheet.rows.push_back(std::move(row));
  }
  report::Sheet about{"About", {"", ""}, {}};
  about.rows = {{"Organisation", ctx.who().org_name},
                {"On", m.today},
                {"Held", std::to_string(m.held)},
                {"Expiring within " + std::to_string(kExpiringWithinDays) + " days",
                 std::to_string(m.expiring)},
                {"Expired", std::to_string(m.expired)},
                {"Gaps", std::to_string(m.gaps)}};
  TRY_ASSIGN(std::string bytes, report::xlsx({about, sheet}));
  return Response::download(std::move(bytes),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "competence-matrix-" + ctx.who().org_name + "-" + m.today + ".xlsx");
}

}  // namespace

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const auto m, competence_matrix(ctx.db, ctx.org(), today()));
  const std::string note = std::to_string(m.expired) + " expired and " +
                           std::to_string(m.expiring) + " expiring within " +
                           std::to_string(kExpiringWithinDays) + " days, across " +
                           std::to_string(m.rows.size()) + " role holders";
  return std::vector<overview::Headline>{{"Competence gaps", std::to_string(m.gaps), note,
                                          "/roles/competence-matrix",
                                          m.gaps + m.expired > 0 ? "warn" : "good"}};
}

void register_routes(http::Router& router) {
  define_registers();
  for (const auto* d :
       {&aims_roles(), &role_assignments(), &competences(), &courses(), &training_records()})
    records::register_routes(router, *d);
  web::add_nav_entry({"Context and leadership", 15, "standard-roles", "Standard AIMS roles",
                      "/roles/standard-roles", 42});
  web::add_nav_entry(
      {"Support", 22, "competence-matrix", "Competence matrix", "/roles/competence-matrix", 35});
  using auth::Action;
  router.api("GET", "/api/v1/standard-aims-roles", Action::read, standard_roles_api);
  router.api("POST", "/api/v1/standard-aims-roles", Action::edit_records, add_standard_roles_api);
  router.api("GET", "/api/v1/competence-matrix", Action::read, matrix_api);
  router.api("GET", "/api/v1/competence-matrix/export.xlsx", Action::read, matrix_xlsx);
  router.page("GET", "/roles/standard-roles", Action::read, standard_roles_page);
  router.page("POST", "/roles/standard-roles", Action::edit_records, add_standard_roles_submit);
  router.page("GET", "/roles/competence-matrix", Action::read, matrix_page);
}

}  // namespace aims::roles
