// `aims serve` takes every option from the environment as well (AIMS_LISTEN, ...), a PostgreSQL
// password from a file, and prints what it would run with, the password masked.
#include <algorithm>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/process.h"

namespace aims {
namespace {

using testing::run_aims;

TEST(ServeConfigTest, OptionsComeFromTheEnvironmentAndTheCommandLineWins) {
  auto r = run_aims({"serve", "--db", "postgresql://aims:hunter2@db.example/aims", "--workers", "4",
                     "--print-config"},
                    {"AIMS_LISTEN=0.0.0.0:9000", "AIMS_WORKERS=12",
                     "AIMS_TRUSTED_PROXY=10.0.0.1,10.0.0.2", "AIMS_METRICS_PUBLIC=true"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("listen=\"0.0.0.0:9000\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("workers=4\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("trusted-proxy=[\"10.0.0.1\", \"10.0.0.2\"]"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("metrics-public=true"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("db=\"postgresql://aims:***@db.example/aims\""), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("hunter2"), std::string::npos) << r.output;
}

TEST(ServeConfigTest, APasswordFileIsRefusedForSqliteNamingTheOption) {
  const std::string file = ::testing::TempDir() + "aims-db-password";
  std::ofstream(file) << "a password\n";
  auto r = run_aims({"serve", "--db", "sqlite:" + ::testing::TempDir() + "never.db"},
                    {"AIMS_DB_PASSWORD_FILE=" + file});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("db-password-file"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("only a PostgreSQL database takes a password"), std::string::npos)
      << r.output;
  std::remove(file.c_str());
}

TEST(ServeConfigTest, TheShutdownTimeoutComesFromTheEnvironmentAndAbsurdOnesAreRefused) {
  auto r =
      run_aims({"serve", "--db", "sqlite:" + ::testing::TempDir() + "never.db", "--print-config"},
               {"AIMS_SHUTDOWN_TIMEOUT=45"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("shutdown-timeout=45\n"), std::string::npos) << r.output;
  for (const char* seconds : {"0", "3601", "-5"}) {
    auto refused = run_aims({"serve", "--db", "sqlite:" + ::testing::TempDir() + "never.db",
                             "--shutdown-timeout", seconds});
    EXPECT_EQ(refused.exit_code, 1) << seconds;
    EXPECT_NE(refused.output.find("--shutdown-timeout must be 1 to 3600 seconds"),
              std::string::npos)
        << refused.output;
  }
}

// SQLite's reads are CPU-bound: as many workers as cores. PostgreSQL's wait on the network: 8.
TEST(ServeConfigTest, WorkersDefaultByDatabaseAndUploadsHaveTheirOwnPool) {
  const std::string sqlite = "sqlite:" + ::testing::TempDir() + "never.db";
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  auto local = run_aims({"serve", "--db", sqlite, "--print-config"});
  EXPECT_EQ(local.exit_code, 0) << local.output;
  EXPECT_NE(local.output.find("workers=" + std::to_string(cores) + "\n"), std::string::npos)
      << local.output;
  EXPECT_NE(local.output.find("upload-workers=2\n"), std::string::npos) << local.output;

  auto shared = run_aims({"serve", "--db", "postgresql://db.example/aims", "--print-config"},
                         {"AIMS_UPLOAD_WORKERS=3"});
  EXPECT_NE(shared.output.find("workers=8\n"), std::string::npos) << shared.output;
  EXPECT_NE(shared.output.find("upload-workers=3\n"), std::string::npos) << shared.output;

  for (const char* count : {"0", "65", "-1"}) {
    auto refused = run_aims({"serve", "--db", sqlite, "--upload-workers", count});
    EXPECT_EQ(refused.exit_code, 1) << count;
    EXPECT_NE(refused.output.find("--upload-workers must be 1 to 64"), std::string::npos)
        << refused.output;
  }
}

}  // namespace
}  // namespace aims
