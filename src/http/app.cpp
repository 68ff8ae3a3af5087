#include "http/app.h"

#include <chrono>
#include <fstream>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/text.h"
#include "http/client_address.h"
#include "http/context.h"
#include "http/errors.h"
#include "http/openapi.h"
#include "http/parse/cookies.h"
#include "store/migrate.h"

namespace aims::http {

// What the last step of a request needs to know about it; it may run after the Request is gone.
struct App::Outcome {
  explicit Outcome(const Request& r)
      : request_id(r.request_id), method(r.method), path(r.path), target(r.target) {}
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::string request_id;
  std::string method;
  std::string path;
  std::string target;
  std::string remote;
  std::string peer;
  std::string route = "(unmatched)";
  std::string actor;
  std::string error_code;
  std::string allow;     // the methods a 405 names
  bool sign_in = false;  // an anonymous caller of a page: send them to the sign-in form
  bool withhold_client = false;
  RouteKind kind = RouteKind::api;
  std::optional<auth::Principal> principal;

  void matched(const Route& r) {
    route = r.pattern;
    kind = r.kind;
    if (r.secret_in_path) path = target = r.pattern;  // credentials never reach the log
    withhold_client = r.withhold_client;
  }

  void caller(const std::optional<auth::Principal>& who) {
    principal = who;
    if (who) actor = who->actor().label;
  }
};

namespace {

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD";
}

// "https://aims.example.org" -> "aims.example.org", to compare with the Host header.
std::string_view host_of_origin(std::string_view origin) {
  const auto scheme = origin.find("://");
  return scheme == std::string_view::npos ? origin : origin.substr(scheme + 3);
}

bool is_loopback(const std::string& address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

bool has_control_bytes(std::string_view text) {
  for (char c : text) {
    if (c == '\r' || c == '\n' || c == '\0') return true;
  }
  return false;
}

// Streams a multipart body through the parser; file parts go to files of the upload store.
// Plain fields stay in memory, up to the route's body limit (a checked import posts its file
// back as a field) but never beyond 32 MiB.
Status read_multipart(const Request& request, const Route& route, UploadStore& store,
                      std::vector<MultipartPart>& parts) {
  TRY_ASSIGN(auto boundary, multipart_boundary(request.header("content-type").value_or("")));
  MultipartLimits limits;
  limits.max_field_bytes = std::min<size_t>(route.body.max_bytes, size_t{32} << 20);
  MultipartParser parser(boundary, limits, [&](MultipartPart& part) -> Result<PartSink> {
    // Server-generated names: a client's filename is never used as a path.
    TRY_ASSIGN(part.file, store.create());
    return PartSink([file = part.file](std::string_view bytes) { return file->write(bytes); });
  });
  std::ifstream in(request.body_file->path(), std::ios::binary);
  std::string chunk(1 << 16, '\0');
  Status status;
  while (status.ok() && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    status = parser.feed(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
  }
  if (status.ok()) status = parser.finish();
  parts = parser.parts();
  for (auto& part : parts) {
    if (part.file) part.file->close();
  }
  return status;
}

void add_security_headers(Response& response, bool cacheable, bool https) {
  response.with_header("X-Content-Type-Options", "nosniff")
      .with_header("X-Frame-Options", "DENY")
      .with_header("Referrer-Policy", "same-origin");
  if (!cacheable) response.with_header("Cache-Control", "no-store");
  if (https)
    response.with_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  for (const auto& [name, value] : response.headers) {
    if (name == "Content-Type" && value.starts_with("text/html")) {
      response.with_header("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                           "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                           "base-uri 'none'");
      break;
    }
  }
}

// The body each kind of content may have: forms small and in memory, files streamed to the
// upload store, anything else as the route says.
Result<BodyLimit> body_plan(const Request& request, const Route& route) {
  const std::string media = request.media_type();
  if (media == "application/x-www-form-urlencoded") {
    return BodyLimit{std::min(route.body.max_bytes, kMaxFormBytes), false};
  }
  if (media == "multipart/form-data" && !route.body.stream_to_file) {
    return Error{ErrorCode::malformed, "this route does not accept uploads", "Content-Type"};
  }
  return route.body;
}

Status check_csrf(const Context& ctx, const auth::Principal& principal) {
  std::string sent(ctx.request.header("x-csrf-token").value_or(""));
  if (sent.empty()) sent = ctx.form_value("_csrf").value_or("");
  if (!crypto::constant_time_equal(sent, principal.csrf_token)) {
    return Error{ErrorCode::permission_denied, "missing or invalid CSRF token", "_csrf"};
  }
  return {};
}

}  // namespace

std::string session_cookie(const std::string& value, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string expired_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (secure ? "; Secure" : "");
}

App::App(store::Database& db, Router router, AppOptions options)
    : db_(db), router_(std::move(router)), options_(std::move(options)) {
  if (!spdlog::get("access")) spdlog::stdout_logger_mt("access")->set_pattern("%v");
  router_.add(
      {"GET", "/healthz", RouteKind::api, std::nullopt, [this](Context&) -> Result<Response> {
         auto alive = db_.read([](store::Tx& tx) { return tx.query_row("SELECT 1"); });
         if (!alive) return Error::unavailable("database unreachable");
         return Response::json(200, R"({"status":"ok"})");
       }});
  // For load balancers: send traffic only once the database answers and its schema is this
  // binary's (a server started before `aims db migrate` ran is alive but not ready).
  router_.add(
      {"GET", "/readyz", RouteKind::api, std::nullopt, [this](Context&) -> Result<Response> {
         auto schema = store::schema_status(db_);
         if (!schema) return Error::unavailable("database unreachable");
         if (!schema->current()) return Error::unavailable("schema: " + schema->problem());
         return Response::json(200, R"({"status":"ready"})");
       }});
  router_.add(
      {"GET", "/metrics", RouteKind::api, std::nullopt, [this](Context& ctx) -> Result<Response> {
         const std::string bearer(ctx.request.header("authorization").value_or(""));
         const bool token_ok =
             !options_.metrics_token.empty() &&
             crypto::constant_time_equal(bearer, "Bearer " + options_.metrics_token);
         if (!options_.metrics_public && !token_ok && !is_loopback(ctx.request.remote_addr)) {
           return Error::not_found("no such page");
         }
         return Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
       }});
  router_.add(
      {"GET", "/api/v1/openapi.json", RouteKind::api, std::nullopt,
       [](Context&) -> Result<Response> { return Response::json(200, openapi_document()); }});
}

bool App::is_trusted_proxy(const std::string& address) const {
  return std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(), address) !=
         options_.trusted_proxies.end();
}

Response App::render_error(const Error& error, const Outcome& outcome) const {
  const int status = status_for(error.code);
  const auth::Principal* who = outcome.principal ? &*outcome.principal : nullptr;
  Response response = outcome.kind == RouteKind::page && error_page_
                          ? error_page_(error, status, who)
                          : Response::json(status, error_json(error, outcome.request_id));
  if (error.code == ErrorCode::rate_limited || error.code == ErrorCode::unavailable) {
    const int wait = error.retry_after_seconds > 0 ? error.retry_after_seconds : 5;
    response.with_header("Retry-After", std::to_string(wait));
  }
  return response;
}

// Everything that can be decided from the head: the route, the caller, the origin of a browser's
// state change and the permission. A refusal here means no body byte is read or stored.
Result<Admitted> App::check_head(Request& request, Outcome& outcome, Confirm confirm) {
  if (request.peer_addr.empty()) request.peer_addr = request.remote_addr;
  if (is_trusted_proxy(request.peer_addr)) {
    request.remote_addr = forwarded_client(request, options_.trusted_proxies);
  }
  outcome.remote = request.remote_addr;
  outcome.peer = request.peer_addr;
  outcome.kind = request.path.starts_with("/api/") ? RouteKind::api : RouteKind::page;
  if (!is_valid_utf8(request.path)) return Error::malformed("the URL is not valid UTF-8");
  auto match = router_.match(request.method, request.path);
  if (!match.route) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const auto& m : match.allowed_methods)
        allow += (allow.empty() ? "" : ", ") + m;
      outcome.allow = allow;
      return Error{ErrorCode::method_not_allowed, request.method + " is not allowed here", {}};
    }
    return Error::not_found("no such page");
  }
  Admitted admitted;
  admitted.route = match.route;
  admitted.params = std::move(match.params);
  const Route& route = *admitted.route;
  outcome.matched(route);
  TRY_ASSIGN(admitted.query, parse_form(request.query));

  // Who is calling: a bearer token wins over a session cookie. A safe request only reads, so on
  // PostgreSQL it may run before its remembered caller is confirmed: the confirmation travels
  // with its first statement, and nothing it read is answered unless that holds (run()).
  std::optional<Error> auth_error;
  auto* unconfirmed = confirm == Confirm::with_first_statement &&
                              db_.dialect() == store::Dialect::postgres &&
                              is_safe_method(request.method)
                          ? &admitted.unconfirmed
                          : nullptr;
  if (auto authz = request.header("authorization"); authz && route.pattern != "/metrics") {
    if (!to_lower_ascii(authz->substr(0, 7)).starts_with("bearer ")) {
      auth_error = Error{ErrorCode::unauthenticated, "Authorization must be 'Bearer <token>'", {}};
    } else if (auto who = auth::authenticate_token(
                   db_, credentials_, std::string(trim(authz->substr(7))), unconfirmed)) {
      admitted.principal = std::move(*who);
    } else {
      auth_error = who.error();
    }
  } else if (auto cookies = request.header("cookie")) {
    if (auto session = find_cookie(*cookies, kSessionCookie)) {
      if (auto who = auth::authenticate_session(db_, credentials_, *session, unconfirmed)) {
        admitted.principal = std::move(*who);
        admitted.by_session = true;
      } else {
        auth_error = who.error();
      }
    }
  }
  outcome.caller(admitted.principal);
  if (route.action && !admitted.principal) {
    if (auth_error && auth_error->code != ErrorCode::unauthenticated) return *auth_error;
    outcome.sign_in = route.kind == RouteKind::page;
    return auth_error.value_or(
        Error{ErrorCode::unauthenticated, "sign in or send an API token", {}});
  }
  // A browser session must prove a state change comes from our own pages: its Origin now, its
  // CSRF token once the (bounded) body is read.
  if (admitted.by_session && !is_safe_method(request.method)) {
    auto origin = request.header("origin");
    auto host = request.header("host");
    if (origin && host && *origin != "null" && host_of_origin(*origin) != *host) {
      return Error{ErrorCode::permission_denied, "cross-origin request refused", {}};
    }
  }
  if (route.action && !auth::can(admitted.principal->role, *route.action)) {
    // A refusal is an answer too: it must rest on the caller's current role.
    if (admitted.unconfirmed) return check_head(request, outcome, Confirm::now);
    spdlog::warn("permission denied: {} ({}) tried {} {}", admitted.principal->email,
                 auth::to_string(admitted.principal->role), request.method, route.pattern);
    return Error{ErrorCode::permission_denied,
                 "your role (" + std::string(auth::to_string(admitted.principal->role)) +
                     ") may not do this",
                 {}};
  }
  return admitted;
}

Admission App::admit(Request& request) {
  if (request.request_id.empty()) request.request_id = crypto::random_token(9);
  Outcome outcome(request);
  auto admitted = check_head(request, outcome);
  Result<BodyLimit> plan =
      admitted ? body_plan(request, *admitted->route) : Result<BodyLimit>(admitted.error());
  if (!plan) return {finish(outcome, plan.error()), {}};
  request.admitted = std::make_shared<Admitted>(std::move(*admitted));
  return {std::nullopt, *plan};
}

void App::handle(Request& request, Respond respond) {
  if (request.request_id.empty()) request.request_id = crypto::random_token(9);
  Outcome outcome(request);
  try {
    Result<Response> result = Error::internal("not admitted");
    if (request.admitted) {
      const Admitted& a = *request.admitted;
      outcome.matched(*a.route);
      outcome.remote = request.remote_addr;
      outcome.peer = request.peer_addr;
      outcome.caller(a.principal);
      result = run(request, a, outcome);
    } else if (auto admitted = check_head(request, outcome)) {
      result = run(request, *admitted, outcome);
    } else {
      result = admitted.error();
    }
    if (result && result->deferred) {
      // The work goes on elsewhere; the last step (headers, log, metrics) waits for its answer.
      auto start = std::move(result->deferred);
      start([this, outcome, respond](Result<Response> later) mutable {
        respond(finish(outcome, std::move(later)));
      });
      return;
    }
    respond(finish(outcome, std::move(result)));
  } catch (const std::exception& e) {
    respond(finish(outcome, Error::internal(e.what())));
  }
}

// The handler, with a caller that is not yet confirmed current under the condition that confirms
// it: the condition travels with the handler's first statement. When it no longer holds (the
// organisation's credentials changed since this server remembered the caller), whatever the
// handler made of its reads is dropped, and the request is admitted again after a fresh look-up
// of the credential, then run again (a safe request wrote nothing) or refused.
Result<Response> App::run(Request& request, const Admitted& admitted, Outcome& outcome) {
  if (!admitted.unconfirmed) return run_handler(request, admitted);
  store::Precondition condition = *admitted.unconfirmed;
  Result<Response> result = Error::internal("the handler did not run");
  {
    store::PreconditionScope scope(condition);
    result = run_handler(request, admitted);
  }
  using How = Metrics::Confirmation;
  // A handler that read nothing (or whose work goes on elsewhere) has not checked it yet.
  const bool carried = condition.state() != store::Precondition::State::unchecked;
  TRY(store::confirm(db_, condition));
  if (condition.state() == store::Precondition::State::held) {
    metrics_.count_confirmation(carried ? How::with_first_statement : How::alone);
    return result;
  }
  metrics_.count_confirmation(How::changed);
  TRY_ASSIGN(const Admitted fresh, check_head(request, outcome, Confirm::now));
  return run_handler(request, fresh);
}

// The body is here: the form or the uploaded parts, the session's CSRF token, then the handler.
Result<Response> App::run_handler(Request& request, const Admitted& admitted) {
  const Route& route = *admitted.route;
  const auth::Principal* who = admitted.principal ? &*admitted.principal : nullptr;
  Context ctx{request, db_, who, admitted.params, admitted.query, {}, {}};
  if (!is_safe_method(request.method)) {
    const std::string media = request.media_type();
    if (media == "application/x-www-form-urlencoded") {
      if (request.body.size() > kMaxFormBytes) {
        return Error{ErrorCode::too_large, "the form is larger than 64 KiB", {}};
      }
      TRY_ASSIGN(ctx.form, parse_form(request.body));
    } else if (media == "multipart/form-data") {
      if (!request.body_file || !options_.uploads) {
        return Error::malformed("this route does not accept uploads");
      }
      TRY(read_multipart(request, route, *options_.uploads, ctx.uploads));
    }
    if (admitted.by_session) TRY(check_csrf(ctx, *who));
  }
  return route.handler(ctx);
}

Response App::finish(Outcome& outcome, Result<Response> result) const {
  Response response;
  if (result) {
    response = std::move(*result);
    if (response.status >= 400) outcome.error_code = "status_" + std::to_string(response.status);
  } else {
    const Error& error = result.error();
    outcome.error_code = std::string(to_string(error.code));
    if (error.code == ErrorCode::internal) {
      spdlog::error("request {} {} {}: {}", outcome.request_id, outcome.method, outcome.route,
                    error.message);
    }
    if (outcome.sign_in) {
      const std::string next = outcome.method == "GET" ? outcome.target : "/";
      response = Response::redirect("/login?next=" + percent_encode(next));
    } else {
      response = render_error(error, outcome);
    }
    if (!outcome.allow.empty()) response.with_header("Allow", outcome.allow);
  }
  // A header value with a line break would let input write headers of its own.
  for (const auto& [name, value] : response.headers) {
    if (has_control_bytes(name) || has_control_bytes(value)) {
      spdlog::error("request {}: refused to send header {} with a control character",
                    outcome.request_id, json_text::quote(name));
      response = Response::json(
          500, error_json(Error::internal("unsafe response header"), outcome.request_id));
      outcome.error_code = "internal";
      break;
    }
  }
  add_security_headers(response, outcome.path.starts_with("/static/"), options_.secure_cookies);
  response.with_header("X-Request-Id", outcome.request_id);
  log(outcome, response);
  return response;
}

void App::log(const Outcome& outcome, const Response& response) const {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - outcome.started).count();
  metrics_.observe(outcome.method, outcome.route, response.status, seconds, outcome.error_code);
  std::map<std::string, std::string> fields = {
      {"request_id", json_text::quote(outcome.request_id)},
      {"method", json_text::quote(outcome.method)},
      {"path", json_text::quote(is_valid_utf8(outcome.path) ? outcome.path : "(invalid)")},
      {"route", json_text::quote(outcome.route)},
      {"status", json_text::number(int64_t{response.status})},
      {"bytes", json_text::number(static_cast<int64_t>(response.body.size()))},
      {"duration_ms", json_text::number(seconds * 1000.0)},
      {"remote", json_text::quote(outcome.withhold_client ? "withheld" : outcome.remote)},
      {"actor", json_text::quote(outcome.actor)},
      {"error",
       outcome.error_code.empty() ? json_text::null() : json_text::quote(outcome.error_code)},
  };
  if (outcome.peer != outcome.remote && !outcome.withhold_client)
    fields["proxy"] = json_text::quote(outcome.peer);
  spdlog::get("access")->info(json_text::object(fields));
}

}  // namespace aims::http
