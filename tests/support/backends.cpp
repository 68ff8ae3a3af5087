#include "support/backends.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <libpq-fe.h>
#include <unistd.h>

#include "base/crypto.h"
#include "store/migrate.h"

namespace aims::testing {
namespace {

std::optional<std::string> postgres_admin_url() {
  const char* file = std::getenv("AIMS_TEST_PG_URL_FILE");
  if (!file) return std::nullopt;
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) {
    ADD_FAILURE() << "AIMS_TEST_PG_URL_FILE=" << file << " holds no URL: did PostgreSQL start?";
    return std::nullopt;
  }
  return url;
}

std::string create_postgres_database(const std::string& admin_url) {
  static std::atomic<int> counter{0};
  const std::string name = "aims_t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot reach the test PostgreSQL: " << PQerrorMessage(conn);
    PQfinish(conn);
    return {};
  }
  PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) ADD_FAILURE() << "CREATE DATABASE failed: " << PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok) return {};
  // Replace the database name (after the last '/') of the admin URL.
  return admin_url.substr(0, admin_url.rfind('/') + 1) + name;
}

}  // namespace

std::vector<Backend> all_backends() {
  return {Backend::sqlite, Backend::postgres};
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgres";
}

std::optional<std::string> fresh_database_url(Backend backend) {
  crypto::init();
  if (backend == Backend::sqlite) {
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::temp_directory_path() /
               ("aims-test-" + std::to_string(getpid()) + "-" + crypto::random_token(6));
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / ("db" + std::to_string(++counter) + ".sqlite")).string();
  }
  auto admin = postgres_admin_url();
  if (!admin) return std::nullopt;
  std::string url = create_postgres_database(*admin);
  if (url.empty()) return std::nullopt;
  return url;
}

std::string fresh_key_file_path() {
  crypto::init();
  return (std::filesystem::temp_directory_path() /
          ("aims-test-" + std::to_string(getpid()) + "-" + crypto::random_token(9) + ".key"))
      .string();
}

void BackendTest::SetUp() {
  auto url = fresh_database_url(GetParam());
  if (!url) {
    if (!::testing::Test::HasFailure()) GTEST_SKIP() << "no PostgreSQL configured";
    return;
  }
  url_ = *url;
  auto db = store::Database::open(url_);
  ASSERT_TRUE(db.ok()) << db.error().message;
  db_ = std::move(*db);
  auto applied = store::migrate(*db_);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
}

}  // namespace aims::testing
