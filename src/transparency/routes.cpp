// Instructions for use and the public transparency page on the web. The public page is
// hand-written because nobody signs in: it shows the published sections of the latest approved
// version and nothing else, withholds the client's address from the access log, and answers 404
// to any link that is not the system's current published one.
#include "transparency/routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "concerns/concerns.h"
#include "http/json_io.h"
#include "inventory/inventory.h"
#include "records/routes/routes.h"
#include "transparency/transparency.h"
#include "web/markdown.h"
#include "web/web.h"

namespace aims::transparency {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;
using records::caller_of;

struct Section {
  const char* key;
  const char* flag;
  const char* heading;
};

constexpr Section kSections[] = {
    {"does", "publish_does", "What it does"},
    {"does_not", "publish_does_not", "What it does not do"},
    {"limitations", "publish_limitations", "Known limitations"},
    {"accuracy_by_group", "publish_accuracy", "Accuracy by group"},
    {"human_role", "publish_human_role", "The human role"},
    {"contest", "publish_contest", "How to contest a decision"},
};

std::string day_of(const std::string& timestamp) {
  return timestamp.substr(0, 10);
}

// Only the sections the approved version marks as published, each as rendered Markdown.
json published_sections(const records::Record& snapshot) {
  json sections = json::array();
  for (const auto& s : kSections) {
    if (!snapshot.flag(s.flag) || !snapshot.is_set(s.key)) continue;
    sections.push_back(
        {{"heading", s.heading}, {"html", web::markdown_html(snapshot.text(s.key))}});
  }
  return sections;
}

Result<Response> public_page_route(Context& ctx) {
  const std::string token(ctx.params.front().second);
  TRY_ASSIGN(const Published page, public_page(ctx.db, token));
  json view = {
      {"organisation", page.organisation},       {"system", page.system_name},
      {"version_label", page.version_label},     {"version", page.version},
      {"approved_on", day_of(page.approved_at)}, {"sections", published_sections(page.snapshot)}};
  if (page.snapshot.flag("publish_contest") && page.snapshot.is_set("concerns_link")) {
    // Shown only while it is the organisation's channel and open: a closed channel's link is dead.
    const std::string link = page.snapshot.text("concerns_link");
    TRY_ASSIGN(const bool open, concerns::channel_link_open(ctx.db, page.org, link));
    if (open) view["concerns_link"] = link;
  }
  return web::bare_page(200, page.system_name + ": information for users",
                        "transparency/templates/public_page.mustache", view);
}

json state_json(const PageState& state) {
  return {{"exists", state.exists},
          {"published", state.published},
          {"changed_at", state.changed_at.empty() ? json(nullptr) : json(state.changed_at)}};
}

json approved_json(const std::optional<Published>& approved) {
  if (!approved) return nullptr;
  return {{"version", approved->version},
          {"version_label", approved->version_label},
          {"approved_at", approved->approved_at},
          {"instructions_id", approved->snapshot.id}};
}

Result<json> transparency_json(const Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const PageState state, page_state(ctx.db, ctx.org(), system_id));
  TRY_ASSIGN(const auto approved, latest_approved(ctx.db, ctx.org(), system_id));
  json out = state_json(state);
  out["system_id"] = system_id;
  out["latest_approved"] = approved_json(approved);
  return out;
}

Result<Response> state_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const json body, transparency_json(ctx, id));
  return http::json_response(200, body);
}

// publish makes a new link (the old one stops answering); the link is in this answer only.
Result<std::optional<std::string>> act(Context& ctx, int64_t id, const std::string& action) {
  if (action == "publish") {
    TRY_ASSIGN(const std::string token, publish(ctx.db, ctx.org(), id, caller_of(ctx)));
    return std::optional<std::string>("/transparency/" + token);
  }
  if (action != "unpublish")
    return Error::invalid("action", "choose publish (a new link) or unpublish");
  TRY(unpublish(ctx.db, ctx.org(), id, caller_of(ctx)));
  return std::optional<std::string>();
}

Result<Response> act_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const std::string action = in.required_string("action", 20);
  TRY(in.finish());
  TRY_ASSIGN(const auto link, act(ctx, id, action));
  TRY_ASSIGN(json body, transparency_json(ctx, id));
  body["link"] = link ? json(*link) : json(nullptr);
  return http::json_response(200, body);
}

Result<Response> act_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const auto system, records::get(ctx.db, inventory::ai_systems(), ctx.org(), id));
  TRY_ASSIGN(const auto link, act(ctx, id, ctx.form_value("action").value_or("")));
  const std::string name = inventory::ai_systems().display_name(system);
  return web::page(
      ctx, 200, {"Transparency page of " + name, "systems"},
      "transparency/templates/published.mustache",
      {{"system", name}, {"system_id", id}, {"link", link ? json(*link) : json(nullptr)}});
}

}  // namespace

Result<std::string> system_panel(const http::Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const PageState state, page_state(ctx.db, ctx.org(), system_id));
  TRY_ASSIGN(const auto approved, latest_approved(ctx.db, ctx.org(), system_id));
  json view = {{"system_id", system_id},
               {"published", state.published},
               {"unpublished", state.exists && !state.published},
               {"changed", state.changed_at.empty() ? "" : minute_text(state.changed_at)},
               {"csrf", ctx.who().csrf_token},
               {"can_publish", ctx.can(auth::Action::manage_org) && approved.has_value()}};
  if (approved) {
    view["approved"] = {{"id", approved->snapshot.id},
                        {"version", approved->version},
                        {"version_label", approved->version_label},
                        {"approved_on", day_of(approved->approved_at)}};
  }
  return web::render("transparency/templates/system_panel.mustache", view);
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, instructions());
  using auth::Action;
  router.api("GET", "/api/v1/ai-systems/{id}/transparency", Action::read, state_api);
  router.api("POST", "/api/v1/ai-systems/{id}/transparency", Action::manage_org, act_api);
  router.page("POST", "/inventory/systems/{id}/transparency", Action::manage_org, act_page);
  http::Route route{"GET", "/transparency/{token}", http::RouteKind::page, std::nullopt,
                    public_page_route};
  route.secret_in_path = true;   // the link's token
  route.withhold_client = true;  // nobody reading it is followed
  router.add(std::move(route));
}

}  // namespace aims::transparency
