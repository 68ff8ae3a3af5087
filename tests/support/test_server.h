// An `aims serve` running inside the test process on a free port, over a fresh database, with
// an organisation and one user per role already created.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "auth/auth.h"
#include "http/app.h"
#include "http/server.h"
#include "monitoring/run_pool.h"
#include "store/database.h"
#include "support/backends.h"
#include "support/http_client.h"
#include "trail/keys.h"

namespace aims::testing {

struct SeededOrg {
  auth::Organisation org;
  std::map<auth::Role, auth::User> users;  // one per role
};

inline constexpr const char* kTestPassword = "a long test passphrase";

struct TestServerOptions {
  uint64_t upload_budget = uint64_t{1} << 30;
  std::vector<std::string> trusted_proxies;
  bool secure_cookies = false;
  std::string metrics_token;
  monitoring::RunPoolOptions monitoring_runs;
};

class TestServer {
 public:
  // Opens `url` (already migrated or not), seeds nothing.
  explicit TestServer(const std::string& url, TestServerOptions options = {});
  ~TestServer();

  // Creates an organisation with one active user per role (emails <role>@<slug>.test).
  SeededOrg seed_org(const std::string& name);
  uint16_t port() const { return port_; }
  store::Database& db() { return *db_; }
  // The audit trail's signing keys, from a key file of this server's own.
  const trail::SigningKeys& keys() const { return *keys_; }
  http::App& app() { return *app_; }
  // Where uploaded prediction logs are run.
  monitoring::RunPool& monitoring_runs() { return *monitoring_runs_; }
  HttpClient client() const { return HttpClient(port_); }
  // The server's private upload folder, and how many files are in it right now.
  const std::filesystem::path& upload_dir() const { return upload_dir_; }
  size_t files_in_upload_dir() const;
  // A client signed in as the user with `role` in `org`.
  HttpClient signed_in(const SeededOrg& org, auth::Role role) const;

 private:
  std::string key_file_;
  std::optional<trail::SigningKeys> keys_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<monitoring::RunPool> monitoring_runs_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::filesystem::path upload_dir_;
  uint16_t port_ = 0;
};

std::string email_for(const std::string& org_name, auth::Role role);

}  // namespace aims::testing
