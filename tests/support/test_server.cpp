#include "support/test_server.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "base/crypto.h"
#include "cli/composition.h"
#include "store/migrate.h"
#include "web/web.h"

namespace aims::testing {

std::string email_for(const std::string& org_name, auth::Role role) {
  std::string slug;
  for (char c : org_name) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      slug.push_back(static_cast<char>(std::tolower(c)));
  }
  return std::string(auth::to_string(role)) + "@" + slug + ".test";
}

TestServer::TestServer(const std::string& url, TestServerOptions options) {
  crypto::init();
  key_file_ = fresh_key_file_path();
  auto keys = trail::SigningKeys::open_or_create(key_file_);
  if (!keys) throw std::runtime_error(keys.error().message);
  keys_.emplace(std::move(*keys));
  if (auto logger = spdlog::get("access")) logger->set_level(spdlog::level::off);
  spdlog::set_level(spdlog::level::err);
  auto db = store::Database::open(url, {.pool_size = 8});
  if (!db) throw std::runtime_error(db.error().message);
  db_ = std::move(*db);
  auto applied = store::migrate(*db_);
  if (!applied) throw std::runtime_error(applied.error().message);
  upload_dir_ =
      std::filesystem::temp_directory_path() / ("aims-test-uploads-" + crypto::random_token(6));
  auto uploads = http::UploadStore::open(upload_dir_.string(), options.upload_budget);
  if (!uploads) throw std::runtime_error(uploads.error().message);
  http::AppOptions app_options;
  app_options.uploads = *uploads;
  app_options.trusted_proxies = options.trusted_proxies;
  app_options.secure_cookies = options.secure_cookies;
  app_options.metrics_token = options.metrics_token;
  monitoring_runs_ = std::make_unique<monitoring::RunPool>(options.monitoring_runs);
  app_ = std::make_unique<http::App>(
      *db_, cli::build_router(options.secure_cookies, *monitoring_runs_, *keys_), app_options);
  app_->set_error_page(web::error_page);
  if (auto logger = spdlog::get("access")) logger->set_level(spdlog::level::off);
  http::ServerOptions server_options;
  server_options.port = 0;
  auto server = http::Server::bind(server_options, *app_);
  if (!server) throw std::runtime_error(server.error().message);
  server_ = std::move(*server);
  port_ = server_->port();
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  server_->stop();
  thread_.join();
  monitoring_runs_->stop();  // as aims serve does: after the server, before anything it uses
  std::error_code ignored;
  std::filesystem::remove_all(upload_dir_, ignored);
  std::filesystem::remove(key_file_, ignored);
}

size_t TestServer::files_in_upload_dir() const {
  std::error_code ec;
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(upload_dir_, ec))
    ++n;
  return n;
}

SeededOrg TestServer::seed_org(const std::string& name) {
  SeededOrg seeded;
  const trail::Actor actor{"cli", std::nullopt, "cli:test"};
  auto created = auth::create_organisation(
      *db_, name, {email_for(name, auth::Role::admin), "Admin", "admin", kTestPassword}, actor);
  if (!created) throw std::runtime_error(created.error().message);
  seeded.org = created->first;
  seeded.users[auth::Role::admin] = created->second.user;
  for (auth::Role role : auth::all_roles()) {
    if (role == auth::Role::admin) continue;
    auto user = auth::add_user(*db_, seeded.org.id,
                               {email_for(name, role), std::string(auth::to_string(role)),
                                std::string(auth::to_string(role)), kTestPassword},
                               actor);
    if (!user) throw std::runtime_error(user.error().message);
    seeded.users[role] = user->user;
  }
  return seeded;
}

HttpClient TestServer::signed_in(const SeededOrg& org, auth::Role role) const {
  HttpClient client(port_);
  const int status = client.login(org.users.at(role).email, kTestPassword);
  if (status != 200) throw std::runtime_error("test sign-in failed with " + std::to_string(status));
  return client;
}

}  // namespace aims::testing
