// Signed checkpoints on both backends: what is signed, when signing is refused, and what
// verification concludes from them.
#include "trail/checkpoint.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "support/tamper.h"
#include "trail/checkpointer.h"
#include "trail/fixture.h"
#include "trail/verify.h"

namespace aims::trail {
namespace {

TEST(CheckpointTextTest, IsTheDocumentedC2spBody) {
  // The head is SHA-256("event six"); its base64 was computed with Python.
  const SignedHead head{1, 6, "fcb21c230a4c638950667ad989a2daa568d6cd44f9f77b01c0a5b264b8fea7ed",
                        "2026-11-22T09:30:00.000000Z"};
  const std::string text =
      "aims/org/1\n6\n/LIcIwpMY4lQZnrZiaLapWjWzUT593sBwKWyZLj+p+0=\n"
      "time 2026-11-22T09:30:00.000000Z\n";
  EXPECT_EQ(checkpoint_text(head), text);
  auto parsed = parse_checkpoint_text(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->org_id, 1);
  EXPECT_EQ(parsed->seq, 6);
  EXPECT_EQ(parsed->head_hash, head.head_hash);
  EXPECT_EQ(parsed->signed_at, head.signed_at);
  for (const std::string bad :
       {"aims/org/1\n06\n/LIcIwpMY4lQZnrZiaLapWjWzUT593sBwKWyZLj+p+0=\ntime 2026-11-22T09:30:00Z\n",
        "other/org/1\n6\n/LIcIwpMY4lQZnrZiaLapWjWzUT593sBwKWyZLj+p+0=\ntime 2026-11-22T09:30:00Z\n",
        "aims/org/1\n6\n/LIcIwpMY4lQZnrZiaLapWjWzUT593sBwKWyZLj+p+0=\n",
        "aims/org/1\n6\nAAAA\ntime 2026-11-22T09:30:00Z\n"}) {
    EXPECT_FALSE(parse_checkpoint_text(bad).ok()) << bad;
  }
}

TEST(CheckpointTextTest, SignedWithTheDerivedKeyAsPythonSignsIt) {
  crypto::init();
  // The key of organisation 1 for the master secret 0x00..0x1f (see keys_test.cpp); Ed25519
  // signatures are deterministic, so Python's cryptography package gives the same note.
  const note::SignerKey key(
      "aims/org/1", std::string("\xae\x6a\x2f\xa8\x3e\x98\x8c\xae\xde\xd7\xf4\xf3\x5d\x98\xfd\x47"
                                "\xb5\xf4\xa1\xbf\x02\xcd\x10\xe1\x56\x6b\xb3\x01\x4e\x28\x00\x6f",
                                32));
  const SignedHead head{1, 6, "fcb21c230a4c638950667ad989a2daa568d6cd44f9f77b01c0a5b264b8fea7ed",
                        "2026-11-22T09:30:00.000000Z"};
  EXPECT_EQ(
      key.sign(checkpoint_text(head)),
      "aims/org/1\n6\n/LIcIwpMY4lQZnrZiaLapWjWzUT593sBwKWyZLj+p+0=\n"
      "time 2026-11-22T09:30:00.000000Z\n\n"
      "\u2014 aims/org/1 "
      "hWfx+Z0+c57uAqA8DBqS9QkWP6aKKsEEzOEm7p7sDUphYOkWiMpeINJp42ByHhZBCVT1h3WZbJ9m6eFqNHDCWn6YNQc="
      "\n");
}

TEST(ChainCheckerTest, SignedHeadsCatchTruncationAndUnsignedTails) {
  const auto chain = testing::linked_events(3);
  CheckpointReview signed_at_3{{{3, chain[2].hash, "2026-11-22T09:30:00.000000Z"}}, 0, ""};

  ChainChecker truncated;
  truncated.expect_signed(signed_at_3);
  truncated.feed(chain[0], chain[0].hash);
  truncated.feed(chain[1], chain[1].hash);
  truncated.finish(2, chain[1].hash);  // the header was rewritten to match
  EXPECT_FALSE(truncated.result().intact);
  EXPECT_EQ(truncated.result().bad_seq, 3);
  EXPECT_NE(truncated.result().problem.find("truncated"), std::string::npos);

  CheckpointReview signed_at_2{{{2, chain[1].hash, "2026-11-22T09:30:00.000000Z"}}, 1, ""};
  ChainChecker appended;
  appended.expect_signed(signed_at_2);
  for (const auto& e : chain)
    appended.feed(e, e.hash);
  appended.finish(3, chain[2].hash);
  EXPECT_TRUE(appended.result().intact) << "as in the database, where signing lags";
  appended.require_signed_end();
  EXPECT_FALSE(appended.result().intact) << "an export must end at a signed head";
  EXPECT_EQ(appended.result().bad_seq, 3);
  EXPECT_EQ(appended.result().checkpoints_unknown_key, 1);

  ChainChecker unsigned_trail;
  unsigned_trail.expect_signed({{}, 2, ""});
  for (const auto& e : chain)
    unsigned_trail.feed(e, e.hash);
  unsigned_trail.finish(3, chain[2].hash);
  unsigned_trail.require_signed_end();
  EXPECT_FALSE(unsigned_trail.result().intact);
  EXPECT_NE(unsigned_trail.result().problem.find("2 signed by other keys were ignored"),
            std::string::npos)
      << unsigned_trail.result().problem;
}

class CheckpointTest : public testing::TrailTest {
 protected:
  void SetUp() override {
    TrailTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    key_file_ = aims::testing::fresh_key_file_path();
    auto keys = SigningKeys::open_or_create(key_file_);
    ASSERT_TRUE(keys.ok()) << keys.error().message;
    keys_.emplace(std::move(*keys));
  }
  void TearDown() override {
    if (!key_file_.empty()) std::filesystem::remove(key_file_);
  }

  void append_events(int count) {
    for (int i = 0; i < count; ++i)
      ASSERT_TRUE(append({"thing", i, "create", {}, {{"n", std::to_string(i)}}}).ok());
  }
  std::vector<Checkpoint> stored() {
    auto all = db_->read([&](store::Tx& tx) { return checkpoints_up_to(tx, org_, 1'000'000); });
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<Checkpoint>{};
  }
  Result<Verification> verify_with(const note::VerifierKey& key) {
    return verify(*db_, org_, {.key = key});
  }
  note::VerifierKey key() const { return keys_->for_org(org_).verifier(); }
  // What a database administrator can do: remove the append-only guards, then change rows.
  void tamper(const std::function<Status(store::Tx&)>& change) {
    auto done = db_->write([&](store::Tx& tx) -> Status {
      TRY(aims::testing::drop_append_only_guards(tx));
      return change(tx);
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }
  void tamper(const std::string& sql) {
    tamper([&](store::Tx& tx) { return tx.run_script(sql); });
  }

  std::string key_file_;
  std::optional<SigningKeys> keys_;
};

TEST_P(CheckpointTest, SignsTheHeadWithTheOrganisationsKey) {
  append_events(3);
  auto signed_head = sign_head(*db_, org_, *keys_);
  ASSERT_TRUE(signed_head.ok()) << signed_head.error().message;
  ASSERT_TRUE(signed_head->has_value());
  const Checkpoint& checkpoint = **signed_head;
  auto events = db_->read([&](store::Tx& tx) { return list(tx, org_, {}); });
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(checkpoint.head.seq, 3);
  EXPECT_EQ(checkpoint.head.head_hash, events->front().hash);
  EXPECT_EQ(checkpoint.key_id, key().id_hex());

  const note::OpenedNote opened = note::open(checkpoint.note, key());
  ASSERT_EQ(opened.outcome, note::Opened::verified);
  EXPECT_EQ(opened.text, checkpoint_text(checkpoint.head));
  ASSERT_EQ(stored().size(), 1u);
  EXPECT_EQ(stored()[0].note, checkpoint.note);

  auto v = verify_with(key());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
  EXPECT_EQ(v->checkpoints_verified, 1);
  ASSERT_TRUE(v->latest_signed);
  EXPECT_EQ(v->latest_signed->seq, 3);
}

TEST_P(CheckpointTest, TheTimerSignsOnlyHeadsThatMoved) {
  append_events(2);
  const auto ignore = [](int64_t, const Error& e) { ADD_FAILURE() << e.message; };
  EXPECT_EQ(*sign_moved_heads(*db_, *keys_, ignore), 1);
  EXPECT_EQ(*sign_moved_heads(*db_, *keys_, ignore), 0);
  append_events(1);
  EXPECT_EQ(*sign_moved_heads(*db_, *keys_, ignore), 1);
  ASSERT_EQ(stored().size(), 2u);
  EXPECT_EQ(stored()[1].head.seq, 3);
}

TEST_P(CheckpointTest, TheCheckpointerSignsWhenItStartsAndWhenItStops) {
  append_events(2);
  const auto report = [](int64_t, const Error& e) { ADD_FAILURE() << e.message; };
  {
    Checkpointer timer(*db_, *keys_, std::chrono::hours(1), report);
    // The first pass runs at once; wait for it before appending, so the stop must sign again.
    for (int i = 0; i < 200 && stored().empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    append_events(1);
  }
  const auto all = stored();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].head.seq, 2);
  EXPECT_EQ(all[1].head.seq, 3);
}

TEST_P(CheckpointTest, ConcurrentSignersOfOneHeadStoreOneCheckpoint) {
  append_events(2);
  std::vector<std::thread> signers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    signers.emplace_back([&] {
      if (!sign_head(*db_, org_, *keys_, {.only_if_moved = true}).ok()) ++failures;
    });
  }
  for (auto& t : signers)
    t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(stored().size(), 1u);
}

TEST_P(CheckpointTest, VerificationCatchesARewrittenDatabase) {
  append_events(4);
  ASSERT_TRUE(sign_head(*db_, org_, *keys_).ok());
  tamper([&](store::Tx& tx) { return aims::testing::rewrite_chain_from(tx, org_, 2); });
  EXPECT_TRUE(verify(*db_, org_)->intact) << "the chain alone is consistent again";
  auto v = verify_with(key());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->bad_seq, 4);
  EXPECT_NE(v->problem.find("rewritten"), std::string::npos) << v->problem;
  EXPECT_FALSE(sign_head(*db_, org_, *keys_).ok()) << "the signer must not vouch for it";
}

TEST_P(CheckpointTest, VerificationCatchesATruncatedDatabase) {
  append_events(4);
  ASSERT_TRUE(sign_head(*db_, org_, *keys_).ok());
  // Remove the last two events and reseal the head: the chain alone still looks intact.
  tamper(
      "DELETE FROM trail_events WHERE seq >= 4; UPDATE trail_heads SET seq = 3, head_hash ="
      " (SELECT hash FROM trail_events WHERE seq = 3)");
  EXPECT_TRUE(verify(*db_, org_)->intact);
  auto v = verify_with(key());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_NE(v->problem.find("truncated"), std::string::npos) << v->problem;
  // And the signer refuses to vouch for the shortened chain.
  auto refused = sign_head(*db_, org_, *keys_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
}

TEST_P(CheckpointTest, RefusesToSignAChainThatDoesNotExtendItsLastCheckpoint) {
  append_events(3);
  ASSERT_TRUE(sign_head(*db_, org_, *keys_).ok());
  append_events(1);
  tamper("UPDATE trail_events SET hash = prev_hash WHERE seq = 4");
  auto refused = sign_head(*db_, org_, *keys_, {.only_if_moved = true});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("refusing to sign"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(stored().size(), 1u);
}

TEST_P(CheckpointTest, AnotherKeyFileIsRefusedUnlessItIsANewKey) {
  append_events(2);
  ASSERT_TRUE(sign_head(*db_, org_, *keys_).ok());
  const std::string other_file = aims::testing::fresh_key_file_path();
  auto other = SigningKeys::open_or_create(other_file);
  ASSERT_TRUE(other.ok());
  auto refused = sign_head(*db_, org_, *other);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("same key file"), std::string::npos)
      << refused.error().message;
  ASSERT_TRUE(sign_head(*db_, org_, *other, {.new_key = true}).ok());
  std::filesystem::remove(other_file);

  auto v = verify_with(key());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
  EXPECT_EQ(v->checkpoints_verified, 1);
  EXPECT_EQ(v->checkpoints_unknown_key, 1);
}

TEST_P(CheckpointTest, TheDatabaseAloneCannotMakeACheckpointTheKeyAccepts) {
  append_events(2);
  ASSERT_TRUE(sign_head(*db_, org_, *keys_).ok());
  // Everything the database holds about signing is public: the checkpoint, its key ID and the
  // key name. Someone with only the database signs with a key of their own, under the right
  // name and key ID...
  const Checkpoint genuine = stored()[0];
  const note::SignerKey forger(key_name(org_), crypto::random_bytes(32));
  std::string forged = forger.sign(checkpoint_text(genuine.head));
  std::string blob;
  const auto line = forged.rfind(' ') + 1;
  ASSERT_TRUE(crypto::base64_decode(forged.substr(line, forged.size() - line - 1), blob));
  std::string genuine_id;
  ASSERT_TRUE(crypto::hex_decode(genuine.key_id, genuine_id));
  blob.replace(0, 4, genuine_id);
  forged = forged.substr(0, line) + crypto::base64_encode(blob) + "\n";
  auto inserted = db_->write([&](store::Tx& tx) {
    return tx.insert(
        "INSERT INTO trail_checkpoints (org_id, seq, head_hash, signed_at, key_id, note)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {org_, genuine.head.seq, genuine.head.head_hash, genuine.head.signed_at, genuine.key_id,
         forged});
  });
  ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  // ...and verification with the real key calls it forged.
  auto v = verify_with(key());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_NE(v->problem.find("forged"), std::string::npos) << v->problem;
  // A checkpoint signed with a key derived from another key file is not the organisation's.
  EXPECT_EQ(note::open(forger.sign(checkpoint_text(genuine.head)), key()).outcome,
            note::Opened::unknown_key);
}

INSTANTIATE_TEST_SUITE_P(Backends, CheckpointTest,
                         ::testing::ValuesIn(aims::testing::all_backends()),
                         aims::testing::backend_name);

}  // namespace
}  // namespace aims::trail
