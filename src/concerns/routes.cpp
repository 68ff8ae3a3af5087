// Concerns: the register's pages and API from the records platform, with a triage panel on each
// concern's page; triage as a page form and an API call, and the channel's settings page.
// Triage and the channel are hand-written because each writes more than one record (the concern
// and what it becomes) or what is no record at all (the channel's link).
#include "concerns/routes.h"

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "base/time.h"
#include "concerns/channel.h"
#include "concerns/concerns.h"
#include "concerns/public_routes.h"
#include "concerns/triage.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "records/registry.h"
#include "records/routes/routes.h"
#include "web/web.h"

namespace aims::concerns {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

using records::caller_of;

std::string concern_href(int64_t id) {
  return "/improvement/concerns/" + std::to_string(id);
}

json people_of(const Context& ctx) {
  json people = json::array();
  auto users = auth::list_users(ctx.db, ctx.org());
  if (!users) return people;
  for (const auto& u : *users)
    if (u.status == "active")
      people.push_back({{"id", u.id},
                        {"name", u.name.empty() ? u.email : u.name},
                        {"selected", ctx.principal && u.id == ctx.who().user_id}});
  return people;
}

// The triage form on a concern's page, for those who may edit records, while it is untriaged.
Result<std::string> triage_panel(const Context& ctx, int64_t id) {
  if (!ctx.can(auth::Action::edit_records)) return std::string();
  TRY_ASSIGN(const records::Record concern, records::get(ctx.db, concerns(), ctx.org(), id));
  if (concern.state == "closed" || concern.is_set("triage_outcome") || concern.archived_at)
    return std::string();
  TRY_ASSIGN(const auto names, inventory::system_names(ctx.db, ctx.org()));
  const auto chosen = concern.ids("system_id");
  json systems = json::array();
  for (const auto& [sid, name] : names)
    systems.push_back(
        {{"id", sid}, {"name", name}, {"selected", !chosen.empty() && chosen.front() == sid}});
  json outcomes = json::array();
  for (const char* type : {"incident", "risk", "nonconformity"})
    if (const auto* d = records::find(type))
      outcomes.push_back({{"value", type}, {"label", std::string("Into ") + d->singular}});
  return web::render("concerns/templates/triage_panel.mustache", {{"id", id},
                                                                  {"title", concern.text("title")},
                                                                  {"outcomes", outcomes},
                                                                  {"systems", systems},
                                                                  {"people", people_of(ctx)},
                                                                  {"csrf", ctx.who().csrf_token}});
}

std::optional<int64_t> id_value(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  try {
    return std::stoll(*text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Result<Response> triage_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TriageRequest request{ctx.form_value("outcome").value_or(""),
                        ctx.form_value("title").value_or(""), id_value(ctx.form_value("owner_id")),
                        id_value(ctx.form_value("system_id"))};
  TRY(triage(ctx.db, ctx.org(), id, request, caller_of(ctx)));
  return Response::redirect(concern_href(id) + "?saved=1");
}

Result<Response> triage_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  TriageRequest request;
  request.outcome = in.required_string("outcome", 20);
  request.title = in.optional_string("title", 200).value_or("");
  request.owner_id = in.optional_int("owner_id", 1, INT64_MAX);
  request.system_id = in.optional_int("system_id", 1, INT64_MAX);
  TRY(in.finish());
  TRY_ASSIGN(const records::Record concern, triage(ctx.db, ctx.org(), id, request, caller_of(ctx)));
  const auto* target = records::find(request.outcome);
  const int64_t made = concern.ids(request.outcome + "_id").front();
  return http::json_response(
      201, {{"concern_id", id},
            {"outcome", request.outcome},
            {"record",
             {{"type", request.outcome},
              {"id", made},
              {"href", std::string(target->page_path) + "/" + std::to_string(made)}}}});
}

Result<Response> channel_page_with(Context& ctx, int status, json extra) {
  TRY_ASSIGN(const Channel channel, channel_of(ctx.db, ctx.org()));
  json view = {{"exists", channel.exists},
               {"enabled", channel.enabled},
               {"list_systems", channel.list_systems},
               {"changed_at", channel.changed_at.empty() ? json(nullptr)
                                                         : json(minute_text(channel.changed_at))}};
  view.update(extra);
  return web::page(ctx, status, {"Concerns channel", "concerns"},
                   "concerns/templates/channel.mustache", view);
}

Result<Response> channel_page(Context& ctx) {
  return channel_page_with(ctx, 200, json::object());
}

// The new link is shown on this answer only: aims keeps its hash, never the link.
Result<Response> channel_submit(Context& ctx) {
  const std::string action = ctx.form_value("action").value_or("");
  if (action == "rotate") {
    TRY_ASSIGN(const std::string token, rotate_link(ctx.db, ctx.org(), caller_of(ctx)));
    return channel_page_with(ctx, 200, {{"new_link", "/concerns/" + token}});
  }
  if (action != "save") return Error::invalid("action", "choose to save or to make a new link");
  TRY(set_channel(ctx.db, ctx.org(), ctx.form_value("enabled").has_value(),
                  ctx.form_value("list_systems").has_value(), caller_of(ctx)));
  return channel_page_with(ctx, 200, {{"saved", true}});
}

}  // namespace

void register_routes(http::Router& router) {
  define_registers();
  using auth::Action;
  router.page("GET", "/improvement/concerns/channel", Action::manage_org, channel_page);
  router.page("POST", "/improvement/concerns/channel", Action::manage_org, channel_submit);
  router.page("POST", "/improvement/concerns/{id}/triage", Action::edit_records, triage_page);
  router.api("POST", "/api/v1/concerns/{id}/triage", Action::edit_records, triage_api);
  records::register_routes(router, concerns(), {.panels = {triage_panel}});
  register_public_routes(router);
}

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const auto waiting, records::list(ctx.db, concerns(), ctx.org(),
                                               {.filters = {{"state", "received"}}, .limit = 1}));
  return std::vector<overview::Headline>{
      {"Concerns to triage", std::to_string(waiting.total), "raised through the concerns channel",
       "/improvement/concerns?state=received", waiting.total > 0 ? "warn" : "good"}};
}

}  // namespace aims::concerns
