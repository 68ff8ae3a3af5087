// records::dispose on a versioned register: the record's frozen snapshots, approval reasons,
// references and search entry lose its content, a tombstone stays, the trail still verifies, and
// a record is disposed of once.
#include "records/disposal.h"

#include <gtest/gtest.h>

#include "auth/auth.h"
#include "records/records.h"
#include "records/sample_register.h"
#include "records/search.h"
#include "support/backends.h"
#include "trail/verify.h"

namespace aims::records {
namespace {

const std::string kMarker = "QUOKKA-5120";

class DisposeTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(aims::testing::install_sample_registers(*db_).ok());
    const trail::Actor cli{"cli", std::nullopt, "cli:test"};
    auto created = auth::create_organisation(
        *db_, "Acme", {"admin@acme.test", "Admin", "admin", "a long test passphrase"}, cli);
    ASSERT_TRUE(created.ok());
    org_ = created->first.id;
    admin_ = {{"user", created->second.user.id, "admin@acme.test"},
              created->second.user.id,
              auth::Role::admin};
  }

  Result<Disposed> dispose_now(int64_t id) {
    return db_->write([&](store::Tx& tx) -> Result<Disposed> {
      const WriteContext ctx{tx, org_, admin_, "2026-12-07T10:00:00.000000Z"};
      return dispose(ctx, aims::testing::samples(), id, "Disposed of on 2026-12-07", {});
    });
  }

  int64_t count(const std::string& sql) {
    auto n = db_->read([&](store::Tx& tx) -> Result<int64_t> {
      TRY_ASSIGN(auto row, tx.query_row(sql, {"%" + kMarker + "%"}));
      return row ? row->int64(0) : 0;
    });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  int64_t org_ = 0;
  Caller admin_;
};

TEST_P(DisposeTest, EmptiesVersionsSearchAndTrailAndLeavesATombstone) {
  const auto& d = aims::testing::samples();
  Record r;
  r.values = {{"name", "Sample " + kMarker}, {"notes", kMarker + " notes"}};
  auto created = create(*db_, d, org_, r, admin_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  // A frozen version holding the marker, written straight as a freeze would.
  ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                   return tx.exec(
                       "INSERT INTO record_versions (org_id, record_type, record_id,"
                       " number, state, snapshot, frozen_at, frozen_by, reason)"
                       " VALUES ($1, 'sample', $2, 1, 'approved', $3, 'now', 'x', $3)",
                       {org_, created->id, "{\"notes\":\"" + kMarker + "\"}"});
                 })
                  .ok());
  ASSERT_EQ(count("SELECT COUNT(*) FROM record_versions WHERE snapshot LIKE $1"), 1);

  auto disposed = dispose_now(created->id);
  ASSERT_TRUE(disposed.ok()) << disposed.error().message;
  EXPECT_EQ(disposed->content_sha256.size(), 64u);

  EXPECT_EQ(count("SELECT COUNT(*) FROM record_versions WHERE snapshot LIKE $1 OR reason LIKE $1"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM record_search WHERE title LIKE $1 OR body LIKE $1"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM trail_events WHERE changes LIKE $1"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM samples WHERE name LIKE $1 OR notes LIKE $1"), 0);
  auto found = search::everywhere(*db_, org_, "quokka", 10);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());

  auto tombstone = get(*db_, d, org_, created->id);
  ASSERT_TRUE(tombstone.ok());
  EXPECT_EQ(tombstone->text("name"),
            "Disposed of on 2026-12-07 (#" + std::to_string(created->id) + ")");
  EXPECT_TRUE(tombstone->archived_at.has_value());

  auto checked = trail::verify(*db_, org_);
  ASSERT_TRUE(checked.ok());
  EXPECT_TRUE(checked->intact) << checked->problem;

  auto again = dispose_now(created->id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::failed_precondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, DisposeTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::records
