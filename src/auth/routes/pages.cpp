// HTML routes: sign-in, sign-out, the caller's account, user and token administration.
#include "auth/routes/json.h"
#include "auth/routes/routes_internal.h"
#include "base/crypto.h"
#include "base/time.h"
#include "http/app.h"
#include "http/errors.h"
#include "http/parse/cookies.h"
#include "web/web.h"

namespace aims::auth {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

constexpr const char* kLoginCsrfCookie = "aims_login_csrf";

Response login_form(int status, const std::string& next, const std::string& email,
                    const std::string& error, bool secure) {
  const std::string csrf = crypto::random_token(24);
  Response r = web::bare_page(status, "Sign in", "auth/routes/templates/login.mustache",
                              {{"next", next}, {"email", email}, {"error", error}, {"csrf", csrf}});
  r.with_header("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + csrf +
                                  "; Path=/login; HttpOnly; SameSite=Strict" +
                                  (secure ? "; Secure" : ""));
  return r;
}

Result<Response> login_page(Context& ctx, bool secure) {
  if (ctx.principal) return Response::redirect("/");
  return login_form(200, http::same_site_path(ctx.query_value("next").value_or("/")), "", "",
                    secure);
}

Result<Response> login_submit(Context& ctx, bool secure) {
  const std::string next = http::same_site_path(ctx.form_value("next").value_or("/"));
  const std::string email = ctx.form_value("email").value_or("");
  const std::string sent = ctx.form_value("_csrf").value_or("");
  const auto expected =
      http::find_cookie(ctx.request.header("cookie").value_or(""), kLoginCsrfCookie);
  if (sent.empty() || !expected || !crypto::constant_time_equal(sent, *expected)) {
    return login_form(403, next, email, "The sign-in form expired. Please try again.", secure);
  }
  auto session =
      login(ctx.db, email, ctx.form_value("password").value_or(""), ctx.request.remote_addr,
            std::string(ctx.request.header("user-agent").value_or("")));
  log_sign_in(ctx, email, session.ok() ? "" : session.error().message);
  if (!session) {
    const bool throttled = session.error().code == ErrorCode::rate_limited;
    Response r = login_form(throttled ? 429 : 401, next, email, session.error().message, secure);
    if (throttled) {
      r.with_header("Retry-After", std::to_string(session.error().retry_after_seconds));
    }
    return r;
  }
  Response r = Response::redirect(next);
  r.with_header("Set-Cookie", http::session_cookie(session->session, secure));
  return r;
}

Result<Response> logout_submit(Context& ctx, bool secure) {
  if (auto token =
          http::find_cookie(ctx.request.header("cookie").value_or(""), http::kSessionCookie)) {
    TRY(logout(ctx.db, *token));
  }
  Response r = Response::redirect("/login");
  r.with_header("Set-Cookie", http::expired_session_cookie(secure));
  return r;
}

// ---- account ---------------------------------------------------------------------------------

Response account_view(const Context& ctx, int status, json extra) {
  json view = {{"me", to_json(ctx.who())}};
  if (auto created = calendar_token_created(ctx.db, ctx.org(), ctx.who().user_id); !created) {
    return web::error_page(created.error(), http::status_for(created.error().code), ctx.principal);
  } else if (*created) {
    view["calendar_created"] = minute_text(**created);
  }
  view.update(extra);
  return web::page(ctx, status, {"Your account", ""}, "auth/routes/templates/account.mustache",
                   view);
}

Result<Response> account_page(Context& ctx) {
  json view = json::object();
  const auto notice = ctx.query_value("notice").value_or("");
  if (notice == "password") {
    view["notice"] = "Your password was changed, and you were signed out everywhere else.";
  } else if (notice == "calendar-revoked") {
    view["notice"] = "Your calendar link was revoked: calendars using it get nothing more.";
  }
  return account_view(ctx, 200, view);
}

// The new link is shown on this answer only (never in a redirect's URL, where it would reach
// the browser history and logs).
Result<Response> calendar_token_submit(Context& ctx) {
  TRY_ASSIGN(auto created,
             create_calendar_token(ctx.db, ctx.org(), ctx.who().user_id, ctx.who().actor()));
  return account_view(ctx, 200,
                      {{"calendar_path", "/calendar/" + created.secret + ".ics"},
                       {"notice",
                        "Your new calendar link is below. Copy it now: it is shown "
                        "once, and any earlier link no longer works."}});
}

Result<Response> calendar_revoke_submit(Context& ctx) {
  TRY(revoke_calendar_token(ctx.db, ctx.org(), ctx.who().user_id, ctx.who().actor()));
  return Response::redirect("/account?notice=calendar-revoked");
}

Result<Response> password_submit(Context& ctx, bool secure) {
  auto session =
      change_password(ctx.db, ctx.who(), ctx.form_value("current_password").value_or(""),
                      ctx.form_value("new_password").value_or(""), ctx.request.remote_addr,
                      std::string(ctx.request.header("user-agent").value_or("")));
  if (!session) {
    if (session.error().field.empty()) return session.error();
    return account_view(ctx, 422, {{"errors", {{session.error().field, session.error().message}}}});
  }
  Response r = Response::redirect("/account?notice=password");
  if (*session) r.with_header("Set-Cookie", http::session_cookie((*session)->session, secure));
  return r;
}

// ---- users -----------------------------------------------------------------------------------

json role_options(Role selected) {
  json options = json::array();
  for (Role role : all_roles()) {
    options.push_back({{"value", std::string(to_string(role))}, {"selected", role == selected}});
  }
  return options;
}

Response users_view(const Context& ctx, int status, json extra) {
  auto users = list_users(ctx.db, ctx.org());
  if (!users) return web::error_page(users.error(), 503, ctx.principal);
  json rows = json::array();
  for (const auto& u : *users) {
    json row = to_json(u);
    row["active"] = u.status == "active";
    row["is_me"] = u.id == ctx.who().user_id;
    rows.push_back(row);
  }
  json view = {
      {"users", rows}, {"roles", role_options(Role::contributor)}, {"form", json::object()}};
  view.update(extra);
  return web::page(ctx, status, {"Users", "users"}, "auth/routes/templates/users.mustache", view);
}

Result<Response> users_page(Context& ctx) {
  json extra = json::object();
  if (auto notice = ctx.query_value("notice")) {
    if (*notice == "updated") extra["notice"] = "The user was updated.";
  }
  return users_view(ctx, 200, extra);
}

Result<Response> user_create_submit(Context& ctx) {
  NewUser input;
  input.email = ctx.form_value("email").value_or("");
  input.name = ctx.form_value("name").value_or("");
  input.role = ctx.form_value("role").value_or("");
  const std::string password = ctx.form_value("password").value_or("");
  if (!password.empty()) input.password = password;
  auto created = add_user(ctx.db, ctx.org(), input, ctx.who().actor());
  json form = {{"email", input.email}, {"name", input.name}};
  if (!created) {
    if (created.error().field.empty()) return created.error();
    json extra = {{"form", form},
                  {"errors", {{created.error().field, created.error().message}}},
                  {"roles", role_options(parse_role(input.role).value_or(Role::contributor))}};
    return users_view(ctx, http::status_for(created.error().code), extra);
  }
  json extra = {{"notice", "Added " + created->user.email + "."}};
  if (created->generated_password) {
    extra["generated_password"] = *created->generated_password;
    extra["generated_for"] = created->user.email;
  }
  return users_view(ctx, 201, extra);
}

Response user_edit_view(const Context& ctx, int status, const User& user, json extra) {
  json view = {{"user", to_json(user)},
               {"roles", role_options(user.role)},
               {"active", user.status == "active"},
               {"is_me", user.id == ctx.who().user_id}};
  view.update(extra);
  return web::page(ctx, status, {"Edit " + user.email, "users"},
                   "auth/routes/templates/user_edit.mustache", view);
}

Result<Response> user_edit_page(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto user, get_user(ctx.db, ctx.org(), id));
  return user_edit_view(ctx, 200, user, json::object());
}

Result<Response> user_edit_submit(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  UserChanges changes;
  changes.name = ctx.form_value("name");
  changes.role = ctx.form_value("role");
  changes.status = ctx.form_value("status");
  changes.expected_version =
      std::strtoll(ctx.form_value("version").value_or("0").c_str(), nullptr, 10);
  auto updated = update_user(ctx.db, ctx.org(), id, changes, ctx.who().actor());
  if (updated) return Response::redirect("/admin/users?notice=updated");
  const Error& error = updated.error();
  if (error.code == ErrorCode::not_found) return error;
  TRY_ASSIGN(auto current, get_user(ctx.db, ctx.org(), id));
  json extra = {
      {"form_error", error.code == ErrorCode::stale_version
                         ? "Someone changed this user while you were editing. "
                           "The form now shows the current values; apply your change again."
                         : error.message}};
  return user_edit_view(ctx, http::status_for(error.code), current, extra);
}

// ---- tokens ----------------------------------------------------------------------------------

Response tokens_view(const Context& ctx, int status, json extra) {
  auto tokens = list_tokens(ctx.db, ctx.org());
  auto users = list_users(ctx.db, ctx.org());
  if (!tokens || !users)
    return web::error_page(Error::unavailable("database unavailable"), 503, ctx.principal);
  json rows = json::array();
  for (const auto& t : *tokens)
    rows.push_back(to_json(t));
  json owners = json::array();
  for (const auto& u : *users) {
    if (u.status == "active") {
      owners.push_back({{"id", u.id},
                        {"label", u.email + " (" + std::string(to_string(u.role)) + ")"},
                        {"selected", u.id == ctx.who().user_id}});
    }
  }
  json view = {{"tokens", rows}, {"owners", owners}, {"form", {{"expires_in_days", "90"}}}};
  view.update(extra);
  return web::page(ctx, status, {"API tokens", "tokens"}, "auth/routes/templates/tokens.mustache",
                   view);
}

Result<Response> tokens_page(Context& ctx) {
  json extra = json::object();
  if (ctx.query_value("notice") == std::optional<std::string>("revoked")) {
    extra["notice"] = "The token was revoked; it no longer works.";
  }
  return tokens_view(ctx, 200, extra);
}

Result<Response> token_create_submit(Context& ctx) {
  const std::string name = ctx.form_value("name").value_or("");
  const int64_t user_id =
      std::strtoll(ctx.form_value("user_id").value_or("0").c_str(), nullptr, 10);
  const std::string days_text = ctx.form_value("expires_in_days").value_or("");
  std::optional<int> days;
  if (!days_text.empty()) days = std::atoi(days_text.c_str());
  auto created = create_token(ctx.db, ctx.org(), user_id, name, days, ctx.who().actor());
  if (!created) {
    if (created.error().field.empty()) return created.error();
    return tokens_view(ctx, http::status_for(created.error().code),
                       {{"errors", {{created.error().field, created.error().message}}},
                        {"form", {{"name", name}, {"expires_in_days", days_text}}}});
  }
  return tokens_view(ctx, 201, {{"secret", created->secret}, {"secret_name", created->token.name}});
}

Result<Response> token_revoke_submit(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY(revoke_token(ctx.db, ctx.org(), id, ctx.who().actor()));
  return Response::redirect("/admin/tokens?notice=revoked");
}

}  // namespace

void register_pages(http::Router& r, bool secure) {
  r.add({"GET", "/login", http::RouteKind::page, std::nullopt,
         [secure](Context& c) { return login_page(c, secure); }});
  r.add({"POST", "/login", http::RouteKind::page, std::nullopt,
         [secure](Context& c) { return login_submit(c, secure); }});
  r.page("POST", "/logout", Action::read,
         [secure](Context& c) { return logout_submit(c, secure); });
  r.page("GET", "/account", Action::read, account_page);
  r.page("POST", "/account/password", Action::read,
         [secure](Context& c) { return password_submit(c, secure); });
  r.page("POST", "/account/calendar-token", Action::read, calendar_token_submit);
  r.page("POST", "/account/calendar-token/revoke", Action::read, calendar_revoke_submit);
  r.page("GET", "/admin/users", Action::manage_users, users_page);
  r.page("POST", "/admin/users", Action::manage_users, user_create_submit);
  r.page("GET", "/admin/users/{id}", Action::manage_users, user_edit_page);
  r.page("POST", "/admin/users/{id}", Action::manage_users, user_edit_submit);
  r.page("GET", "/admin/tokens", Action::manage_tokens, tokens_page);
  r.page("POST", "/admin/tokens", Action::manage_tokens, token_create_submit);
  r.page("POST", "/admin/tokens/{id}/revoke", Action::manage_tokens, token_revoke_submit);
}

}  // namespace aims::auth
