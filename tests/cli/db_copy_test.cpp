// `aims db copy`: the worked example moved from SQLite to PostgreSQL and back keeps every row of
// every table cell for cell, its search index and every audit trail; the copy writes only into an
// empty database, and the target hands out ids after the copied ones.
#include <algorithm>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "store/database.h"
#include "support/backends.h"
#include "support/process.h"

namespace aims {
namespace {

using testing::run_aims;

// Every table's rows as text, cell by cell, sorted (a table without an id has no other order); the
// search index is left out, since each engine keys it its own way.
std::map<std::string, std::vector<std::string>> contents(const std::string& url) {
  auto db = store::Database::open(url, {.pool_size = 1});
  EXPECT_TRUE(db) << db.error().message;
  std::map<std::string, std::vector<std::string>> out;
  auto read = (*db)->read([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto tables,
               tx.query("SELECT name FROM sqlite_master WHERE type = 'table'"
                        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'record_search%'"
                        " AND name <> 'schema_migrations'"));
    for (const auto& t : tables) {
      const std::string name = t.text(0);
      TRY_ASSIGN(auto rows, tx.query("SELECT * FROM \"" + name + "\""));
      for (auto& row : rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c)
          line += (row.is_null(c) ? std::string("NULL") : row.text(c)) + "\x1f";
        out[name].push_back(std::move(line));
      }
      auto& lines = out[name];  // an empty table is listed too
      std::sort(lines.begin(), lines.end());
    }
    return {};
  });
  EXPECT_TRUE(read) << read.error().message;
  return out;
}

int64_t count(const std::string& url, const std::string& sql) {
  auto db = store::Database::open(url, {.pool_size = 1});
  EXPECT_TRUE(db) << db.error().message;
  auto row = (*db)->read([&](store::Tx& tx) { return tx.query_row(sql); });
  EXPECT_TRUE(row && *row) << sql;
  return row && *row ? (*row)->int64(0) : -1;
}

class DbCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pg = testing::fresh_database_url(testing::Backend::postgres);
    if (!pg) GTEST_SKIP() << "no PostgreSQL configured (AIMS_TEST_PG_URL_FILE)";
    postgres_ = *pg;
    source_ = *testing::fresh_database_url(testing::Backend::sqlite);
    back_ = *testing::fresh_database_url(testing::Backend::sqlite);
    auto seeded = run_aims({"demo", "seed", "--db", source_});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  }

  std::string source_, postgres_, back_;
};

TEST_F(DbCopyTest, TheWorkedExampleGoesToPostgresqlAndBackCellForCell) {
  auto there = run_aims({"db", "copy", "--from", source_, "--to", postgres_});
  ASSERT_EQ(there.exit_code, 0) << there.output;
  // One organisation in the worked example: Meridian.
  EXPECT_NE(there.output.find("intact"), std::string::npos) << there.output;
  EXPECT_NE(there.output.find("the same last event"), std::string::npos) << there.output;
  EXPECT_EQ(there.output.find("PROBLEM"), std::string::npos) << there.output;

  auto back = run_aims({"db", "copy", "--from", postgres_, "--to", back_});
  ASSERT_EQ(back.exit_code, 0) << back.output;

  const auto before = contents(source_);
  const auto after = contents(back_);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.contains(table)) << table;
    EXPECT_EQ(rows, after.at(table)) << "table " << table << " changed on the way";
  }
  // The worked example has attachments and systems, so the comparison above compared something.
  EXPECT_GT(before.at("attachment_blobs").size(), 0u);
  EXPECT_GT(before.at("ai_systems").size(), 0u);

  // The search index was written anew on each engine and finds what the source's finds.
  const std::string credit =
      "SELECT COUNT(*) FROM record_search_fts WHERE record_search_fts MATCH 'credit'";
  EXPECT_GT(count(source_, credit), 0);
  EXPECT_EQ(count(back_, credit), count(source_, credit));
  EXPECT_EQ(count(postgres_,
                  "SELECT COUNT(*) FROM record_search WHERE document @@ "
                  "to_tsquery('simple', 'credit')"),
            count(source_, credit));
}

TEST_F(DbCopyTest, TheTargetTakesNewRecordsAfterTheCopiedOnesAndItsTrailStaysIntact) {
  ASSERT_EQ(run_aims({"db", "copy", "--from", source_, "--to", postgres_}).exit_code, 0);
  const int64_t highest = count(postgres_, "SELECT MAX(id) FROM users");
  auto added = run_aims({"user", "add", "--db", postgres_, "--org", "Meridian Holdings", "--email",
                         "new.joiner@meridian.example", "--role", "viewer"},
                        {"AIMS_USER_PASSWORD=a long user passphrase"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_EQ(count(postgres_, "SELECT id FROM users WHERE email = 'new.joiner@meridian.example'"),
            highest + 1);
  auto verified = run_aims({"audit", "verify", "--db", postgres_, "--org", "Meridian Holdings"});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
}

TEST_F(DbCopyTest, ACopyWritesOnlyIntoAnEmptyDatabase) {
  ASSERT_EQ(run_aims({"db", "copy", "--from", source_, "--to", postgres_}).exit_code, 0);
  auto again = run_aims({"db", "copy", "--from", source_, "--to", postgres_});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("to"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("holds 1 organisation"), std::string::npos) << again.output;

  auto missing = run_aims({"db", "copy", "--from", source_ + ".missing", "--to", back_});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("there is no database at"), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(source_.substr(7) + ".missing"));

  auto same = run_aims({"db", "copy", "--from", source_, "--to", source_});
  EXPECT_NE(same.exit_code, 0);
  EXPECT_NE(same.output.find("another database"), std::string::npos) << same.output;
}

}  // namespace
}  // namespace aims
