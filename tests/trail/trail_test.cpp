// The audit trail on both backends: what an event records, the chain, filters, verification.
#include "trail/trail.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/json_text.h"
#include "trail/fixture.h"
#include "trail/sealed.h"
#include "trail/verify.h"

namespace aims::trail {
namespace {

class TrailTest : public testing::TrailTest {
 protected:
  std::vector<Event> all(Filter f = {}) {
    f.limit = 200;
    auto events = db_->read([&](store::Tx& tx) { return list(tx, org_, f); });
    EXPECT_TRUE(events.ok());
    return events.ok() ? *events : std::vector<Event>{};
  }
};

TEST_P(TrailTest, RecordsOnlyChangedFieldsWithBeforeAndAfter) {
  const Fields before = {{"name", json_text::quote("Scorer")},
                         {"tier", json_text::number(int64_t{2})}};
  const Fields after = {{"name", json_text::quote("Scorer")},
                        {"tier", json_text::number(int64_t{3})},
                        {"owner", json_text::quote("bo")}};
  ASSERT_TRUE(append({"ai_system", 42, "update", before, after}).ok());
  auto events = all();
  ASSERT_EQ(events.size(), 1u);
  const Event& e = events[0];
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.entity_type, "ai_system");
  EXPECT_EQ(e.entity_id, 42);
  EXPECT_EQ(e.actor_label, "ann@x.test");
  EXPECT_EQ(e.actor_id, 7);
  // Keys sorted, unchanged "name" left out, a field new in `after` has before = null.
  EXPECT_EQ(e.changes, R"({"owner":{"after":"bo","before":null},"tier":{"after":3,"before":2}})");
  // A new record's empty fields are not listed; cleared fields are.
  ASSERT_TRUE(
      append({"ai_system", 43, "create", {}, {{"note", "\"\""}, {"tags", "[]"}, {"name", "\"X\""}}})
          .ok());
  EXPECT_EQ(all()[0].changes, R"({"name":{"after":"X","before":null}})");
  ASSERT_TRUE(append({"ai_system", 43, "update", {{"note", "\"was\""}}, {{"note", "\"\""}}}).ok());
  EXPECT_EQ(all()[0].changes, R"({"note":{"after":"","before":"was"}})");
  EXPECT_EQ(e.prev_hash, kGenesisHash);
  // New events are of form 2: the hash covers the digest of the changes (trail/sealed.h).
  EXPECT_EQ(e.hash, crypto::sha256_hex(
                        canonical_form(Sealed{e, kCurrentForm, crypto::sha256_hex(e.changes)})));
}

TEST_P(TrailTest, CanonicalFormIsStableAndDocumented) {
  Event e;
  e.org_id = 3;
  e.seq = 9;
  e.at = "2026-11-22T09:30:00.000000Z";
  e.actor_type = "cli";
  e.actor_label = "cli:root";
  e.entity_type = "user";
  e.entity_id = 5;
  e.action = "disable";
  e.changes = R"({"status":{"after":"disabled","before":"active"}})";
  e.prev_hash = std::string(64, 'a');
  // This exact text is what docs/audit-trail.md tells auditors to hash.
  EXPECT_EQ(
      canonical_form(e),
      R"({"action":"disable","actor_id":null,"actor_label":"cli:root","actor_type":"cli",)"
      R"("at":"2026-11-22T09:30:00.000000Z","changes":{"status":{"after":"disabled","before":"active"}},)"
      R"("entity_id":5,"entity_type":"user","org_id":3,"prev_hash":")" +
          std::string(64, 'a') + R"(","seq":9})");
  EXPECT_TRUE(nlohmann::json::parse(canonical_form(e)).is_object());
}

TEST_P(TrailTest, EventsChainInOrder) {
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(append({"thing", i, "create", {}, {{"n", std::to_string(i)}}}).ok());
  auto events = all();
  ASSERT_EQ(events.size(), 5u);
  for (size_t i = 0; i + 1 < events.size(); ++i) {
    EXPECT_EQ(events[i].seq, events[i + 1].seq + 1);  // newest first
    EXPECT_EQ(events[i].prev_hash, events[i + 1].hash);
  }
  auto v = verify(*db_, org_);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->events_checked, 5);
  EXPECT_EQ(v->head_hash, events.front().hash);
}

TEST_P(TrailTest, AFailedTransactionLeavesNoEventAndNoGap) {
  auto failed = db_->write([&](store::Tx& tx) -> Status {
    if (auto r = record(tx, org_, {"user", 1, "a"}, {"thing", 1, "create", {}, {}}); !r)
      return r.error();
    return Error::invalid("name", "rejected after the event was written");
  });
  ASSERT_FALSE(failed.ok());
  ASSERT_TRUE(append({"thing", 2, "create", {}, {}}).ok());
  auto events = all();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].seq, 1) << "the rolled-back event must not consume a sequence number";
  EXPECT_TRUE(verify(*db_, org_)->intact);
}

TEST_P(TrailTest, FiltersByEntityActorAndTime) {
  ASSERT_TRUE(append({"user", 1, "create", {}, {}}, {"user", 1, "ann@x.test"}).ok());
  ASSERT_TRUE(
      append({"ai_system", 1, "create", {}, {}}, {"token", 2, "token ci (bo@x.test)"}).ok());
  ASSERT_TRUE(append({"ai_system", 2, "update", {}, {}}, {"user", 1, "ann@x.test"}).ok());
  Filter by_type;
  by_type.entity_type = "ai_system";
  EXPECT_EQ(all(by_type).size(), 2u);
  Filter by_entity = by_type;
  by_entity.entity_id = 2;
  EXPECT_EQ(all(by_entity).size(), 1u);
  Filter by_actor;
  by_actor.actor = "ann@x.test";
  EXPECT_EQ(all(by_actor).size(), 2u);
  Filter future;
  future.from = "2999-01-01T00:00:00.000000Z";
  EXPECT_EQ(all(future).size(), 0u);
  Filter past;
  past.to = "2000-01-01T00:00:00.000000Z";
  EXPECT_EQ(all(past).size(), 0u);
  Filter page;
  page.limit = 2;
  auto first = db_->read([&](store::Tx& tx) { return list(tx, org_, page); });
  ASSERT_EQ(first->size(), 2u);
  page.before_seq = first->back().seq;
  auto second = db_->read([&](store::Tx& tx) { return list(tx, org_, page); });
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].seq, 1);
}

TEST(ChainCheckerTest, NamesTheFirstProblem) {
  const std::vector<Event> chain = testing::linked_events(3);
  ChainChecker ok;
  for (const auto& e : chain)
    ASSERT_TRUE(ok.feed(e, compute_hash(e)));
  ok.finish(3, chain[2].hash);
  EXPECT_TRUE(ok.result().intact);

  ChainChecker gap;
  gap.feed(chain[0], compute_hash(chain[0]));
  EXPECT_FALSE(gap.feed(chain[2], compute_hash(chain[2])));
  EXPECT_EQ(gap.result().bad_seq, 2);

  ChainChecker tail;
  tail.feed(chain[0], compute_hash(chain[0]));
  tail.feed(chain[1], compute_hash(chain[1]));
  tail.finish(3, chain[2].hash);
  EXPECT_FALSE(tail.result().intact);
  EXPECT_EQ(tail.result().bad_seq, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrailTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::trail
