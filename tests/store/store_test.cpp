// The store's contract, checked on SQLite and on PostgreSQL with the same tests.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/migrate.h"
#include "support/backends.h"

namespace aims::store {
namespace {

using testing::BackendTest;

class StoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto made = db_->write([](Tx& tx) -> Status {
      return tx.run_script(
          "CREATE TABLE things (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
          " amount DOUBLE PRECISION, note TEXT, counter BIGINT NOT NULL DEFAULT 0)");
    });
    ASSERT_TRUE(made.ok()) << made.error().message;
  }

  Status insert_thing(int64_t id, const std::string& name) {
    return db_->write([&](Tx& tx) -> Status {
      auto r = tx.exec("INSERT INTO things (id, name) VALUES ($1, $2)", {id, name});
      if (!r) return r.error();
      return {};
    });
  }

  int64_t count_things() {
    auto n = db_->read([](Tx& tx) -> Result<int64_t> {
      auto row = tx.query_row("SELECT COUNT(*) FROM things");
      if (!row) return row.error();
      return (*row)->int64(0);
    });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }
};

TEST_P(StoreTest, ValuesRoundTripWithTheirTypes) {
  const int64_t big = 9'007'199'254'740'993;  // 2^53 + 1: would be rounded by a double
  const std::string text = "Zoë's \"quoted\" text; DROP TABLE things; -- \u00e9\u4e2d";
  auto stored = db_->write([&](Tx& tx) -> Status {
    auto r = tx.exec("INSERT INTO things (id, name, amount, note) VALUES ($1, $2, $3, $4)",
                     {big, text, 0.1, std::nullopt});
    if (!r) return r.error();
    return {};
  });
  ASSERT_TRUE(stored.ok()) << stored.error().message;

  auto row =
      db_->read([&](Tx& tx) { return tx.query_row("SELECT id, name, amount, note FROM things"); });
  ASSERT_TRUE(row.ok()) << row.error().message;
  ASSERT_TRUE(row->has_value());
  const Row& r = **row;
  EXPECT_EQ(r.int64(0), big);
  EXPECT_EQ(r.text(1), text);  // the injection attempt is data, not SQL
  EXPECT_DOUBLE_EQ(r.real(2), 0.1);
  EXPECT_TRUE(r.is_null(3));
  EXPECT_EQ(r.opt_text(3), std::nullopt);
  EXPECT_EQ(count_things(), 1);
}

// A RowReader takes the columns in order with the same conversions as Row's getters, on both
// backends (PostgreSQL returns every cell as text).
TEST_P(StoreTest, RowReaderTakesColumnsInOrder) {
  auto stored = db_->write([](Tx& tx) -> Status {
    TRY(tx.exec("INSERT INTO things (id, name, amount, note, counter) VALUES ($1, $2, $3, $4, $5)",
                {7, "seven", 2.5, std::nullopt, 1}));
    return {};
  });
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  auto row = db_->read([](Tx& tx) {
    return tx.query_row(
        "SELECT id, name, amount, note, counter, note, amount, note, name, id, note, name"
        " FROM things");
  });
  ASSERT_TRUE(row.ok()) << row.error().message;
  ASSERT_TRUE(row->has_value());
  RowReader r(**row);
  EXPECT_EQ(r.int64(), 7);
  EXPECT_EQ(r.text(), "seven");
  EXPECT_DOUBLE_EQ(r.real(), 2.5);
  EXPECT_EQ(r.text(), "");  // a NULL reads as empty from the plain getters
  EXPECT_TRUE(r.boolean());
  EXPECT_EQ(r.opt_int64(), std::nullopt);
  EXPECT_EQ(r.opt_real(), 2.5);
  EXPECT_TRUE(r.take_null());
  EXPECT_FALSE(r.take_null());  // not NULL: the column is still there to take
  EXPECT_EQ(r.opt_text(), "seven");
  r.skip(2);
  EXPECT_EQ(r.take_bytes(), "seven");

  RowReader from_fifth(**row, 4);  // a reader can start past the columns it has no use for
  EXPECT_EQ(from_fifth.int64(), 1);
  EXPECT_EQ(from_fifth.opt_text(), std::nullopt);
}

// Every byte value, NUL and invalid UTF-8 included, comes back exactly: files are stored as bytes.
TEST_P(StoreTest, BytesRoundTripExactly) {
  std::string all;
  for (int i = 0; i < 256; ++i)
    all.push_back(static_cast<char>(i));
  const std::string big = all + std::string(3 << 20, '\xff') + all;  // beyond one network packet
  auto stored = db_->write([&](Tx& tx) -> Status {
    TRY(tx.run_script("CREATE TABLE files (id BIGINT PRIMARY KEY, content " +
                      std::string(tx.dialect() == Dialect::sqlite ? "BLOB" : "BYTEA") + ")"));
    TRY(tx.exec("INSERT INTO files (id, content) VALUES ($1, $2), ($3, $4), ($5, $6)",
                {1, Bytes{all}, 2, Bytes{big}, 3, Bytes{}}));
    return {};
  });
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  auto rows = db_->read([&](Tx& tx) {
    return tx.query(
        "SELECT content, length(content) FROM files WHERE content = $1 OR id > 1"
        " ORDER BY id",
        {Bytes{all}});
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);  // a Bytes parameter compares as bytes
  EXPECT_EQ((*rows)[0].take_bytes(0), all);
  EXPECT_EQ((*rows)[0].int64(1), 256);  // the database counts bytes, not characters
  EXPECT_EQ((*rows)[1].take_bytes(0), big);
  EXPECT_EQ((*rows)[2].take_bytes(0), "");
  EXPECT_FALSE((*rows)[2].is_null(0));
}

TEST_P(StoreTest, MigrationsSpellBytesForTheirBackend) {
  const auto dialect = GetParam() == testing::Backend::sqlite ? Dialect::sqlite : Dialect::postgres;
  const std::string sql = migration_sql("0012_attachments", dialect);
  EXPECT_EQ(sql.find("@BLOB@"), std::string::npos);
  EXPECT_NE(sql.find(dialect == Dialect::sqlite ? " BLOB " : " BYTEA "), std::string::npos);
}

TEST_P(StoreTest, ParametersAreBoundByNumberNotPosition) {
  ASSERT_TRUE(insert_thing(1, "alpha").ok());
  // $2 appears before $1 in the text: both backends must still bind by number.
  auto row = db_->read([](Tx& tx) {
    return tx.query_row("SELECT name FROM things WHERE name = $2 AND id = $1", {1, "alpha"});
  });
  ASSERT_TRUE(row.ok()) << row.error().message;
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->text(0), "alpha");
}

TEST_P(StoreTest, FailedBodyRollsBackEverything) {
  auto result = db_->write([](Tx& tx) -> Status {
    if (auto r = tx.exec("INSERT INTO things (id, name) VALUES (1, 'kept?')"); !r) return r.error();
    return Error::invalid("name", "rejected after the first insert");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().field, "name");
  EXPECT_EQ(count_things(), 0);
}

TEST_P(StoreTest, UniqueViolationIsAlreadyExistsAndLeavesNothing) {
  ASSERT_TRUE(insert_thing(1, "same").ok());
  Status second = insert_thing(2, "same");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::already_exists);
  EXPECT_EQ(count_things(), 1);
}

TEST_P(StoreTest, AReadThatWritesIsRefusedAndWritesNothing) {
  ASSERT_TRUE(insert_thing(1, "kept").ok());
  auto sneaky = db_->read([](Tx& tx) -> Status {
    auto r = tx.exec("UPDATE things SET name = 'changed' WHERE id = 1");
    if (!r) return r.error();
    return {};
  });
  ASSERT_FALSE(sneaky.ok());
  EXPECT_EQ(sneaky.error().code, ErrorCode::internal);
  // The pooled connection is still good for reads and writes.
  auto name =
      db_->read([](Tx& tx) { return tx.query_row("SELECT name FROM things WHERE id = 1"); });
  ASSERT_TRUE(name.ok()) << name.error().message;
  EXPECT_EQ((*name)->text(0), "kept");
  EXPECT_TRUE(insert_thing(2, "second").ok());
  EXPECT_EQ(count_things(), 2);
}

TEST_P(StoreTest, EveryStatementOfAReadSeesWhatCommittedBeforeIt) {
  auto other = Database::open(url_);  // another server on the same database
  ASSERT_TRUE(other.ok()) << other.error().message;
  auto seen = db_->read([&](Tx& tx) -> Result<std::pair<int64_t, int64_t>> {
    TRY_ASSIGN(auto before, tx.query_row("SELECT COUNT(*) FROM things"));
    TRY((*other)->write([](Tx& w) -> Status {
      TRY(w.exec("INSERT INTO things (id, name) VALUES (1, 'from the other server')"));
      return {};
    }));
    TRY_ASSIGN(auto after, tx.query_row("SELECT COUNT(*) FROM things"));
    return std::make_pair(before->int64(0), after->int64(0));
  });
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->first, 0);
  // PostgreSQL reads at READ COMMITTED, a new snapshot per statement; SQLite reads one snapshot.
  EXPECT_EQ(seen->second, GetParam() == testing::Backend::postgres ? 1 : 0);
  EXPECT_EQ(count_things(), 1);
}

TEST_P(StoreTest, InsertReturningGivesTheNewId) {
  auto id = db_->write([](Tx& tx) {
    return tx.insert("INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id",
                     {"Acme", "2026-01-01T00:00:00.000000Z"});
  });
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto id2 = db_->write([](Tx& tx) {
    return tx.insert("INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id",
                     {"Beta", "2026-01-01T00:00:00.000000Z"});
  });
  ASSERT_TRUE(id2.ok());
  EXPECT_GT(*id, 0);
  EXPECT_EQ(*id2, *id + 1);
}

int64_t read_counter(Database& db) {
  auto total = db.read([](Tx& tx) -> Result<int64_t> {
    auto row = tx.query_row("SELECT counter FROM things WHERE id = 1");
    if (!row) return row.error();
    return (*row)->int64(0);
  });
  EXPECT_TRUE(total.ok());
  return total.ok() ? *total : -1;
}

// Runs `body` from kThreads threads kTimes each and returns how many transactions failed.
template <typename Body>
int hammer(Database& db, Body body) {
  constexpr int kThreads = 8, kTimes = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kTimes; ++i) {
        if (!db.write(body).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads)
    t.join();
  return failures.load();
}

TEST_P(StoreTest, ConcurrentAtomicIncrementsAllLand) {
  ASSERT_TRUE(insert_thing(1, "counter").ok());
  const int failures = hammer(*db_, [](Tx& tx) -> Status {
    auto r = tx.exec("UPDATE things SET counter = counter + 1 WHERE id = 1");
    if (!r) return r.error();
    return {};
  });
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(read_counter(*db_), 8 * 40);
}

TEST_P(StoreTest, ConcurrentVersionCheckedWritesNeverLoseAnUpdate) {
  ASSERT_TRUE(insert_thing(1, "counter").ok());
  // Read, then write what was read plus one, only if nobody changed it since: the pattern behind
  // If-Match. A write either lands or reports stale_version; none may vanish silently.
  std::atomic<int> stale{0};
  const int failures = hammer(*db_, [&](Tx& tx) -> Status {
    auto row = tx.query_row("SELECT counter FROM things WHERE id = 1");
    if (!row) return row.error();
    const int64_t seen = (*row)->int64(0);
    auto r =
        tx.exec("UPDATE things SET counter = $1 WHERE id = 1 AND counter = $2", {seen + 1, seen});
    if (!r) return r.error();
    if (*r != 1) {
      ++stale;
      return Error{ErrorCode::stale_version, "changed since read", {}};
    }
    return {};
  });
  EXPECT_EQ(failures, stale.load()) << "every failure must be a detected stale write";
  EXPECT_EQ(read_counter(*db_), 8 * 40 - failures);
  if (GetParam() == testing::Backend::sqlite) {
    EXPECT_EQ(failures, 0) << "SQLite serialises writers";
  }
}

TEST_P(StoreTest, MigrateTwiceAppliesNothingTheSecondTime) {
  auto again = migrate(*db_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->empty());
}

TEST_P(StoreTest, ChangedMigrationIsRefused) {
  ASSERT_TRUE(db_->write([](Tx& tx) {
                   return tx.exec("UPDATE schema_migrations SET checksum = 'x' WHERE name = $1",
                                  {"0001_platform"});
                 })
                  .ok());
  auto again = migrate(*db_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(again.error().message.find("0001_platform"), std::string::npos);
}

// What /readyz and `aims db check` report: a migrated database is current; a migration the
// binary does not know, one changed since, and one not yet applied are each named.
TEST_P(StoreTest, SchemaStatusNamesWhatIsPendingUnknownOrChanged) {
  auto status = schema_status(*db_);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_TRUE(status->current()) << status->problem();
  EXPECT_EQ(status->problem(), "");

  ASSERT_TRUE(
      db_->write([](Tx& tx) -> Status {
           TRY(
               tx.exec("INSERT INTO schema_migrations (name, checksum, applied_at)"
                       " VALUES ('9999_from_the_future', 'x', '2030-01-01T00:00:00Z')"));
           TRY(tx.exec("UPDATE schema_migrations SET checksum = 'x' WHERE name = $1",
                       {"0002_inventory"}));
           TRY(tx.exec("DELETE FROM schema_migrations WHERE name = $1", {"0003_improvement"}));
           return {};
         })
          .ok());
  status = schema_status(*db_);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->unknown, std::vector<std::string>{"9999_from_the_future"});
  EXPECT_EQ(status->changed, std::vector<std::string>{"0002_inventory"});
  EXPECT_EQ(status->pending, std::vector<std::string>{"0003_improvement"});
  EXPECT_EQ(status->problem(),
            "1 migration not yet applied (0003_improvement); 1 migration newer than this aims "
            "binary (9999_from_the_future); 1 migration changed after it was applied "
            "(0002_inventory)");
}

TEST_P(StoreTest, AnEmptyDatabaseHasEveryMigrationPending) {
  auto url = aims::testing::fresh_database_url(GetParam());
  ASSERT_TRUE(url.has_value());
  auto empty = Database::open(*url);
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  auto status = schema_status(**empty);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_TRUE(status->unknown.empty());
  EXPECT_EQ(status->pending.front(), "0001_platform");
  EXPECT_FALSE(status->current());
}

TEST_P(StoreTest, AuditEventsCannotBeUpdatedOrDeleted) {
  auto setup = db_->write([](Tx& tx) -> Status {
    auto org =
        tx.insert("INSERT INTO organisations (name, created_at) VALUES ('O', 't') RETURNING id");
    if (!org) return org.error();
    auto ev = tx.exec(
        "INSERT INTO trail_events (org_id, seq, at, actor_type, actor_label, entity_type,"
        " entity_id, action, changes, prev_hash, hash) VALUES ($1, 1, 't', 'cli', 'x', 'e', 1,"
        " 'create', '{}', 'p', 'h')",
        {*org});
    if (!ev) return ev.error();
    return {};
  });
  ASSERT_TRUE(setup.ok()) << setup.error().message;
  auto update = db_->write([](Tx& tx) { return tx.exec("UPDATE trail_events SET action = 'x'"); });
  EXPECT_FALSE(update.ok());
  auto remove = db_->write([](Tx& tx) { return tx.exec("DELETE FROM trail_events"); });
  EXPECT_FALSE(remove.ok());
}

TEST_P(StoreTest, UnknownUrlSchemeNamesTheField) {
  auto db = Database::open("mysql://localhost/x");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(db.error().field, "db");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims::store
