// The public concerns channel: a form anyone with the organisation's link can use, and the page
// where a reporter follows their concern with the receipt code. Hand-written because nobody signs
// in: the platform's register pages all need a session. The routes withhold the client's address
// from the access log and nothing here reads it or the user agent.
#include "concerns/public_routes.h"

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/text.h"
#include "base/time.h"
#include "concerns/channel.h"
#include "http/parse/cookies.h"
#include "inventory/inventory.h"
#include "web/web.h"

namespace aims::concerns {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

constexpr const char* kFormCookie = "aims_concern_csrf";
constexpr size_t kFormTokenChars = 32;  // 24 random bytes in base64url

// A signed-in visitor's forms carry their session's token (the platform checks it); anyone else
// gets a token of their own in a cookie for this path only, which the form must send back. A token
// the browser already holds is kept, so a second open page still sends.
std::pair<std::string, std::optional<std::string>> form_token(const Context& ctx) {
  if (ctx.principal) return {ctx.who().csrf_token, std::nullopt};
  const auto held = http::find_cookie(ctx.request.header("cookie").value_or(""), kFormCookie);
  if (held && held->size() >= kFormTokenChars) return {*held, std::nullopt};
  const std::string token = crypto::random_token(24);
  return {token,
          std::string(kFormCookie) + "=" + token + "; Path=/concerns; HttpOnly; SameSite=Strict"};
}

bool form_token_ok(const Context& ctx) {
  if (ctx.principal) return true;  // checked with the session's token before the handler
  const std::string sent = ctx.form_value("_csrf").value_or("");
  const auto expected = http::find_cookie(ctx.request.header("cookie").value_or(""), kFormCookie);
  return !sent.empty() && expected && crypto::constant_time_equal(sent, *expected);
}

Response public_page(const Context& ctx, int status, const std::string& title,
                     const char* body_template, json view) {
  auto [token, cookie] = form_token(ctx);
  view["csrf"] = token;
  Response r = web::bare_page(status, title, body_template, view);
  if (cookie) r.with_header("Set-Cookie", *cookie);
  return r;
}

Result<json> form_view(const Context& ctx, const Channel& channel, const std::string& token) {
  json systems = json::array();
  if (channel.list_systems) {
    TRY_ASSIGN(const auto names, inventory::system_names(ctx.db, channel.org));
    const std::string chosen = ctx.form_value("system_id").value_or("");
    for (const auto& [id, name] : names)
      systems.push_back({{"id", id}, {"name", name}, {"selected", chosen == std::to_string(id)}});
  }
  return json{{"organisation", channel.org_name},
              {"action", "/concerns/" + token},
              {"status_href", "/concerns/" + token + "/status"},
              {"systems", systems},
              {"has_systems", !systems.empty()},
              {"system_named", ctx.form_value("system_named").value_or("")},
              {"what_happened", ctx.form_value("what_happened").value_or("")},
              {"anonymous", ctx.form_value("anonymous").has_value()},
              {"contact", ctx.form_value("contact").value_or("")},
              {"max_bytes", kMaxConcernBytes}};
}

Result<Response> concern_form(Context& ctx) {
  const std::string token(ctx.params.front().second);
  TRY_ASSIGN(const Channel channel, open_channel(ctx.db, token));
  TRY_ASSIGN(json view, form_view(ctx, channel, token));
  return public_page(ctx, 200, "Raise a concern", "concerns/templates/public_form.mustache", view);
}

Result<Submission> submission_of(const Context& ctx) {
  Submission s;
  s.what_happened = std::string(trim(ctx.form_value("what_happened").value_or("")));
  if (s.what_happened.empty()) return Error::invalid("what_happened", "say what happened");
  s.system_named = std::string(trim(ctx.form_value("system_named").value_or("")));
  s.anonymous = ctx.form_value("anonymous").has_value();
  s.contact = std::string(trim(ctx.form_value("contact").value_or("")));
  const std::string system = ctx.form_value("system_id").value_or("");
  if (!system.empty()) {
    try {
      s.system_id = std::stoll(system);
    } catch (const std::exception&) {
      return Error::invalid("system_id", "choose an AI system from the list");
    }
  }
  return s;
}

Result<Response> concern_submit(Context& ctx) {
  const std::string token(ctx.params.front().second);
  TRY_ASSIGN(const Channel channel, open_channel(ctx.db, token));
  TRY_ASSIGN(json view, form_view(ctx, channel, token));
  if (!form_token_ok(ctx)) {
    view["error"] = "The form expired. Please send it again.";
    return public_page(ctx, 403, "Raise a concern", "concerns/templates/public_form.mustache",
                       view);
  }
  auto input = submission_of(ctx);
  auto code = input ? submit(ctx.db, channel, *input) : Result<std::string>(input.error());
  if (!code) {
    const Error& e = code.error();
    if (e.code != ErrorCode::invalid_argument && e.code != ErrorCode::rate_limited) return e;
    view["error"] = e.message;
    Response r = public_page(ctx, e.code == ErrorCode::rate_limited ? 429 : 422, "Raise a concern",
                             "concerns/templates/public_form.mustache", view);
    if (e.retry_after_seconds > 0)
      r.with_header("Retry-After", std::to_string(e.retry_after_seconds));
    return r;
  }
  return public_page(ctx, 201, "Concern received", "concerns/templates/public_receipt.mustache",
                     {{"organisation", channel.org_name},
                      {"code", *code},
                      {"status_href", "/concerns/" + token + "/status"}});
}

json receipt_json(const Receipt& r) {
  return {{"state", r.state},
          {"state_label", r.state_label},
          {"closed", r.state == "closed"},
          {"received_on", minute_text(r.received_at)},
          {"since", minute_text(r.state_since)},
          {"public_answer", r.public_answer.empty() ? json(nullptr) : json(r.public_answer)}};
}

Result<Response> status_form(Context& ctx) {
  const std::string token(ctx.params.front().second);
  TRY_ASSIGN(const Channel channel, open_channel(ctx.db, token));
  return public_page(ctx, 200, "Follow your concern", "concerns/templates/public_status.mustache",
                     {{"organisation", channel.org_name},
                      {"action", "/concerns/" + token + "/status"},
                      {"form_href", "/concerns/" + token}});
}

Result<Response> status_submit(Context& ctx) {
  const std::string token(ctx.params.front().second);
  TRY_ASSIGN(const Channel channel, open_channel(ctx.db, token));
  json view = {{"organisation", channel.org_name},
               {"action", "/concerns/" + token + "/status"},
               {"form_href", "/concerns/" + token}};
  if (!form_token_ok(ctx)) {
    view["error"] = "The form expired. Please send it again.";
    return public_page(ctx, 403, "Follow your concern", "concerns/templates/public_status.mustache",
                       view);
  }
  const std::string code = ctx.form_value("code").value_or("");
  const std::string information = ctx.form_value("information").value_or("");
  auto found = information.empty() ? receipt(ctx.db, channel, code)
                                   : add_information(ctx.db, channel, code, information);
  if (!found) {
    const Error& e = found.error();
    const int status = e.code == ErrorCode::not_found          ? 404
                       : e.code == ErrorCode::rate_limited     ? 429
                       : e.code == ErrorCode::invalid_argument ? 422
                                                               : 0;
    if (status == 0) return e;
    view["error"] = e.code == ErrorCode::not_found ? "No concern with this code." : e.message;
    if (e.code == ErrorCode::invalid_argument) view["code"] = code;
    Response r = public_page(ctx, status, "Follow your concern",
                             "concerns/templates/public_status.mustache", view);
    if (e.retry_after_seconds > 0)
      r.with_header("Retry-After", std::to_string(e.retry_after_seconds));
    return r;
  }
  view["code"] = code;
  view["receipt"] = receipt_json(*found);
  view["added"] = !information.empty();
  return public_page(ctx, 200, "Follow your concern", "concerns/templates/public_status.mustache",
                     view);
}

void add_public(http::Router& router, const char* method, const char* pattern,
                http::Handler handler) {
  http::Route route{method, pattern, http::RouteKind::page, std::nullopt, std::move(handler)};
  route.body = {kMaxConcernBytes * 2 + 4096, false};
  route.secret_in_path = true;   // the link's token
  route.withhold_client = true;  // the promise the page makes
  router.add(std::move(route));
}

}  // namespace

void register_public_routes(http::Router& router) {
  add_public(router, "GET", "/concerns/{token}", concern_form);
  add_public(router, "POST", "/concerns/{token}", concern_submit);
  add_public(router, "GET", "/concerns/{token}/status", status_form);
  add_public(router, "POST", "/concerns/{token}/status", status_submit);
}

}  // namespace aims::concerns
