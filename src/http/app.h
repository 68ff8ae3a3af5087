// The request pipeline, in the order every request takes it: route lookup, the caller (session
// cookie or bearer token), origin and permission checks when the head arrives; then the body,
// the CSRF token, the handler, error mapping, security headers, access log and metrics.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "auth/credential_cache.h"
#include "http/metrics.h"
#include "http/parse/form.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/upload_store.h"
#include "store/database.h"
#include "store/precondition.h"

namespace aims::http {

inline constexpr const char* kSessionCookie = "aims_session";
// URL-encoded form bodies are read into memory and parsed whole, so they stay small; files come
// as multipart bodies, which stream to the upload store.
inline constexpr size_t kMaxFormBytes = 64 << 10;

struct AppOptions {
  // Served over HTTPS (behind a TLS proxy): cookies are Secure and HSTS is sent.
  bool secure_cookies = false;
  // /metrics answers every client; otherwise loopback clients, or holders of metrics_token.
  bool metrics_public = false;
  std::string metrics_token;
  // Peers (reverse proxies) whose X-Forwarded-For or Forwarded header names the real client.
  std::vector<std::string> trusted_proxies;
  std::shared_ptr<UploadStore> uploads;
};

// What App::admit found out from a request's head, kept for the rest of the request.
struct Admitted {
  const Route* route = nullptr;
  PathParams params;
  FormFields query;
  std::optional<auth::Principal> principal;
  bool by_session = false;
  // Set when `principal` is what this server remembered, not yet confirmed current: the request
  // checks it with its first statement (App::run).
  std::optional<store::Precondition> unconfirmed;
};

// The decision on a request's head: refuse it (and discard the body unread), or read a body of
// at most `body.max_bytes`, into memory or into the upload store.
struct Admission {
  std::optional<Response> refusal;
  BodyLimit body;
};

// Renders an error as an HTML page for page routes (supplied by web/).
using ErrorPage =
    std::function<Response(const Error& error, int status, const auth::Principal* principal)>;
// Sends the final answer to the client; called exactly once per request.
using Respond = std::function<void(Response)>;

class App {
 public:
  App(store::Database& db, Router router, AppOptions options);

  void set_error_page(ErrorPage page) { error_page_ = std::move(page); }
  // Checks the route, the caller and the permission from the head alone, before any body byte
  // is read or 100 Continue is sent. Runs on a worker (it may read the database).
  Admission admit(Request& request);
  // Answers a request whose body has been read (admitting it first when admit was not called).
  // `respond` may be called after this returns, from another thread (Response::later).
  // Never throws.
  void handle(Request& request, Respond respond);

  Metrics& metrics() { return metrics_; }
  const Router& router() const { return router_; }
  const AppOptions& options() const { return options_; }
  bool is_trusted_proxy(const std::string& address) const;

 private:
  struct Outcome;
  // When a remembered caller is confirmed current: before the head is admitted, or by the
  // request's first statement (a safe request on PostgreSQL, where that saves a round trip).
  enum class Confirm { now, with_first_statement };
  Result<Admitted> check_head(Request& request, Outcome& outcome,
                              Confirm confirm = Confirm::with_first_statement);
  Result<Response> run(Request& request, const Admitted& admitted, Outcome& outcome);
  Result<Response> run_handler(Request& request, const Admitted& admitted);
  // The last step of every request: error mapping, header checks, security headers, log, metrics.
  Response finish(Outcome& outcome, Result<Response> result) const;
  Response render_error(const Error& error, const Outcome& outcome) const;
  void log(const Outcome& outcome, const Response& response) const;

  store::Database& db_;
  // Whom the tokens and sessions of recent requests belong to; honours every change at once.
  auth::CredentialCache credentials_;
  Router router_;
  AppOptions options_;
  mutable Metrics metrics_;
  ErrorPage error_page_;
};

// Set-Cookie values for the session cookie: HttpOnly, SameSite=Strict, Path=/.
std::string session_cookie(const std::string& value, bool secure);
std::string expired_session_cookie(bool secure);

}  // namespace aims::http
