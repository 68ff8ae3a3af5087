// Disposal's redaction of audit events: the content leaves the trail, the chain, the signed
// checkpoints and every hash still verify, and a redaction that no disposal names, or a redacted
// event altered, is caught (docs/audit-trail.md, "Disposal").
#include "trail/disposal.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "support/tamper.h"
#include "trail/checkpoint.h"
#include "trail/fixture.h"
#include "trail/keys.h"
#include "trail/sealed.h"
#include "trail/verify.h"

namespace aims::trail {
namespace {

const std::string kSecret = "\"ZEBRA-7731 private notes\"";

class DisposalTest : public testing::TrailTest {
 protected:
  void SetUp() override {
    TrailTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    key_file_ = aims::testing::fresh_key_file_path();
    auto keys = SigningKeys::open_or_create(key_file_);
    ASSERT_TRUE(keys.ok()) << keys.error().message;
    keys_.emplace(std::move(*keys));
    // #1 and #3 are about dataset 7, #2 about another record.
    ASSERT_TRUE(append({"dataset", 7, "create", {}, {{"notes", kSecret}}}).ok());
    ASSERT_TRUE(append({"dataset", 8, "create", {}, {{"notes", "\"kept\""}}}).ok());
    ASSERT_TRUE(
        append({"dataset", 7, "update", {{"notes", kSecret}}, {{"notes", "\"ZEBRA-7731 v2\""}}})
            .ok());
  }
  void TearDown() override {
    if (!key_file_.empty()) std::filesystem::remove(key_file_);
  }

  Result<int64_t> dispose_seven() {
    return db_->write([&](store::Tx& tx) {
      return dispose(tx, org_, {"user", 9, "approver@x.test"}, "dataset", 7,
                     {{"rule", "\"Datasets: 2 years\""}});
    });
  }
  std::vector<Event> chain() {
    auto all = db_->read([&](store::Tx& tx) { return list(tx, org_, {.limit = 100}); });
    EXPECT_TRUE(all.ok());
    std::vector<Event> out = all.ok() ? *all : std::vector<Event>{};
    std::reverse(out.begin(), out.end());
    return out;
  }
  void tamper(const std::string& sql) {
    auto done = db_->write([&](store::Tx& tx) -> Status {
      TRY(aims::testing::drop_append_only_guards(tx));
      return tx.run_script(sql);
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  std::string key_file_;
  std::optional<SigningKeys> keys_;
};

TEST_P(DisposalTest, RedactsTheRecordsEventsAndTheChainStillVerifies) {
  // A checkpoint signed before the disposal: its head is event #3.
  auto signed_before = sign_head(*db_, org_, *keys_);
  ASSERT_TRUE(signed_before.ok() && signed_before->has_value());

  auto seq = dispose_seven();
  ASSERT_TRUE(seq.ok()) << seq.error().message;
  EXPECT_EQ(*seq, 4);

  const auto events = chain();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].changes, kRedactedChanges);
  EXPECT_NE(events[1].changes, kRedactedChanges) << "another record's event is untouched";
  EXPECT_EQ(events[2].changes, kRedactedChanges);
  for (const auto& e : events)
    EXPECT_EQ(e.changes.find("ZEBRA"), std::string::npos) << "event #" << e.seq;
  // The disposal event names #1 and #3 with their hashes.
  const auto named = nlohmann::json::parse(events[3].changes)["redacted_events"]["after"];
  ASSERT_EQ(named.size(), 2u);
  EXPECT_EQ(named[0]["seq"], 1);
  EXPECT_EQ(named[0]["hash"], events[0].hash);
  EXPECT_EQ(named[1]["seq"], 3);

  auto checked = verify(*db_, org_, {.key = keys_->for_org(org_).verifier()});
  ASSERT_TRUE(checked.ok());
  EXPECT_TRUE(checked->intact) << checked->problem;
  EXPECT_EQ(checked->events_checked, 4);
  EXPECT_EQ(checked->events_redacted, 2);
  EXPECT_EQ(checked->checkpoints_verified, 1) << "the checkpoint signed before still matches";

  // And a head signed after it extends the one signed before.
  auto signed_after = sign_head(*db_, org_, *keys_);
  ASSERT_TRUE(signed_after.ok()) << signed_after.error().message;
}

TEST_P(DisposalTest, ARedactedEventsAlteredDigestIsCaught) {
  ASSERT_TRUE(dispose_seven().ok());
  tamper("UPDATE trail_events SET changes_sha256 = '" + std::string(64, 'f') + "' WHERE seq = 3");
  auto checked = verify(*db_, org_);
  ASSERT_TRUE(checked.ok());
  EXPECT_FALSE(checked->intact);
  EXPECT_EQ(checked->bad_seq, 3);
  EXPECT_NE(checked->problem.find("altered"), std::string::npos) << checked->problem;
}

TEST_P(DisposalTest, ContentRemovedOutsideADisposalIsCaught) {
  // Someone with write access blanks #2 the way a disposal would, but no disposal names it.
  tamper("UPDATE trail_events SET changes = '{\"$redacted\":true}' WHERE seq = 2");
  auto checked = verify(*db_, org_);
  ASSERT_TRUE(checked.ok());
  EXPECT_FALSE(checked->intact);
  EXPECT_EQ(checked->bad_seq, 2);
  EXPECT_NE(checked->problem.find("outside a disposal"), std::string::npos) << checked->problem;
}

TEST_P(DisposalTest, ChangedContentOfAnUnredactedEventIsCaught) {
  tamper("UPDATE trail_events SET changes = REPLACE(changes, 'kept', 'swapped') WHERE seq = 2");
  auto checked = verify(*db_, org_);
  ASSERT_TRUE(checked.ok());
  EXPECT_FALSE(checked->intact);
  EXPECT_EQ(checked->bad_seq, 2);
}

TEST_P(DisposalTest, TheDatabaseAllowsOnlyTheRedactionItself) {
  // The marker may replace an event's changes; nothing else of an event may change.
  auto other = db_->write([&](store::Tx& tx) {
    return tx.exec("UPDATE trail_events SET changes = '{}' WHERE seq = 2");
  });
  EXPECT_FALSE(other.ok());
  auto hash = db_->write([&](store::Tx& tx) {
    return tx.exec(
        "UPDATE trail_events SET changes = '{\"$redacted\":true}', hash = 'x'"
        " WHERE seq = 2");
  });
  EXPECT_FALSE(hash.ok());
  auto removed = db_->write([&](store::Tx& tx) { return tx.exec("DELETE FROM trail_events"); });
  EXPECT_FALSE(removed.ok());
}

TEST_P(DisposalTest, NewEventsHashTheDigestOfTheirChanges) {
  std::vector<Sealed> all;
  auto scanned = db_->read([&](store::Tx& tx) {
    return scan_sealed(tx, org_, [&](const Sealed& s) {
      all.push_back(s);
      return true;
    });
  });
  ASSERT_TRUE(scanned.ok());
  ASSERT_FALSE(all.empty());
  const Sealed& first = all.front();
  EXPECT_EQ(first.form, 2);
  EXPECT_EQ(first.changes_sha256, crypto::sha256_hex(first.event.changes));
  EXPECT_EQ(first.event.hash, compute_hash(first));
  EXPECT_EQ(canonical_form(first).find("ZEBRA"), std::string::npos)
      << "the canonical form carries the digest, not the content";
}

INSTANTIATE_TEST_SUITE_P(Backends, DisposalTest, ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

// Events written before migration 0036 (form 1) hash their changes directly: once redacted, the
// verifier cannot recompute them and accepts their stored hash only when a later disposal event
// names it (the next event's link still pins it).
TEST(RedactedFormOneTest, IsAcceptedOnlyWhenADisposalNamesItsHash) {
  const auto chain = testing::linked_events(2);  // form 1
  std::vector<Sealed> events = {Sealed{chain[0]}, Sealed{chain[1]}};
  Sealed disposal;
  disposal.event.seq = 3;
  disposal.event.prev_hash = chain[1].hash;
  disposal.event.action = kDisposeAction;
  disposal.event.changes = R"({"redacted_events":{"after":[{"hash":")" + chain[1].hash +
                           R"(","seq":2}],"before":null}})";
  disposal.form = 2;
  disposal.changes_sha256 = crypto::sha256_hex(disposal.event.changes);
  disposal.event.hash = compute_hash(disposal);
  events[1].event.changes = kRedactedChanges;
  events.push_back(disposal);

  ChainChecker named;
  for (const auto& e : events)
    ASSERT_TRUE(named.feed(e, compute_hash(e))) << named.result().problem;
  named.finish(3, disposal.event.hash);
  EXPECT_TRUE(named.result().intact) << named.result().problem;
  EXPECT_EQ(named.result().events_redacted, 1);

  ChainChecker unnamed;
  unnamed.feed(events[0], compute_hash(events[0]));
  unnamed.feed(events[1], compute_hash(events[1]));
  unnamed.finish(2, chain[1].hash);
  EXPECT_FALSE(unnamed.result().intact);
  EXPECT_EQ(unnamed.result().bad_seq, 2);
}

}  // namespace
}  // namespace aims::trail
