// Server-rendered HTML: mustache templates embedded in the binary (escaped by default), the page
// layout with navigation and the signed-in user, error pages, and static assets.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "http/context.h"
#include "http/response.h"
#include "http/router.h"

namespace aims::web {

// Renders the template at `path` (below src/, e.g. "auth/routes/templates/users.mustache") with
// `view`. Partials ({{> name}}) come from any <module>/templates/partials/<name>.mustache. A
// template that does not exist or does not parse is a bug and throws. In sections, null, false and
// "" are false; numbers are always true (0 too), so views pass null or a boolean to hide a section.
std::string render(std::string_view path, const nlohmann::json& view);

struct PageInfo {
  std::string title;
  std::string section;  // the navigation entry to highlight, e.g. "users"
};

// A complete page: `body_template` rendered with `view`, inside the layout. The view also gets
// `csrf` (for forms) and `can.<action>` flags for the signed-in role, so templates hide what the
// role may not do.
http::Response page(const http::Context& ctx, int status, const PageInfo& info,
                    std::string_view body_template, nlohmann::json view);
// A page without navigation (sign-in).
http::Response bare_page(int status, const std::string& title, std::string_view body_template,
                         const nlohmann::json& view);
// The HTML answer for an error on a page route.
http::Response error_page(const Error& error, int status, const auth::Principal* principal);

// Static assets (/static/style.css, /static/app.js).
void register_routes(http::Router& router);

}  // namespace aims::web
