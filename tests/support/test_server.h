// An `aims serve` running inside the test process on a free port, over a fresh database, with
// an organisation and one user per role already created.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "auth/auth.h"
#include "http/app.h"
#include "http/server.h"
#include "store/database.h"
#include "support/backends.h"
#include "support/http_client.h"

namespace aims::testing {

struct SeededOrg {
  auth::Organisation org;
  std::map<auth::Role, auth::User> users;  // one per role
};

inline constexpr const char* kTestPassword = "a long test passphrase";

class TestServer {
 public:
  // Opens `url` (already migrated or not), seeds nothing.
  explicit TestServer(const std::string& url);
  ~TestServer();

  // Creates an organisation with one active user per role (emails <role>@<slug>.test).
  SeededOrg seed_org(const std::string& name);
  uint16_t port() const { return port_; }
  store::Database& db() { return *db_; }
  http::App& app() { return *app_; }
  HttpClient client() const { return HttpClient(port_); }
  // A client signed in as the user with `role` in `org`.
  HttpClient signed_in(const SeededOrg& org, auth::Role role) const;

 private:
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
};

std::string email_for(const std::string& org_name, auth::Role role);

}  // namespace aims::testing
