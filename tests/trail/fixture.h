// A migrated database with one organisation whose chain has started, a helper that appends
// events to it, and chains built in memory (for the trail and checkpoint suites).
#pragma once

#include <string>
#include <vector>

#include "support/backends.h"
#include "trail/trail.h"

namespace aims::trail::testing {

// `count` events (ids 101, 102, ...) that link up from the genesis hash, without a database.
inline std::vector<Event> linked_events(int count) {
  std::vector<Event> chain(count);
  std::string prev = kGenesisHash;
  for (int i = 0; i < count; ++i) {
    chain[i].seq = i + 1;
    chain[i].id = 101 + i;
    chain[i].prev_hash = prev;
    chain[i].action = "create";
    chain[i].changes = "{}";
    chain[i].hash = compute_hash(chain[i]);
    prev = chain[i].hash;
  }
  return chain;
}

class TrailTest : public aims::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto org = db_->write([](store::Tx& tx) -> Result<int64_t> {
      TRY_ASSIGN(int64_t id, tx.insert("INSERT INTO organisations (name, created_at)"
                                       " VALUES ('T', 'now') RETURNING id"));
      TRY(start_chain(tx, id));
      return id;
    });
    ASSERT_TRUE(org.ok()) << org.error().message;
    org_ = *org;
  }
  Result<int64_t> append(const Change& change, const Actor& actor = {"user", 7, "ann@x.test"}) {
    return db_->write([&](store::Tx& tx) { return record(tx, org_, actor, change); });
  }
  int64_t org_ = 0;
};

}  // namespace aims::trail::testing
