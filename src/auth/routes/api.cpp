// JSON routes: sign-in, the caller, users and API tokens.
#include <spdlog/spdlog.h>

#include "auth/routes/json.h"
#include "auth/routes/routes_internal.h"
#include "http/app.h"
#include "http/json_io.h"
#include "http/paging.h"
#include "http/parse/cookies.h"

namespace aims::auth {
namespace {

using http::Context;
using http::Response;

Result<Response> login(Context& ctx, bool secure) {
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const std::string email = in.required_string("email", 254);
  const std::string password = in.required_string("password", 1024);
  TRY(in.finish());
  auto session = auth::login(ctx.db, email, password, ctx.request.remote_addr,
                             std::string(ctx.request.header("user-agent").value_or("")));
  log_sign_in(ctx, email, session.ok() ? "" : session.error().message);
  if (!session) return session.error();
  Response r = http::json_response(
      200, {{"csrf_token", session->csrf}, {"user", to_json(session->principal)}});
  r.with_header("Set-Cookie", http::session_cookie(session->session, secure));
  return r;
}

Result<Response> logout(Context& ctx, bool secure) {
  if (auto cookies = ctx.request.header("cookie")) {
    if (auto token = http::find_cookie(*cookies, http::kSessionCookie)) {
      TRY(auth::logout(ctx.db, *token));
    }
  }
  Response r = Response::no_content();
  r.with_header("Set-Cookie", http::expired_session_cookie(secure));
  return r;
}

Result<Response> me(Context& ctx) {
  return http::json_response(200, to_json(ctx.who()));
}

// Every session of the caller ends; a caller signed in with a session continues in a new one.
Result<Response> change_my_password(Context& ctx, bool secure) {
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const std::string current = in.required_string("current_password", 1024);
  const std::string replacement = in.required_string("new_password", 1024);
  TRY(in.finish());
  TRY_ASSIGN(auto session,
             change_password(ctx.db, ctx.who(), current, replacement, ctx.request.remote_addr,
                             std::string(ctx.request.header("user-agent").value_or(""))));
  if (!session) return http::json_response(200, {{"csrf_token", nullptr}});
  Response r = http::json_response(200, {{"csrf_token", session->csrf}});
  r.with_header("Set-Cookie", http::session_cookie(session->session, secure));
  return r;
}

Result<Response> list_users_api(Context& ctx) {
  TRY_ASSIGN(auto page, http::read_page_request(ctx, {"email", "name", "created_at"}, "email"));
  TRY_ASSIGN(auto users, list_users(ctx.db, ctx.org()));
  sort_users(users, page.sort, page.descending);
  auto [items, next] = http::slice_page(users, page);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : items)
    out.push_back(to_json(u));
  return http::json_list(out, next);
}

Result<Response> create_user_api(Context& ctx) {
  TRY_ASSIGN(auto in, http::read_json(ctx));
  NewUser user;
  user.email = in.required_string("email", 254);
  user.name = in.optional_string("name", 200).value_or("");
  user.role = in.required_string("role", 40);
  user.password = in.optional_string("password", 1024);
  TRY(in.finish());
  TRY_ASSIGN(auto created, add_user(ctx.db, ctx.org(), user, ctx.who().actor()));
  nlohmann::json body = to_json(created.user);
  if (created.generated_password) body["initial_password"] = *created.generated_password;
  Response r = http::json_record(201, body, created.user.version);
  r.with_header("Location", "/api/v1/users/" + std::to_string(created.user.id));
  return r;
}

Result<Response> get_user_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto user, get_user(ctx.db, ctx.org(), id));
  return http::json_record(200, to_json(user), user.version);
}

Result<Response> update_user_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto version, ctx.if_match());
  TRY_ASSIGN(auto in, http::read_json(ctx));
  UserChanges changes;
  changes.name = in.optional_string("name", 200);
  changes.role = in.optional_string("role", 40);
  changes.status = in.optional_string("status", 20);
  changes.expected_version = version;
  TRY(in.finish());
  TRY_ASSIGN(auto user, update_user(ctx.db, ctx.org(), id, changes, ctx.who().actor()));
  return http::json_record(200, to_json(user), user.version);
}

Result<Response> list_tokens_api(Context& ctx) {
  TRY_ASSIGN(auto page, http::read_page_request(ctx, {"created_at"}, "-created_at"));
  TRY_ASSIGN(auto tokens, list_tokens(ctx.db, ctx.org()));  // newest first
  if (!page.descending) std::reverse(tokens.begin(), tokens.end());
  auto [items, next] = http::slice_page(tokens, page);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : items)
    out.push_back(to_json(t));
  return http::json_list(out, next);
}

Result<Response> create_token_api(Context& ctx) {
  TRY_ASSIGN(auto in, http::read_json(ctx));
  const std::string name = in.required_string("name", 100);
  const int64_t user_id = in.required_int("user_id", 1, INT64_MAX);
  auto days = in.optional_int("expires_in_days", 1, 3650);
  TRY(in.finish());
  TRY_ASSIGN(auto created,
             create_token(ctx.db, ctx.org(), user_id, name,
                          days ? std::optional<int>(static_cast<int>(*days)) : std::nullopt,
                          ctx.who().actor()));
  Response r = http::json_record(
      201, {{"token", to_json(created.token)}, {"secret", created.secret}}, created.token.version);
  r.with_header("Location", "/api/v1/api-tokens/" + std::to_string(created.token.id));
  return r;
}

Result<Response> get_token_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto tokens, list_tokens(ctx.db, ctx.org()));
  for (const auto& t : tokens) {
    if (t.id == id) return http::json_record(200, to_json(t), t.version);
  }
  return Error::not_found("no such API token");
}

Result<Response> revoke_token_api(Context& ctx) {
  TRY_ASSIGN(auto id, ctx.path_id());
  TRY_ASSIGN(auto token, revoke_token(ctx.db, ctx.org(), id, ctx.who().actor()));
  return http::json_record(200, to_json(token), token.version);
}

// The caller's calendar feed token: whether one exists, a new one (shown once), revoking it.
Result<Response> calendar_token_api(Context& ctx) {
  TRY_ASSIGN(auto created, calendar_token_created(ctx.db, ctx.org(), ctx.who().user_id));
  return http::json_response(
      200, {{"exists", created.has_value()},
            {"created_at", created ? nlohmann::json(*created) : nlohmann::json(nullptr)}});
}

Result<Response> create_calendar_token_api(Context& ctx) {
  TRY_ASSIGN(auto created,
             create_calendar_token(ctx.db, ctx.org(), ctx.who().user_id, ctx.who().actor()));
  return http::json_response(201, {{"token", created.secret},
                                   {"path", "/calendar/" + created.secret + ".ics"},
                                   {"created_at", created.created_at}});
}

Result<Response> revoke_calendar_token_api(Context& ctx) {
  TRY(revoke_calendar_token(ctx.db, ctx.org(), ctx.who().user_id, ctx.who().actor()));
  return Response::no_content();
}

}  // namespace

void register_api(http::Router& r, bool secure) {
  r.add({"POST", "/api/v1/auth/login", http::RouteKind::api, std::nullopt,
         [secure](Context& c) { return login(c, secure); }});
  r.api("POST", "/api/v1/auth/logout", Action::read,
        [secure](Context& c) { return logout(c, secure); });
  r.api("GET", "/api/v1/me", Action::read, me);
  r.api("POST", "/api/v1/me/password", Action::read,
        [secure](Context& c) { return change_my_password(c, secure); });
  r.api("GET", "/api/v1/me/calendar-token", Action::read, calendar_token_api);
  r.api("POST", "/api/v1/me/calendar-token", Action::read, create_calendar_token_api);
  r.api("DELETE", "/api/v1/me/calendar-token", Action::read, revoke_calendar_token_api);
  r.api("GET", "/api/v1/users", Action::manage_users, list_users_api);
  r.api("POST", "/api/v1/users", Action::manage_users, create_user_api);
  r.api("GET", "/api/v1/users/{id}", Action::manage_users, get_user_api);
  r.api("PATCH", "/api/v1/users/{id}", Action::manage_users, update_user_api);
  r.api("GET", "/api/v1/api-tokens", Action::manage_tokens, list_tokens_api);
  r.api("POST", "/api/v1/api-tokens", Action::manage_tokens, create_token_api);
  r.api("GET", "/api/v1/api-tokens/{id}", Action::manage_tokens, get_token_api);
  r.api("DELETE", "/api/v1/api-tokens/{id}", Action::manage_tokens, revoke_token_api);
}

}  // namespace aims::auth
