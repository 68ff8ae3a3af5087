// Stage changes on the web: the entry criteria beside a stage change with the approval that
// checks them, its API, the requests waiting on the AI system page, and the approvals on My work.
#include "lifecycle/stage_routes.h"

#include "base/time.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "lifecycle/gate_routes.h"
#include "lifecycle/lifecycle.h"
#include "records/json.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::lifecycle {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;
using records::caller_of;
using records::Record;

std::string page_of(int64_t id) {
  return std::string(stage_changes().page_path) + "/" + std::to_string(id);
}

// "1 of 2 approvals", who gave them and who may give the rest, in words.
json progress_view(const ApprovalProgress& p) {
  std::string given, roles;
  for (const auto& a : p.given)
    given += (given.empty() ? "" : ", ") + a.user_label + " (" + minute_text(a.at) + ")";
  for (const auto role : p.needed.roles)
    roles += (roles.empty() ? "" : " or ") + role_label(role);
  const auto count = static_cast<int>(p.given.size());
  return {{"given", count},
          {"needed", p.needed.count},
          {"given_by", given},
          {"roles", roles},
          {"last", count + 1 >= p.needed.count},
          {"next", count + 1}};
}

Result<std::string> entry_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const Record change, records::get(ctx.db, stage_changes(), ctx.org(), id));
  json view = {{"id", id}, {"csrf", ctx.who().csrf_token}, {"version", change.version}};
  if (change.state == "approved") {
    if (const auto check = change.number("gate_check_id")) view["cleared_by"] = *check;
    return web::render("lifecycle/templates/entry_panel.mustache", view);
  }
  if (change.state != "draft" && change.state != "submitted") return std::string();
  auto preview = preview_gate(ctx.db, ctx.org(), gate_request_of(change, "web"));
  if (!preview) {
    view["unavailable"] = preview.error().message;
    return web::render("lifecycle/templates/entry_panel.mustache", view);
  }
  view["check"] = gate_check_view(*preview);
  if (change.state == "submitted") {
    TRY_ASSIGN(const ApprovalProgress progress, approval_progress(ctx.db, ctx.org(), change));
    view["approvals"] = progress_view(progress);
    TRY_ASSIGN(const auto refused, approval_refused(ctx.db, ctx.org(), change, caller_of(ctx)));
    if (refused) view["refused"] = *refused;
    view["approvable"] = !refused && preview->passed;
  }
  return web::render("lifecycle/templates/entry_panel.mustache", view);
}

json refusal_view(const Error& e, int64_t id) {
  return {{"message", e.message}, {"back", page_of(id)}};
}

Result<Response> approve_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  const int64_t version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto approved = approve_stage_change(ctx.db, ctx.org(), id, version, caller_of(ctx), "web");
  if (approved) return Response::redirect(page_of(id) + "?notice=saved");
  if (approved.error().code == ErrorCode::not_found) return approved.error();
  return web::page(ctx, http::status_for(approved.error().code),
                   {"The stage change was not approved", "stage-changes"},
                   "lifecycle/templates/approval_refused.mustache",
                   refusal_view(approved.error(), id));
}

Result<Response> approve_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(records::get(ctx.db, stage_changes(), ctx.org(), id));  // another's: 404 before 428
  TRY_ASSIGN(const int64_t version, ctx.if_match());
  TRY_ASSIGN(const auto approved,
             approve_stage_change(ctx.db, ctx.org(), id, version, caller_of(ctx), "api"));
  const Record& record = approved.outcome.record;
  json body = {{"stage_change", records::to_json(stage_changes(), record)},
               {"moved", approved.outcome.moved},
               {"gate_check", to_json(approved.check)}};
  return http::json_record(200, body, record.version);
}

// Submitted stage changes the caller may approve: not their own, not of a system they own.
Result<std::vector<records::WorkItem>> to_approve(const Context& ctx) {
  std::vector<records::WorkItem> items;
  if (!ctx.can(auth::Action::approve_records)) return items;
  TRY_ASSIGN(const auto waiting, records::list_all(ctx.db, stage_changes(), ctx.org(),
                                                   {.filters = {{"state", "submitted"}}}));
  for (const auto& c : waiting) {
    TRY_ASSIGN(const auto refused, approval_refused(ctx.db, ctx.org(), c, caller_of(ctx)));
    if (refused) continue;
    items.push_back({stage_changes().display_name(c), page_of(c.id),
                     "to enter " + inventory::ai_systems().choice_label("lifecycle_stage",
                                                                        c.text("to_stage"))});
  }
  return items;
}

}  // namespace

Result<std::vector<json>> open_stage_changes(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto open,
             records::list_all(ctx.db, stage_changes(), ctx.org(),
                               {.filters = {{"ai_system_id", std::to_string(system_id)}}}));
  std::vector<json> out;
  for (const auto& c : open)
    if (c.state == "draft" || c.state == "submitted")
      out.push_back({{"name", stage_changes().display_name(c)},
                     {"href", page_of(c.id)},
                     {"state", stage_changes().state(c.state)->label}});
  return out;
}

void register_stage_routes(http::Router& router) {
  records::register_routes(router, stage_changes(), {.panels = {entry_panel}});
  records::add_work_section({"stage_changes_to_approve", "Stage changes to approve",
                             "No stage change waits for your approval.", to_approve});
  using auth::Action;
  router.api("POST", "/api/v1/stage-changes/{id}/approve", Action::approve_records, approve_api);
  router.page("POST", "/lifecycle/stage-changes/{id}/approve", Action::approve_records,
              approve_submit);
}

}  // namespace aims::lifecycle
