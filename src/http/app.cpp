#include "http/app.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/text.h"
#include "http/context.h"
#include "http/errors.h"
#include "http/openapi.h"
#include "http/parse/cookies.h"

namespace aims::http {

struct App::Outcome {
  std::string route = "(unmatched)";
  std::string actor;
  std::string error_code;
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

// Deletes a streamed body and the files its multipart parts were written to.
class UploadCleanup {
 public:
  explicit UploadCleanup(const Request& request, const std::vector<MultipartPart>& parts)
      : request_(request), parts_(parts) {}
  ~UploadCleanup() {
    std::error_code ignored;
    if (!request_.body_file.empty()) std::filesystem::remove(request_.body_file, ignored);
    for (const auto& part : parts_) {
      if (!part.stored_path.empty()) std::filesystem::remove(part.stored_path, ignored);
    }
  }
  UploadCleanup(const UploadCleanup&) = delete;
  UploadCleanup& operator=(const UploadCleanup&) = delete;

 private:
  const Request& request_;
  const std::vector<MultipartPart>& parts_;
};

// Streams a multipart body file through the parser; file parts land next to it.
Status read_multipart(const Request& request, const std::string& dir,
                      std::vector<MultipartPart>& parts) {
  auto boundary = multipart_boundary(request.header("content-type").value_or(""));
  if (!boundary) return boundary.error();
  auto outputs = std::make_shared<std::vector<std::unique_ptr<std::ofstream>>>();
  MultipartParser parser(*boundary, {}, [&](MultipartPart& part) -> Result<PartSink> {
    // Server-generated names: a client's filename is never used as a path.
    part.stored_path = dir + "/aims-part-" + crypto::random_token(12);
    outputs->push_back(std::make_unique<std::ofstream>(part.stored_path, std::ios::binary));
    std::ofstream* out = outputs->back().get();
    if (!*out) return Error::unavailable("cannot store the upload");
    return PartSink([out](std::string_view bytes) -> Status {
      out->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!*out) return Error::unavailable("cannot store the upload (disk full?)");
      return {};
    });
  });
  std::ifstream in(request.body_file, std::ios::binary);
  std::string chunk(1 << 16, '\0');
  Status status;
  while (status.ok() && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    status = parser.feed(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
  }
  if (status.ok()) status = parser.finish();
  for (auto& out : *outputs)
    out->close();
  parts = parser.parts();
  return status;
}

void add_security_headers(Response& response, bool cacheable) {
  response.with_header("X-Content-Type-Options", "nosniff")
      .with_header("X-Frame-Options", "DENY")
      .with_header("Referrer-Policy", "same-origin");
  if (!cacheable) response.with_header("Cache-Control", "no-store");
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
  router_.add(
      {"GET", "/metrics", RouteKind::api, std::nullopt, [this](Context& ctx) -> Result<Response> {
         if (!options_.metrics_public && !is_loopback(ctx.request.remote_addr)) {
           return Error::not_found("no such page");
         }
         return Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
       }});
  router_.add(
      {"GET", "/api/v1/openapi.json", RouteKind::api, std::nullopt,
       [](Context&) -> Result<Response> { return Response::json(200, openapi_document()); }});
}

BodyLimit App::body_limit(std::string_view method, std::string_view target) const {
  std::string path(target.substr(0, target.find('?')));
  auto match = router_.match(method, path);
  if (!match.route) return BodyLimit{64 << 10, false};
  return match.route->body;
}

Response App::render_error(const Error& error, RouteKind kind, const auth::Principal* principal,
                           const Request& request) const {
  const int status = status_for(error.code);
  Response response = kind == RouteKind::page && error_page_
                          ? error_page_(error, status, principal)
                          : Response::json(status, error_json(error, request.request_id));
  if (error.code == ErrorCode::rate_limited) response.with_header("Retry-After", "60");
  return response;
}

Response App::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  request.request_id = crypto::random_token(9);
  Outcome outcome;
  Response response;
  try {
    response = dispatch(request, outcome);
  } catch (const std::exception& e) {
    spdlog::error("request {} failed with an exception: {}", request.request_id, e.what());
    outcome.error_code = "internal";
    response = Response::json(500, error_json(Error::internal(e.what()), request.request_id));
  }
  const bool cacheable = request.path.starts_with("/static/");
  add_security_headers(response, cacheable);
  response.with_header("X-Request-Id", request.request_id);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(request.method, outcome.route, response.status, seconds, outcome.error_code);
  spdlog::get("access")->info(json_text::object({
      {"request_id", json_text::quote(request.request_id)},
      {"method", json_text::quote(request.method)},
      {"path", json_text::quote(is_valid_utf8(request.path) ? request.path : "(invalid)")},
      {"route", json_text::quote(outcome.route)},
      {"status", json_text::number(int64_t{response.status})},
      {"bytes", json_text::number(static_cast<int64_t>(response.body.size()))},
      {"duration_ms", json_text::number(seconds * 1000.0)},
      {"remote", json_text::quote(request.remote_addr)},
      {"actor", json_text::quote(outcome.actor)},
      {"error",
       outcome.error_code.empty() ? json_text::null() : json_text::quote(outcome.error_code)},
  }));
  return response;
}

Response App::dispatch(Request& request, Outcome& outcome) {
  const RouteKind guessed = request.path.starts_with("/api/") ? RouteKind::api : RouteKind::page;
  auto fail = [&](const Error& error, RouteKind kind, const auth::Principal* who) {
    outcome.error_code = std::string(to_string(error.code));
    return render_error(error, kind, who, request);
  };
  if (!is_valid_utf8(request.path)) {
    return fail(Error::malformed("the URL is not valid UTF-8"), guessed, nullptr);
  }
  auto match = router_.match(request.method, request.path);
  if (!match.route) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const auto& m : match.allowed_methods)
        allow += (allow.empty() ? "" : ", ") + m;
      outcome.error_code = "method_not_allowed";
      Error error{ErrorCode::malformed, request.method + " is not allowed here", {}};
      Response r = Response::json(405, error_json(error, request.request_id));
      r.with_header("Allow", allow);
      return r;
    }
    return fail(Error::not_found("no such page"), guessed, nullptr);
  }
  const Route& route = *match.route;
  outcome.route = route.pattern;

  // Who is calling: a bearer token wins over a session cookie.
  std::optional<auth::Principal> principal;
  bool by_session = false;
  std::optional<Error> auth_error;
  if (auto authz = request.header("authorization")) {
    if (!to_lower_ascii(authz->substr(0, 7)).starts_with("bearer ")) {
      auth_error = Error{ErrorCode::unauthenticated, "Authorization must be 'Bearer <token>'", {}};
    } else {
      auto who = auth::authenticate_token(db_, std::string(trim(authz->substr(7))));
      if (who)
        principal = *who;
      else
        auth_error = who.error();
    }
  } else if (auto cookies = request.header("cookie")) {
    if (auto session = find_cookie(*cookies, kSessionCookie)) {
      auto who = auth::authenticate_session(db_, *session);
      if (who) {
        principal = *who;
        by_session = true;
      } else {
        auth_error = who.error();
      }
    }
  }
  if (principal) outcome.actor = principal->actor().label;

  if (route.action) {
    if (!principal) {
      if (auth_error && auth_error->code != ErrorCode::unauthenticated) {
        return fail(*auth_error, route.kind, nullptr);
      }
      if (route.kind == RouteKind::page) {
        outcome.error_code = "unauthenticated";
        const std::string next = request.method == "GET" ? request.target : "/";
        return Response::redirect("/login?next=" + percent_encode(next));
      }
      return fail(auth_error.value_or(
                      Error{ErrorCode::unauthenticated, "sign in or send an API token", {}}),
                  route.kind, nullptr);
    }
  }
  const auth::Principal* who = principal ? &*principal : nullptr;

  Context ctx{request, db_, who, match.params, {}, {}, {}};
  auto query = parse_form(request.query);
  if (!query) return fail(query.error(), route.kind, who);
  ctx.query = std::move(*query);

  UploadCleanup cleanup(request, ctx.uploads);
  const std::string media = request.media_type();
  if (!is_safe_method(request.method)) {
    if (media == "application/x-www-form-urlencoded") {
      // A form posted to an upload route (e.g. confirming a checked import) was streamed to disk.
      if (!request.body_file.empty()) {
        std::ifstream in(request.body_file, std::ios::binary);
        request.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      auto form = parse_form(request.body);
      if (!form) return fail(form.error(), route.kind, who);
      ctx.form = std::move(*form);
    } else if (media == "multipart/form-data") {
      if (request.body_file.empty()) {
        return fail(Error::malformed("this route does not accept uploads"), route.kind, who);
      }
      if (Status s = read_multipart(request, options_.upload_dir, ctx.uploads); !s) {
        return fail(s.error(), route.kind, who);
      }
    }
    // A browser session must prove the request comes from our own pages.
    if (by_session) {
      auto origin = request.header("origin");
      auto host = request.header("host");
      if (origin && host && *origin != "null" && host_of_origin(*origin) != *host) {
        return fail({ErrorCode::permission_denied, "cross-origin request refused", {}}, route.kind,
                    who);
      }
      std::string sent(request.header("x-csrf-token").value_or(""));
      if (sent.empty()) sent = ctx.form_value("_csrf").value_or("");
      if (!crypto::constant_time_equal(sent, principal->csrf_token)) {
        return fail({ErrorCode::permission_denied, "missing or invalid CSRF token", "_csrf"},
                    route.kind, who);
      }
    }
  }

  if (route.action && !auth::can(principal->role, *route.action)) {
    spdlog::warn("permission denied: {} ({}) tried {} {}", principal->email,
                 auth::to_string(principal->role), request.method, route.pattern);
    return fail(
        {ErrorCode::permission_denied,
         "your role (" + std::string(auth::to_string(principal->role)) + ") may not do this",
         {}},
        route.kind, who);
  }

  auto result = route.handler(ctx);
  if (!result) {
    if (result.error().code == ErrorCode::internal) {
      spdlog::error("request {} {} {}: {}", request.request_id, request.method, route.pattern,
                    result.error().message);
    }
    return fail(result.error(), route.kind, who);
  }
  if (result->status >= 400) outcome.error_code = "status_" + std::to_string(result->status);
  return std::move(*result);
}

}  // namespace aims::http
