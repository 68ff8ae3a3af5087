// The request pipeline: route lookup, authentication (session cookie or bearer token), CSRF and
// permission checks, the handler, error mapping, security headers, access log and metrics.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "auth/auth.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "store/database.h"

namespace aims::http {

inline constexpr const char* kSessionCookie = "aims_session";

struct AppOptions {
  bool secure_cookies = false;  // set when served over HTTPS (behind a TLS proxy)
  bool metrics_public = false;  // otherwise /metrics answers loopback clients only
  std::string upload_dir = "/tmp";
};

// Renders an error as an HTML page for page routes (supplied by web/).
using ErrorPage =
    std::function<Response(const Error& error, int status, const auth::Principal* principal)>;

class App {
 public:
  App(store::Database& db, Router router, AppOptions options);

  void set_error_page(ErrorPage page) { error_page_ = std::move(page); }
  // How large a body the route for this request accepts, and whether it streams to disk.
  BodyLimit body_limit(std::string_view method, std::string_view target) const;
  // Answers one request. Runs on a worker thread; never throws.
  Response handle(Request& request);

  Metrics& metrics() { return metrics_; }
  const Router& router() const { return router_; }
  const AppOptions& options() const { return options_; }

 private:
  struct Outcome;
  Response dispatch(Request& request, Outcome& outcome);
  Response render_error(const Error& error, RouteKind kind, const auth::Principal* principal,
                        const Request& request) const;

  store::Database& db_;
  Router router_;
  AppOptions options_;
  Metrics metrics_;
  ErrorPage error_page_;
};

// Set-Cookie values for the session cookie: HttpOnly, SameSite=Strict, Path=/.
std::string session_cookie(const std::string& value, bool secure);
std::string expired_session_cookie(bool secure);

}  // namespace aims::http
