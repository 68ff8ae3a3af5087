#include "http/errors.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::web {
namespace {

nlohmann::json nav_view(const std::string& active, const auth::Principal& who) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : navigation_for(who.role)) {
    nlohmann::json items = nlohmann::json::array();
    for (const NavEntry* entry : group.entries) {
      items.push_back(
          {{"label", entry->label}, {"href", entry->href}, {"active", entry->section == active}});
    }
    groups.push_back({{"label", group.label}, {"items", items}});
  }
  return groups;
}

nlohmann::json permissions_view(auth::Role role) {
  nlohmann::json can = nlohmann::json::object();
  for (auth::Action action : auth::all_actions()) {
    can[std::string(auth::to_string(action))] = auth::can(role, action);
  }
  return can;
}

nlohmann::json layout_view(const auth::Principal& who, const PageInfo& info) {
  return {{"title", info.title},
          {"org_name", who.org_name},
          {"user_name", who.name},
          {"user_email", who.email},
          {"role", std::string(auth::to_string(who.role))},
          {"csrf", who.csrf_token},
          {"nav", nav_view(info.section, who)}};
}

}  // namespace

http::Response page(const http::Context& ctx, int status, const PageInfo& info,
                    std::string_view body_template, nlohmann::json view) {
  const auth::Principal& who = ctx.who();
  view["csrf"] = who.csrf_token;
  view["can"] = permissions_view(who.role);
  view["org_name"] = who.org_name;
  nlohmann::json layout = layout_view(who, info);
  layout["content"] = render(body_template, view);
  return http::Response::html(status, render("web/templates/layout.mustache", layout));
}

http::Response bare_page(int status, const std::string& title, std::string_view body_template,
                         const nlohmann::json& view) {
  nlohmann::json layout = {{"title", title}, {"content", render(body_template, view)}};
  return http::Response::html(status, render("web/templates/bare.mustache", layout));
}

http::Response error_page(const Error& error, int status, const auth::Principal* principal) {
  nlohmann::json view = {{"status", status},
                         {"reason", http::reason_phrase(status)},
                         {"message", error.code == ErrorCode::internal
                                         ? "Something went wrong on our side. It has been logged."
                                         : error.message}};
  if (!principal)
    return bare_page(status, http::reason_phrase(status), "web/templates/error.mustache", view);
  nlohmann::json layout = layout_view(*principal, {http::reason_phrase(status), ""});
  layout["content"] = render("web/templates/error.mustache", view);
  return http::Response::html(status, render("web/templates/layout.mustache", layout));
}

}  // namespace aims::web
