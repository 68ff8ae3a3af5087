// The databases every store-backed test runs on: a fresh SQLite file, and a fresh database on the
// throwaway PostgreSQL server that ctest starts (fixture "postgres").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/database.h"

namespace aims::testing {

enum class Backend { sqlite, postgres };

std::vector<Backend> all_backends();
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// A new, empty database on `backend`, as a URL. nullopt for PostgreSQL when no server was
// configured (AIMS_TEST_PG_URL_FILE unset: a developer running one suite by hand); ctest always
// configures one, and a configured but unreachable server fails the test instead.
std::optional<std::string> fresh_database_url(Backend backend);

// A path in the temporary directory where no file is yet, for an audit-trail key file.
std::string fresh_key_file_path();

// Fixture for tests parameterised over backends: db_ is open and fully migrated.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  std::string url_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace aims::testing
