// Identity on both backends: organisations, users, passwords, sessions, tokens, throttling.
#include "auth/auth.h"

#include <gtest/gtest.h>

#include "auth/passwords.h"
#include "base/crypto.h"
#include "support/backends.h"
#include "trail/trail.h"

namespace aims::auth {
namespace {

const trail::Actor kCli{"cli", std::nullopt, "cli:test"};
constexpr const char* kPassword = "a perfectly long passphrase";

class AuthTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto created =
        create_organisation(*db_, "Acme", {"Admin@Acme.test ", "Ada", "admin", kPassword}, kCli);
    ASSERT_TRUE(created.ok()) << created.error().message;
    org_ = created->first;
    admin_ = created->second.user;
  }
  int64_t events() {
    auto n = db_->read([&](store::Tx& tx) { return trail::event_count(tx, org_.id); });
    return n.ok() ? *n : -1;
  }
  User add(const std::string& email, const std::string& role) {
    auto u = add_user(*db_, org_.id, {email, "", role, kPassword}, kCli);
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message);
    return u.ok() ? u->user : User{};
  }
  Organisation org_;
  User admin_;
};

TEST_P(AuthTest, OrganisationStartsWithAdminAndTwoEvents) {
  EXPECT_EQ(admin_.email, "admin@acme.test");  // trimmed and lower-cased
  EXPECT_EQ(admin_.role, Role::admin);
  EXPECT_EQ(events(), 2);  // the organisation and its admin
  auto again = create_organisation(*db_, "Acme", {"other@acme.test", "", "admin", kPassword}, kCli);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(again.error().field, "name");
  auto bad_email = create_organisation(*db_, "Beta", {"nope", "", "admin", kPassword}, kCli);
  ASSERT_FALSE(bad_email.ok());
  EXPECT_EQ(bad_email.error().field, "admin_email");
}

TEST_P(AuthTest, PasswordsAreArgon2idAndPolicyNamesTheField) {
  auto stored = db_->read([&](store::Tx& tx) {
    return tx.query_row("SELECT password_hash FROM users WHERE id = $1", {admin_.id});
  });
  ASSERT_TRUE(stored.ok());
  const std::string hash = (*stored)->text(0);
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  EXPECT_TRUE(verify_password(kPassword, hash));
  EXPECT_FALSE(verify_password("a perfectly long passphrasE", hash));
  for (const char* weak : {"short", "password1234", "x@acme.test"}) {
    auto u = add_user(*db_, org_.id, {"x@acme.test", "", "viewer", std::string(weak)}, kCli);
    ASSERT_FALSE(u.ok()) << weak;
    EXPECT_EQ(u.error().field, "password") << weak;
  }
  EXPECT_TRUE(
      check_password_policy(std::string(64, 'k') + " long passphrases are welcome", "").ok());
}

TEST_P(AuthTest, GeneratedPasswordWorksOnce) {
  auto u = add_user(*db_, org_.id, {"gen@acme.test", "Gen", "viewer", std::nullopt}, kCli);
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(u->generated_password.has_value());
  EXPECT_TRUE(check_password_policy(*u->generated_password, "gen@acme.test").ok());
  EXPECT_TRUE(login(*db_, "gen@acme.test", *u->generated_password, "10.0.0.1", "test").ok());
}

TEST_P(AuthTest, EmailsAreUniqueAcrossOrganisations) {
  auto beta = create_organisation(*db_, "Beta", {"admin@beta.test", "", "admin", kPassword}, kCli);
  ASSERT_TRUE(beta.ok());
  auto dup = add_user(*db_, beta->first.id, {"ADMIN@acme.test", "", "viewer", kPassword}, kCli);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::already_exists);
  EXPECT_EQ(dup.error().field, "email");
  // And one organisation cannot read the other's users.
  EXPECT_EQ(get_user(*db_, beta->first.id, admin_.id).error().code, ErrorCode::not_found);
}

TEST_P(AuthTest, UpdateChecksVersionAndRecordsTheChange) {
  User viewer = add("v@acme.test", "viewer");
  const int64_t before = events();
  auto changed = update_user(*db_, org_.id, viewer.id,
                             {std::nullopt, "contributor", std::nullopt, viewer.version}, kCli);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->role, Role::contributor);
  EXPECT_EQ(changed->version, viewer.version + 1);
  EXPECT_EQ(events(), before + 1);
  auto stale = update_user(*db_, org_.id, viewer.id,
                           {"New name", std::nullopt, std::nullopt, viewer.version}, kCli);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::stale_version);
  auto same = update_user(*db_, org_.id, viewer.id,
                          {std::nullopt, "contributor", std::nullopt, changed->version}, kCli);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, changed->version) << "a no-op must not create a version";
  EXPECT_EQ(events(), before + 1) << "a no-op must not create an audit event";
}

TEST_P(AuthTest, OrganisationKeepsAnActiveAdmin) {
  auto demote = update_user(*db_, org_.id, admin_.id,
                            {std::nullopt, "viewer", std::nullopt, admin_.version}, kCli);
  ASSERT_FALSE(demote.ok());
  EXPECT_EQ(demote.error().code, ErrorCode::failed_precondition);
  User second = add("second@acme.test", "admin");
  auto disable = update_user(*db_, org_.id, admin_.id,
                             {std::nullopt, std::nullopt, "disabled", admin_.version}, kCli);
  EXPECT_TRUE(disable.ok()) << "with a second admin the first may be disabled";
  (void)second;
}

TEST_P(AuthTest, SessionsExpireAndEndOnLogoutOrDisable) {
  User viewer = add("s@acme.test", "viewer");
  auto s = login(*db_, "s@acme.test", kPassword, "10.0.0.2", "ua");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->principal.role, Role::viewer);
  EXPECT_EQ(s->principal.org_name, "Acme");
  auto who = authenticate_session(*db_, s->session);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->csrf_token, s->csrf);
  // Sessions are stored hashed: the cookie value itself is nowhere in the database.
  auto raw = db_->read([&](store::Tx& tx) {
    return tx.query_row("SELECT COUNT(*) FROM sessions WHERE token_hash = $1", {s->session});
  });
  EXPECT_EQ((*raw)->int64(0), 0);

  ASSERT_TRUE(logout(*db_, s->session).ok());
  EXPECT_EQ(authenticate_session(*db_, s->session).error().code, ErrorCode::unauthenticated);

  auto s2 = login(*db_, "s@acme.test", kPassword, "10.0.0.2", "ua");
  ASSERT_TRUE(s2.ok());
  ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                   return tx.exec("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000000Z'");
                 })
                  .ok());
  EXPECT_FALSE(authenticate_session(*db_, s2->session).ok());

  auto s3 = login(*db_, "s@acme.test", kPassword, "10.0.0.2", "ua");
  ASSERT_TRUE(s3.ok());
  ASSERT_TRUE(update_user(*db_, org_.id, viewer.id,
                          {std::nullopt, std::nullopt, "disabled", viewer.version}, kCli)
                  .ok());
  EXPECT_FALSE(authenticate_session(*db_, s3->session).ok());
  EXPECT_EQ(login(*db_, "s@acme.test", kPassword, "10.0.0.2", "ua").error().code,
            ErrorCode::unauthenticated);
}

TEST_P(AuthTest, ThrottlingLocksAnAccountOnlyFromTheAddressThatGuessed) {
  add("t@acme.test", "viewer");
  LoginThrottle limits;  // 5 per account and address, 30 per address, 100 per account
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        login(*db_, "t@acme.test", "wrong wrong wrong", "10.0.0.3", "ua", limits).error().code,
        ErrorCode::unauthenticated);
  }
  auto locked = login(*db_, "t@acme.test", kPassword, "10.0.0.3", "ua", limits);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
  // The fifth failure waits first_wait_seconds (30); the message and Retry-After say the truth.
  EXPECT_GE(locked.error().retry_after_seconds, 29);
  EXPECT_LE(locked.error().retry_after_seconds, 30);
  EXPECT_NE(
      locked.error().message.find(std::to_string(locked.error().retry_after_seconds) + " seconds"),
      std::string::npos);
  // The owner, elsewhere, is not locked out by someone guessing their password.
  EXPECT_TRUE(login(*db_, "t@acme.test", kPassword, "10.0.0.4", "ua", limits).ok());

  LoginThrottle tight{.address_failures = 3};
  for (int i = 0; i < 3; ++i)
    (void)login(*db_, "nobody" + std::to_string(i) + "@acme.test", "x", "10.9.9.9", "ua", tight);
  EXPECT_EQ(login(*db_, "t@acme.test", kPassword, "10.9.9.9", "ua", tight).error().code,
            ErrorCode::rate_limited);
  EXPECT_TRUE(login(*db_, "t@acme.test", kPassword, "10.0.0.5", "ua", tight).ok());
}

TEST_P(AuthTest, ThrottleWaitDoublesWithEachFurtherFailure) {
  add("p@acme.test", "viewer");
  LoginThrottle limits{.pair_failures = 2, .first_wait_seconds = 10, .max_wait_seconds = 40};
  auto expire_locks = [&] {
    ASSERT_TRUE(db_->write([&](store::Tx& tx) {
                     return tx.exec(
                         "UPDATE login_throttle SET locked_until = "
                         "'2000-01-01T00:00:00.000000Z'");
                   })
                    .ok());
  };
  auto fail = [&] {
    EXPECT_EQ(login(*db_, "p@acme.test", "bad guess", "10.1.1.1", "ua", limits).error().code,
              ErrorCode::unauthenticated);
  };
  // While locked, even the right password is refused (and does not count as a failure).
  auto wait = [&] {
    auto refused = login(*db_, "p@acme.test", kPassword, "10.1.1.1", "ua", limits);
    return refused.ok() ? 0 : refused.error().retry_after_seconds;
  };
  // Worked by hand: the first failure is free (limit 2); the 2nd waits 10 s, the 3rd 20, the 4th
  // 40, and the 5th 40 again (the cap).
  fail();
  fail();
  EXPECT_EQ(wait(), 10);
  for (int expected : {20, 40, 40}) {
    expire_locks();
    fail();
    EXPECT_EQ(wait(), expected);
  }
}

TEST_P(AuthTest, PasswordChangeEndsEverySessionAndOpensANewOne) {
  add("c@acme.test", "contributor");
  auto first = login(*db_, "c@acme.test", kPassword, "10.0.0.2", "ua");
  auto second = login(*db_, "c@acme.test", kPassword, "10.0.0.7", "phone");
  ASSERT_TRUE(first.ok() && second.ok());
  auto fresh = change_password(*db_, first->principal, kPassword, "another long passphrase",
                               "10.0.0.2", "ua");
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  ASSERT_TRUE(fresh->has_value());
  EXPECT_FALSE(authenticate_session(*db_, first->session).ok()) << "the old id must not live on";
  EXPECT_FALSE(authenticate_session(*db_, second->session).ok()) << "other devices are signed out";
  const auto& next = **fresh;
  EXPECT_NE(next.session, first->session);
  EXPECT_NE(next.csrf, first->csrf);
  auto who = authenticate_session(*db_, next.session);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->csrf_token, next.csrf);
  EXPECT_TRUE(login(*db_, "c@acme.test", "another long passphrase", "10.0.0.2", "ua").ok());
}

TEST_P(AuthTest, CsrfTokensAreDerivedAndNeverStored) {
  add("d@acme.test", "viewer");
  auto s = login(*db_, "d@acme.test", kPassword, "10.0.0.2", "ua");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->csrf, csrf_token_for(s->session));
  EXPECT_NE(s->csrf, s->session);
  EXPECT_GE(s->csrf.size(), 43u);  // 256 bits, base64url
  auto column =
      db_->read([&](store::Tx& tx) { return tx.query("SELECT csrf_token FROM sessions"); });
  EXPECT_FALSE(column.ok()) << "sessions must not keep CSRF tokens";
}

TEST_P(AuthTest, HousekeepingForgetsExpiredSessionsAndOldThrottleCounts) {
  add("h@acme.test", "viewer");
  auto live = login(*db_, "h@acme.test", kPassword, "10.0.0.2", "ua");
  auto expired = login(*db_, "h@acme.test", kPassword, "10.0.0.3", "ua");
  ASSERT_TRUE(live.ok() && expired.ok());
  (void)login(*db_, "h@acme.test", "wrong", "10.0.0.8", "ua");
  (void)login(*db_, "h@acme.test", "wrong", "10.0.0.9", "ua");
  auto run = [&](const std::string& sql) {
    ASSERT_TRUE(db_->write([&](store::Tx& tx) { return tx.exec(sql); }).ok());
  };
  run("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE token_hash = '" +
      crypto::sha256_hex(expired->session) + "'");
  // Counts of 10.0.0.8 are two hours old; those of 10.0.0.9 are fresh.
  run("UPDATE login_throttle SET last_failure_at = '2000-01-01T00:00:00.000000Z'"
      " WHERE throttle_key LIKE '%10.0.0.8'");
  auto count = [&](const std::string& sql) {
    auto n = db_->read([&](store::Tx& tx) { return tx.query_row(sql); });
    return (*n)->int64(0);
  };
  const int64_t throttles_before = count("SELECT COUNT(*) FROM login_throttle");
  ASSERT_TRUE(purge_expired(*db_).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 1);
  EXPECT_TRUE(authenticate_session(*db_, live->session).ok());
  // Two keys mention 10.0.0.8 (pair and address); the account key was refreshed by 10.0.0.9.
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_throttle"), throttles_before - 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_throttle WHERE throttle_key LIKE '%10.0.0.9'"), 2);
}

TEST_P(AuthTest, TokensAreStoredHashedAndCanBeRevokedOnce) {
  User bot = add("bot@acme.test", "contributor");
  const int64_t before = events();
  auto t = create_token(*db_, org_.id, bot.id, "ci gate", 30, kCli);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->secret.starts_with("aims_"));
  EXPECT_TRUE(t->secret.starts_with(t->token.prefix));
  auto stored = db_->read([&](store::Tx& tx) {
    return tx.query_row("SELECT token_hash FROM api_tokens WHERE id = $1", {t->token.id});
  });
  EXPECT_EQ((*stored)->text(0), crypto::sha256_hex(t->secret));
  auto who = authenticate_token(*db_, t->secret);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->role, Role::contributor);
  EXPECT_EQ(who->actor().label, "token ci gate (bot@acme.test)");
  ASSERT_TRUE(revoke_token(*db_, org_.id, t->token.id, kCli).ok());
  EXPECT_EQ(revoke_token(*db_, org_.id, t->token.id, kCli).error().code,
            ErrorCode::failed_precondition);
  EXPECT_FALSE(authenticate_token(*db_, t->secret).ok());
  EXPECT_EQ(events(), before + 2);
  EXPECT_EQ(create_token(*db_, org_.id, bot.id, "x", 0, kCli).error().field, "expires_in_days");
  EXPECT_EQ(create_token(*db_, org_.id, 99999, "x", std::nullopt, kCli).error().field, "user_id");
}

TEST(PermissionTableTest, RolesMatchTheirDescriptions) {
  // admin: everything; auditor: reads everything, writes only audit records; viewer: reads.
  for (Action a : all_actions())
    EXPECT_TRUE(can(Role::admin, a));
  for (Role r : all_roles())
    EXPECT_TRUE(can(r, Action::read));
  EXPECT_TRUE(can(Role::auditor, Action::edit_audits));
  EXPECT_FALSE(can(Role::auditor, Action::edit_records));
  EXPECT_FALSE(can(Role::contributor, Action::edit_audits));
  for (Action a : all_actions()) {
    if (a != Action::read) {
      EXPECT_FALSE(can(Role::viewer, a)) << to_string(a);
    }
  }
  EXPECT_FALSE(can(Role::aims_manager, Action::manage_users));
  EXPECT_EQ(parse_role("aims-manager"), Role::aims_manager);
  EXPECT_EQ(parse_role("root"), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthTest, ::testing::ValuesIn(testing::all_backends()),
                         testing::backend_name);

}  // namespace
}  // namespace aims::auth
