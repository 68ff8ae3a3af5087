// Remembered credentials on both backends: every change to whom a credential lets in takes effect
// on the very next request, with the caches warm, at the server that made it and at another one
// sharing the database (a second store::Database with its own cache).
#include "auth/credential_cache.h"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "base/time.h"
#include "support/backends.h"

namespace aims::auth {
namespace {

const trail::Actor kCli{"cli", std::nullopt, "cli:test"};
constexpr const char* kPassword = "a perfectly long passphrase";

// One `aims serve` process, as far as authentication goes: its own pool and its own cache.
struct Server {
  store::Database* db = nullptr;
  CredentialCache cache;

  Result<Principal> token(const std::string& secret) {
    return authenticate_token(*db, cache, secret);
  }
  Result<Principal> session(const std::string& secret) {
    return authenticate_session(*db, cache, secret);
  }
};

class CredentialCacheTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto second = store::Database::open(url_);
    ASSERT_TRUE(second.ok()) << second.error().message;
    second_db_ = std::move(*second);
    here_.db = db_.get();
    there_.db = second_db_.get();
    auto created =
        create_organisation(*db_, "Acme", {"admin@acme.test", "Ada", "admin", kPassword}, kCli);
    ASSERT_TRUE(created.ok()) << created.error().message;
    org_id_ = created->first.id;
    auto user = add_user(*db_, org_id_, {"dev@acme.test", "Dev", "contributor", kPassword}, kCli);
    ASSERT_TRUE(user.ok()) << user.error().message;
    user_ = user->user;
    token_ = new_token("ci");
    session_ = sign_in();
  }

  std::string new_token(const std::string& name) {
    auto t = create_token(*db_, org_id_, user_.id, name, std::nullopt, kCli);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return t.ok() ? t->secret : "";
  }
  std::string sign_in() {
    auto s = login(*db_, "dev@acme.test", kPassword, "10.0.0.2", "test");
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? s->session : "";
  }
  // Both servers have used the token and the session, twice: their caches are warm.
  void warm_both() {
    for (Server* server : {&here_, &there_}) {
      for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(server->token(token_).ok());
        ASSERT_TRUE(server->session(session_).ok());
      }
    }
  }
  void run_sql(const std::string& sql) {
    ASSERT_TRUE(db_->write([&](store::Tx& tx) { return tx.exec(sql); }).ok()) << sql;
  }
  Status change_user(const UserChanges& changes, store::Database& db) {
    auto current = get_user(db, org_id_, user_.id);
    if (!current) return current.error();
    UserChanges versioned = changes;
    versioned.expected_version = current->version;
    auto changed = update_user(db, org_id_, user_.id, versioned, kCli);
    if (!changed) return changed.error();
    return {};
  }

  std::unique_ptr<store::Database> second_db_;
  Server here_, there_;
  int64_t org_id_ = 0;
  User user_;
  std::string token_, session_;
};

std::string name_of(const Result<Principal>& who) {
  return who.ok() ? who->name : "(refused: " + who.error().message + ")";
}

void expect_refused(const Result<Principal>& who, const std::string& why) {
  ASSERT_FALSE(who.ok()) << why;
  EXPECT_EQ(who.error().code, ErrorCode::unauthenticated) << why;
}

TEST_P(CredentialCacheTest, AWarmCacheAnswersWithoutTheLookupUntilTheGenerationMoves) {
  warm_both();
  // A change written behind auth's back (no generation bump) is not seen by a warm cache: proof
  // that the cache answers, so the tests below show it honours the changes that do bump.
  run_sql("UPDATE users SET name = 'Renamed quietly' WHERE email = 'dev@acme.test'");
  EXPECT_EQ(name_of(here_.token(token_)), "Dev");
  EXPECT_EQ(name_of(there_.session(session_)), "Dev");
  Server cold;
  cold.db = db_.get();
  EXPECT_EQ(name_of(cold.token(token_)), "Renamed quietly");
  // Any credential change in the organisation (here: another token revoked) moves it on.
  auto other = create_token(*db_, org_id_, user_.id, "other", std::nullopt, kCli);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(revoke_token(*db_, org_id_, other->token.id, kCli).ok());
  EXPECT_EQ(name_of(here_.token(token_)), "Renamed quietly");
  EXPECT_EQ(name_of(there_.session(session_)), "Renamed quietly");
}

TEST_P(CredentialCacheTest, ARevokedTokenIsRefusedAtOnceByEveryServer) {
  warm_both();
  auto listed = list_tokens(*db_, org_id_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  ASSERT_TRUE(revoke_token(*second_db_, org_id_, listed->front().id, kCli).ok());
  for (Server* server : {&here_, &there_}) {
    auto who = server->token(token_);
    expect_refused(who, "revoked");
    EXPECT_EQ(who.error().message, "the API token has been revoked");
  }
  // The user's session is not the token: it still works.
  EXPECT_TRUE(here_.session(session_).ok());
}

TEST_P(CredentialCacheTest, ADisabledUserIsRefusedAtOnceByEveryServer) {
  warm_both();
  ASSERT_TRUE(change_user({std::nullopt, std::nullopt, "disabled", 0}, *second_db_).ok());
  for (Server* server : {&here_, &there_}) {
    expect_refused(server->token(token_), "token of a disabled user");
    expect_refused(server->session(session_), "session of a disabled user");
  }
  // Enabled again, the token works again (sessions were ended by the disabling).
  ASSERT_TRUE(change_user({std::nullopt, std::nullopt, "active", 0}, *db_).ok());
  EXPECT_TRUE(there_.token(token_).ok());
  expect_refused(there_.session(session_), "sessions end when a user is disabled");
}

TEST_P(CredentialCacheTest, ARoleChangeAppliesAtOnceOnEveryServer) {
  warm_both();
  auto before = here_.token(token_);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(can(before->role, Action::edit_records));
  ASSERT_TRUE(change_user({std::nullopt, "viewer", std::nullopt, 0}, *db_).ok());
  for (Server* server : {&here_, &there_}) {
    auto by_token = server->token(token_);
    auto by_session = server->session(session_);
    ASSERT_TRUE(by_token.ok() && by_session.ok());
    EXPECT_EQ(by_token->role, Role::viewer);
    EXPECT_EQ(by_session->role, Role::viewer);
    EXPECT_FALSE(can(by_token->role, Action::edit_records));
  }
}

TEST_P(CredentialCacheTest, SigningOutOrChangingThePasswordEndsSessionsAtOnceOnEveryServer) {
  const std::string phone = sign_in();
  warm_both();
  ASSERT_TRUE(there_.session(phone).ok());
  ASSERT_TRUE(here_.session(phone).ok());

  ASSERT_TRUE(logout(*db_, session_).ok());
  expect_refused(there_.session(session_), "signed out at the other server");
  expect_refused(here_.session(session_), "signed out here");
  EXPECT_TRUE(there_.session(phone).ok()) << "only the session that signed out ends";

  auto me = here_.session(phone);
  ASSERT_TRUE(me.ok());
  auto fresh =
      change_password(*second_db_, *me, kPassword, "another long passphrase", "10.0.0.2", "test");
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  expect_refused(here_.session(phone), "the password changed at the other server");
  ASSERT_TRUE(fresh->has_value());
  auto next = here_.session((*fresh)->session);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->csrf_token, csrf_token_for((*fresh)->session));
}

TEST_P(CredentialCacheTest, ExpiryNeedsNoWriteToTakeEffect) {
  // Both expire two seconds from now; nothing is written when they do.
  const int64_t soon = now_micros() + 2'000'000;
  run_sql("UPDATE api_tokens SET expires_at = '" + format_timestamp(soon) + "'");
  run_sql("UPDATE sessions SET expires_at = '" + format_timestamp(soon) + "'");
  warm_both();
  std::this_thread::sleep_for(std::chrono::microseconds(soon - now_micros() + 100'000));
  for (Server* server : {&here_, &there_}) {
    auto who = server->token(token_);
    expect_refused(who, "expired token");
    EXPECT_EQ(who.error().message, "the API token has expired");
    expect_refused(server->session(session_), "session past its idle deadline");
  }
}

TEST_P(CredentialCacheTest, ASessionKeepsItsDerivedCsrfTokenAndTokensHaveNone) {
  warm_both();
  auto by_session = there_.session(session_);
  ASSERT_TRUE(by_session.ok());
  EXPECT_EQ(by_session->csrf_token, csrf_token_for(session_));
  EXPECT_FALSE(by_session->token_id.has_value());
  auto by_token = there_.token(token_);
  ASSERT_TRUE(by_token.ok());
  EXPECT_TRUE(by_token->csrf_token.empty());
  EXPECT_EQ(by_token->actor().label, "token ci (dev@acme.test)");
  // A session secret sent as a bearer token, or a token as a cookie, is not a credential.
  expect_refused(there_.token(session_), "a session is not a token");
  expect_refused(there_.session(token_), "a token is not a session");
}

INSTANTIATE_TEST_SUITE_P(Backends, CredentialCacheTest,
                         ::testing::ValuesIn(testing::all_backends()), testing::backend_name);

}  // namespace
}  // namespace aims::auth
