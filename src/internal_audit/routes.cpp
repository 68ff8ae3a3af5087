// Pages and API beyond what the records platform serves for the audit registers. The coverage,
// checklist generation, raising a nonconformity and the report span several records, so they are
// written here over the platform's functions.
#include "internal_audit/routes.h"

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "base/time.h"
#include "http/json_io.h"
#include "internal_audit/independence.h"
#include "internal_audit/internal_audit.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "web/markdown.h"
#include "web/web.h"

namespace aims::internal_audit {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string page_of(const records::Description& d, int64_t id) {
  return std::string(d.page_path) + "/" + std::to_string(id);
}

// The page of a record of another module's register, found by type.
std::string page_of(const char* type, int64_t id) {
  const records::Description* d = records::find(type);
  return d ? page_of(*d, id) : "";
}

std::string name_of(const records::ReferencedNames& names, const char* type, int64_t id) {
  const auto by_type = names.find(type);
  if (by_type == names.end()) return "";
  const auto it = by_type->second.find(id);
  return it == by_type->second.end() ? "" : it->second.name;
}

// ---- coverage ---------------------------------------------------------------------------------

json audits_json(const std::vector<AuditName>& covering) {
  json out = json::array();
  for (const auto& a : covering)
    out.push_back({{"id", a.id}, {"name", a.name}, {"href", page_of(audits(), a.id)}});
  return out;
}

json coverage_json(int64_t programme, const ProgrammeCoverage& cov) {
  json lines = json::array();
  for (const auto& l : cov.lines)
    lines.push_back({{"id", l.requirement.id},
                     {"title", l.requirement.title},
                     {"covered", l.covered()},
                     {"audits", audits_json(l.audits)}});
  return {{"programme_id", programme},
          {"required", cov.lines.size()},
          {"uncovered", cov.uncovered},
          {"items", lines}};
}

Result<Response> coverage_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const ProgrammeCoverage cov, programme_coverage(ctx.db, ctx.org(), id));
  return http::json_response(200, coverage_json(id, cov));
}

Result<std::string> coverage_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const ProgrammeCoverage cov, programme_coverage(ctx.db, ctx.org(), id));
  json view = coverage_json(id, cov);
  view["complete"] = cov.uncovered == 0;
  view["audit_count"] = cov.audits.size();
  view["api"] = std::string(programmes().api_path) + "/" + std::to_string(id) + "/coverage";
  return web::render("internal_audit/templates/coverage_panel.mustache", view);
}

// The audit team by name, as a sentence's list ("Ana Costa, Ben Ode"); empty without a team.
Result<std::string> team_text(const Context& ctx, const records::Record& audit) {
  TRY_ASSIGN(const auto names, ctx.db.read([&](store::Tx& tx) {
    return team_names(tx, ctx.org(), audit.list("team"));
  }));
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

// ---- checklist and findings -------------------------------------------------------------------

Result<std::vector<records::Record>> checklist_of(const Context& ctx, int64_t audit) {
  records::Query q;
  q.filters = {{"audit_id", std::to_string(audit)}};
  return records::list_all(ctx.db, items(), ctx.org(), q);
}

bool is_finding(const records::Record& item) {
  const std::string r = item.text("result");
  return !r.empty() && r != "conforms" && r != "not_audited";
}

// Each item as the audit's page and report show it: result in words, evidence and the
// nonconformity by name.
Result<json> items_view(const Context& ctx, const std::vector<records::Record>& list) {
  TRY_ASSIGN(const auto names, records::referenced_names(ctx.db, items(), ctx.org(), list,
                                                         {"evidence_ids", "nonconformity_id"}));
  json out = json::array();
  for (const auto& i : list) {
    json evidence = json::array();
    for (int64_t e : i.ids("evidence_ids"))
      evidence.push_back(
          {{"name", name_of(names, "evidence", e)}, {"href", page_of("evidence", e)}});
    json nc = nullptr;
    if (const auto ids = i.ids("nonconformity_id"); !ids.empty())
      nc = {{"name", name_of(names, "nonconformity", ids.front())},
            {"href", page_of("nonconformity", ids.front())}};
    const std::string result = i.text("result");
    out.push_back(
        {{"id", i.id},
         {"href", page_of(items(), i.id)},
         {"criterion", i.text("criterion")},
         {"question", i.text("question")},
         {"result", result.empty() ? "Not audited yet" : items().choice_label("result", result)},
         {"finding", is_finding(i)},
         {"notes", i.text("notes")},
         {"evidence", evidence},
         {"has_evidence", !evidence.empty()},
         {"nonconformity", nc}});
  }
  return out;
}

json findings_of(const json& all) {
  json out = json::array();
  for (const auto& i : all)
    if (i["finding"].get<bool>()) out.push_back(i);
  return out;
}

Result<std::string> audit_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto audit, records::get(ctx.db, audits(), ctx.org(), id));
  TRY_ASSIGN(const auto list, checklist_of(ctx, id));
  TRY_ASSIGN(const json all, items_view(ctx, list));
  const bool open = audit.state == "planned" || audit.state == "in_progress";
  const json findings = findings_of(all);
  TRY_ASSIGN(const std::string team, team_text(ctx, audit));
  return web::render(
      "internal_audit/templates/audit_panel.mustache",
      {{"id", id},
       {"team", team},
       {"csrf", ctx.who().csrf_token},
       {"items", all},
       {"has_items", !all.empty()},
       {"findings", findings.size()},
       {"can_generate", open && ctx.can(items().edit) && !audit.archived_at},
       {"new_item", std::string(items().page_path) + "/new?audit_id=" + std::to_string(id)},
       {"report_href", page_of(audits(), id) + "/report"}});
}

Result<Response> checklist_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto added, generate_checklist(ctx.db, ctx.org(), id, caller_of(ctx)));
  json out = json::array();
  for (const auto& i : added)
    out.push_back(records::to_json(items(), i));
  return http::json_response(200, {{"added", added.size()}, {"items", out}});
}

Result<Response> checklist_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(generate_checklist(ctx.db, ctx.org(), id, caller_of(ctx)));
  return Response::redirect(page_of(audits(), id) + "#checklist");
}

// ---- raising a nonconformity ------------------------------------------------------------------

Result<std::string> item_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const auto item, records::get(ctx.db, items(), ctx.org(), id));
  const std::string result = item.text("result");
  const bool nonconformity = result == kMinorNonconformity || result == kMajorNonconformity;
  if (!nonconformity || !item.ids("nonconformity_id").empty() || item.archived_at ||
      !ctx.can(items().edit) || !records::find("nonconformity"))
    return std::string();
  return web::render("internal_audit/templates/item_panel.mustache",
                     {{"id", id},
                      {"csrf", ctx.who().csrf_token},
                      {"grade", items().choice_label("result", result)}});
}

Result<Response> nonconformity_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto nc, raise_nonconformity(ctx.db, ctx.org(), id, caller_of(ctx)));
  return http::json_record(201, records::to_json(*records::find("nonconformity"), nc), nc.version);
}

Result<Response> nonconformity_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto nc, raise_nonconformity(ctx.db, ctx.org(), id, caller_of(ctx)));
  return Response::redirect(page_of("nonconformity", nc.id) + "?notice=created");
}

// ---- the report -------------------------------------------------------------------------------

Result<std::string> person(const Context& ctx, std::optional<int64_t> id) {
  if (!id) return std::string();
  return ctx.db.read([&](store::Tx& tx) { return auth::person_name(tx, ctx.org(), *id); });
}

// The signed-off version as frozen (its fields as they were reported), or the audit as it is
// before sign-off, marked as a draft.
Result<Response> report_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto current, records::get(ctx.db, audits(), ctx.org(), id));
  records::Record shown = current;
  json sign_off = nullptr;
  if (current.frozen > 0) {
    TRY_ASSIGN(const auto v, records::version(ctx.db, audits(), ctx.org(), id, current.frozen));
    shown = v.snapshot;
    TRY_ASSIGN(const std::string lead, person(ctx, shown.number("lead_auditor_id")));
    sign_off = {{"by", lead}, {"at", minute_text(v.frozen_at)}, {"version", v.number}};
  }
  TRY_ASSIGN(const auto list, checklist_of(ctx, id));
  TRY_ASSIGN(const json all, items_view(ctx, list));
  TRY_ASSIGN(const auto refs, records::referenced_names(ctx.db, audits(), ctx.org(), {shown},
                                                        {"programme_id", "procedure_ids"}));
  std::string procedures;
  for (int64_t d : shown.ids("procedure_ids"))
    procedures += (procedures.empty() ? "" : "; ") + name_of(refs, "document", d);
  const auto programme = shown.ids("programme_id");
  TRY_ASSIGN(const std::string lead, person(ctx, shown.number("lead_auditor_id")));
  TRY_ASSIGN(const std::string team, team_text(ctx, shown));
  const records::State* state = audits().state(current.state);
  json view = {
      {"id", id},
      {"title", shown.text("title")},
      {"organisation", ctx.who().org_name},
      {"programme", programme.empty() ? "" : name_of(refs, "audit_programme", programme.front())},
      {"state", state ? state->label : current.state},
      {"scope", shown.text("scope")},
      {"criteria", shown.list("criteria")},
      {"procedures", procedures},
      {"lead", lead},
      {"team", team},
      {"planned", shown.text("planned_start") + " to " + shown.text("planned_end")},
      {"actual", shown.is_set("actual_start")
                     ? shown.text("actual_start") + " to " +
                           (shown.is_set("actual_end") ? shown.text("actual_end") : "…")
                     : ""},
      {"summary_html", web::markdown_html(shown.text("summary"))},
      {"findings", findings_of(all)},
      {"checked", all.size()},
      {"sign_off", sign_off},
      {"signed", current.frozen > 0}};
  return web::page(ctx, 200, {shown.text("title") + ": audit report", "internal-audits"},
                   "internal_audit/templates/report.mustache", view);
}

}  // namespace

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, programmes(), {.panels = {coverage_panel}});
  records::register_routes(router, audits(), {.panels = {audit_panel}});
  records::register_routes(router, items(), {.panels = {item_panel}});
  using auth::Action;
  router.api("GET", "/api/v1/audit-programmes/{id}/coverage", Action::read, coverage_api);
  router.api("POST", "/api/v1/internal-audits/{id}/checklist", Action::edit_audits, checklist_api);
  router.api("POST", "/api/v1/audit-items/{id}/nonconformity", Action::edit_audits,
             nonconformity_api);
  router.page("POST", "/evaluation/audits/{id}/checklist", Action::edit_audits, checklist_submit);
  router.page("POST", "/evaluation/audit-items/{id}/nonconformity", Action::edit_audits,
              nonconformity_submit);
  router.page("GET", "/evaluation/audits/{id}/report", Action::read, report_page);
}

}  // namespace aims::internal_audit
