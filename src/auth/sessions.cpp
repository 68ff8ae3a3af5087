// Login with throttling, browser sessions (idle and absolute expiry), logout, password changes
// that end every session, and the housekeeping that forgets expired sessions.
#include "auth/auth.h"
#include "auth/credential_cache.h"
#include "auth/passwords.h"
#include "auth/rules.h"
#include "auth/store.h"
#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"
#include "trail/trail.h"

namespace aims::auth {
namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kIdleLimit = 60 * 60 * kSecond;        // signed out after an hour without use
constexpr int64_t kAbsoluteLimit = 12 * 3600 * kSecond;  // and after twelve hours in any case
constexpr int64_t kRecordUseEvery = 60 * kSecond;        // how often use slides the idle deadline

const Error& wrong_credentials() {
  static const Error e{ErrorCode::unauthenticated, "email or password is incorrect", {}};
  return e;
}

Principal principal_of(const User& user, const std::string& org_name, const std::string& csrf) {
  Principal p;
  p.org_id = user.org_id;
  p.org_name = org_name;
  p.user_id = user.id;
  p.email = user.email;
  p.name = user.name;
  p.role = user.role;
  p.csrf_token = csrf;
  return p;
}

// One throttled key and the failures it may have before each further one costs a wait.
struct ThrottleKey {
  std::string key;
  int limit = 0;
};

std::vector<ThrottleKey> throttle_keys(const std::string& account, const std::string& address,
                                       const LoginThrottle& t) {
  return {{"pair:" + account + "\n" + address, t.pair_failures},
          {"address:" + address, t.address_failures},
          {"account:" + account, t.account_failures}};
}

// How long the `failures`-th failure locks its key: nothing below the limit, then doubling.
int64_t lock_seconds(int64_t failures, int limit, const LoginThrottle& t) {
  if (failures < limit) return 0;
  int64_t wait = t.first_wait_seconds;
  for (int64_t extra = failures - limit; extra > 0 && wait < t.max_wait_seconds; --extra)
    wait *= 2;
  return std::min<int64_t>(wait, t.max_wait_seconds);
}

// 0 when the key may try now; otherwise the seconds it must still wait.
Result<int64_t> wait_for(store::Tx& tx, const std::string& key, int64_t now) {
  TRY_ASSIGN(auto state, sql::throttle(tx, key));
  if (!state || !state->locked_until) return int64_t{0};
  const int64_t until = parse_timestamp(*state->locked_until).value_or(0);
  return until <= now ? int64_t{0} : (until - now + kSecond - 1) / kSecond;
}

Status count_failure(store::Tx& tx, const ThrottleKey& k, const LoginThrottle& t, int64_t now) {
  TRY_ASSIGN(auto state, sql::throttle(tx, k.key));
  sql::ThrottleState next;
  const bool remembered = state && now - parse_timestamp(state->last_failure_at).value_or(0) <
                                       int64_t{t.forget_after_seconds} * kSecond;
  next.failures = remembered ? state->failures + 1 : 1;
  next.last_failure_at = format_timestamp(now);
  if (const int64_t wait = lock_seconds(next.failures, k.limit, t); wait > 0) {
    next.locked_until = format_timestamp(now + wait * kSecond);
  }
  return sql::save_throttle(tx, k.key, next);
}

Error throttled(int64_t seconds) {
  Error e{ErrorCode::rate_limited,
          "too many failed sign-in attempts; try again in " + std::to_string(seconds) +
              (seconds == 1 ? " second" : " seconds"),
          {}};
  e.retry_after_seconds = static_cast<int>(seconds);
  return e;
}

// A new session for `user`, written in `tx`; returns its secret.
Result<std::string> open_session(store::Tx& tx, const User& user, int64_t now,
                                 const std::string& remote_addr, const std::string& user_agent) {
  std::string secret = crypto::random_token(32);
  TRY(sql::insert_session(tx, crypto::sha256_hex(secret), user, format_timestamp(now),
                          format_timestamp(now + kIdleLimit), remote_addr,
                          user_agent.substr(0, 300)));
  return secret;
}

const Error& session_expired() {
  static const Error e{ErrorCode::unauthenticated, "your session has expired; sign in again", {}};
  return e;
}

Result<std::string> session_hash(const std::string& session_token) {
  if (session_token.empty() || session_token.size() > 100) return session_expired();
  return crypto::sha256_hex(session_token);
}

// The session's user as stored now, refused when the session has expired or the account is
// disabled. Once a minute of use slides the idle deadline, never past the absolute one.
Result<CredentialCache::Entry> look_up_session(store::Database& db, const std::string& hash,
                                               const std::string& session_token, int64_t now) {
  TRY_ASSIGN(auto found, db.read([&](store::Tx& tx) { return sql::session_by_hash(tx, hash); }));
  if (!found) return session_expired();
  const auto& s = *found;
  int64_t expires = parse_timestamp(s.expires_at).value_or(0);
  if (expires <= now || s.user.status != "active") return session_expired();

  int64_t seen = parse_timestamp(s.last_seen_at).value_or(0);
  if (now - seen > kRecordUseEvery) {
    const int64_t created = parse_timestamp(s.created_at).value_or(now);
    expires = std::min(now + kIdleLimit, created + kAbsoluteLimit);
    TRY(db.write([&](store::Tx& tx) {
      return sql::touch_session(tx, s.id, format_timestamp(now), format_timestamp(expires));
    }));
    seen = now;
  }
  CredentialCache::Entry entry;
  entry.principal = principal_of(s.user, s.org_name, csrf_token_for(session_token));
  entry.generation = s.generation;
  entry.reuse_until = std::min(expires, seen + kRecordUseEvery);
  return entry;
}

}  // namespace

std::string csrf_token_for(const std::string& session_token) {
  return crypto::base64url_encode(crypto::sha256_bytes("aims csrf v1\n" + session_token));
}

Result<SessionTokens> login(store::Database& db, const std::string& email,
                            const std::string& password, const std::string& remote_addr,
                            const std::string& user_agent, const LoginThrottle& limits) {
  auto normal = rules::normalise_email(email);
  const auto keys = throttle_keys(normal ? *normal : email, remote_addr, limits);
  const int64_t now = now_micros();

  TRY_ASSIGN(const int64_t wait, db.read([&](store::Tx& tx) -> Result<int64_t> {
    int64_t longest = 0;
    for (const auto& k : keys) {
      TRY_ASSIGN(const int64_t w, wait_for(tx, k.key, now));
      longest = std::max(longest, w);
    }
    return longest;
  }));
  if (wait > 0) return throttled(wait);

  std::optional<sql::Credentials> credentials;
  if (normal) {
    TRY_ASSIGN(credentials,
               db.read([&](store::Tx& tx) { return sql::credentials_by_email(tx, *normal); }));
  }
  bool accepted = false;
  if (credentials) {
    accepted = verify_password(password, credentials->password_hash) &&
               credentials->user.status == "active";
  } else {
    verify_against_dummy(password);
  }

  if (!accepted) {
    // Committed on its own: the failure must count even though the login is refused.
    TRY(db.write([&](store::Tx& tx) -> Status {
      for (const auto& k : keys)
        TRY(count_failure(tx, k, limits, now));
      return {};
    }));
    return wrong_credentials();
  }

  SessionTokens tokens;
  TRY_ASSIGN(const std::string org_name, db.write([&](store::Tx& tx) -> Result<std::string> {
    // A success clears this account's counts from this address only: the address and the
    // account may still be under attack elsewhere.
    TRY(sql::clear_throttle(tx, keys[0].key));
    TRY_ASSIGN(tokens.session, open_session(tx, credentials->user, now, remote_addr, user_agent));
    TRY(sql::mark_login(tx, credentials->user.id, format_timestamp(now)));
    TRY_ASSIGN(auto org, sql::organisation_by_id(tx, credentials->user.org_id));
    return org ? org->name : std::string();
  }));
  tokens.csrf = csrf_token_for(tokens.session);
  tokens.principal = principal_of(credentials->user, org_name, tokens.csrf);
  return tokens;
}

Status logout(store::Database& db, const std::string& session_token) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto org_id, sql::delete_session(tx, crypto::sha256_hex(session_token)));
    if (org_id) TRY(sql::bump_credentials_generation(tx, *org_id));
    return {};
  });
}

Result<std::optional<SessionTokens>> change_password(store::Database& db, const Principal& who,
                                                     const std::string& current,
                                                     const std::string& replacement,
                                                     const std::string& remote_addr,
                                                     const std::string& user_agent) {
  TRY_ASSIGN(auto stored, db.read([&](store::Tx& tx) {
    return sql::password_hash(tx, who.org_id, who.user_id);
  }));
  if (!stored || !verify_password(current, *stored)) {
    return Error{ErrorCode::unauthenticated, "the current password is not correct",
                 "current_password"};
  }
  TRY(check_password_policy(replacement, who.email, "new_password"));
  const std::string hash = hash_password(replacement);
  const int64_t now = now_micros();
  return db.write([&](store::Tx& tx) -> Result<std::optional<SessionTokens>> {
    TRY(sql::set_password_hash(tx, who.org_id, who.user_id, hash, format_timestamp(now)));
    // Whoever knew the old password may hold a session: every one of them ends here.
    TRY(sql::delete_sessions_of_user(tx, who.user_id));
    TRY(sql::bump_credentials_generation(tx, who.org_id));
    // The hash itself never enters the trail; that it changed does.
    TRY(trail::record(tx, who.org_id, who.actor(),
                      {"user",
                       who.user_id,
                       "change_password",
                       {},
                       {{"password", json_text::quote("(changed)")}}}));
    if (who.token_id) return std::optional<SessionTokens>();
    TRY_ASSIGN(auto user, sql::user_by_id(tx, who.org_id, who.user_id));
    if (!user) return Error::not_found("no such user");
    SessionTokens tokens;
    TRY_ASSIGN(tokens.session, open_session(tx, *user, now, remote_addr, user_agent));
    tokens.csrf = csrf_token_for(tokens.session);
    tokens.principal = who;
    tokens.principal.csrf_token = tokens.csrf;
    return std::optional<SessionTokens>(std::move(tokens));
  });
}

Result<Principal> authenticate_session(store::Database& db, const std::string& session_token) {
  TRY_ASSIGN(const std::string hash, session_hash(session_token));
  TRY_ASSIGN(auto entry, look_up_session(db, hash, session_token, now_micros()));
  return std::move(entry.principal);
}

Result<Principal> authenticate_session(store::Database& db, CredentialCache& cache,
                                       const std::string& session_token,
                                       std::optional<store::Precondition>* unconfirmed) {
  TRY_ASSIGN(const std::string hash, session_hash(session_token));
  const int64_t now = now_micros();
  return cache.authenticate(
      db, "session " + hash, now, [&] { return look_up_session(db, hash, session_token, now); },
      unconfirmed);
}

Status purge_expired(store::Database& db, const LoginThrottle& limits) {
  const int64_t now = now_micros();
  return db.write([&](store::Tx& tx) -> Status {
    TRY(sql::delete_expired_sessions(tx, format_timestamp(now)));
    TRY(sql::delete_stale_throttles(
        tx, format_timestamp(now - int64_t{limits.forget_after_seconds} * kSecond),
        format_timestamp(now)));
    return {};
  });
}

}  // namespace aims::auth
