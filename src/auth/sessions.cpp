// Login with throttling, browser sessions (idle and absolute expiry), logout.
#include "auth/auth.h"
#include "auth/passwords.h"
#include "auth/rules.h"
#include "auth/store.h"
#include "base/crypto.h"
#include "base/time.h"

namespace aims::auth {
namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kIdleLimit = 60 * 60 * kSecond;        // signed out after an hour without use
constexpr int64_t kAbsoluteLimit = 12 * 3600 * kSecond;  // and after twelve hours in any case

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

// nullopt when the key may try; otherwise how many seconds it must wait.
Result<std::optional<int64_t>> locked_for(store::Tx& tx, const std::string& key, int64_t now) {
  auto state = sql::throttle(tx, key);
  if (!state) return state.error();
  if (!state->has_value() || !(*state)->locked_until) return std::optional<int64_t>();
  const auto until = parse_timestamp(*(*state)->locked_until).value_or(0);
  if (until <= now) return std::optional<int64_t>();
  return std::optional<int64_t>((until - now) / kSecond + 1);
}

Status count_failure(store::Tx& tx, const std::string& key, int limit, const LoginThrottle& t,
                     int64_t now) {
  auto state = sql::throttle(tx, key);
  if (!state) return state.error();
  sql::ThrottleState next;
  const bool in_window =
      state->has_value() &&
      now - parse_timestamp((*state)->window_start).value_or(0) < t.window_seconds * kSecond;
  if (in_window) {
    next = **state;
    next.failures += 1;
  } else {
    next.failures = 1;
    next.window_start = format_timestamp(now);
  }
  if (next.failures >= limit) {
    next.locked_until = format_timestamp(now + t.lock_seconds * kSecond);
  }
  return sql::save_throttle(tx, key, next);
}

}  // namespace

Result<SessionTokens> login(store::Database& db, const std::string& email,
                            const std::string& password, const std::string& remote_addr,
                            const std::string& user_agent, const LoginThrottle& limits) {
  auto normal = rules::normalise_email(email);
  const std::string account_key = "account:" + (normal ? *normal : email);
  const std::string address_key = "address:" + remote_addr;
  const int64_t now = now_micros();

  auto wait = db.read([&](store::Tx& tx) -> Result<std::optional<int64_t>> {
    auto account = locked_for(tx, account_key, now);
    if (!account || account->has_value()) return account;
    return locked_for(tx, address_key, now);
  });
  if (!wait) return wait.error();
  if (wait->has_value()) {
    return Error{
        ErrorCode::rate_limited,
        "too many failed sign-in attempts; try again in " + std::to_string(**wait) + " seconds",
        {}};
  }

  std::optional<sql::Credentials> credentials;
  if (normal) {
    auto found = db.read([&](store::Tx& tx) { return sql::credentials_by_email(tx, *normal); });
    if (!found) return found.error();
    credentials = *found;
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
    Status counted = db.write([&](store::Tx& tx) -> Status {
      if (Status s = count_failure(tx, account_key, limits.account_failures, limits, now); !s) {
        return s;
      }
      return count_failure(tx, address_key, limits.address_failures, limits, now);
    });
    if (!counted) return counted.error();
    return wrong_credentials();
  }

  SessionTokens tokens;
  tokens.session = crypto::random_token(32);
  tokens.csrf = crypto::random_token(32);
  auto org_name = db.write([&](store::Tx& tx) -> Result<std::string> {
    if (Status s = sql::clear_throttle(tx, account_key); !s) return s.error();
    const std::string stamp = format_timestamp(now);
    if (Status s = sql::insert_session(tx, crypto::sha256_hex(tokens.session), credentials->user,
                                       tokens.csrf, stamp, format_timestamp(now + kIdleLimit),
                                       remote_addr, user_agent.substr(0, 300));
        !s) {
      return s.error();
    }
    if (Status s = sql::mark_login(tx, credentials->user.id, stamp); !s) return s.error();
    auto org = sql::organisation_by_id(tx, credentials->user.org_id);
    if (!org) return org.error();
    return org->has_value() ? (*org)->name : std::string();
  });
  if (!org_name) return org_name.error();
  tokens.principal = principal_of(credentials->user, *org_name, tokens.csrf);
  return tokens;
}

Status logout(store::Database& db, const std::string& session_token) {
  return db.write(
      [&](store::Tx& tx) { return sql::delete_session(tx, crypto::sha256_hex(session_token)); });
}

Result<Principal> authenticate_session(store::Database& db, const std::string& session_token) {
  const Error expired{ErrorCode::unauthenticated, "your session has expired; sign in again", {}};
  if (session_token.empty() || session_token.size() > 100) return expired;
  const std::string hash = crypto::sha256_hex(session_token);
  auto found = db.read([&](store::Tx& tx) { return sql::session_by_hash(tx, hash); });
  if (!found) return found.error();
  if (!found->has_value()) return expired;
  const auto& s = **found;
  const int64_t now = now_micros();
  if (s.expires_at <= format_timestamp(now) || s.user.status != "active") return expired;

  const int64_t last_seen = parse_timestamp(s.last_seen_at).value_or(0);
  if (now - last_seen > 60 * kSecond) {
    // Slide the idle deadline, never past the absolute one. Once a minute is precise enough.
    const int64_t created = parse_timestamp(s.created_at).value_or(now);
    const int64_t deadline = std::min(now + kIdleLimit, created + kAbsoluteLimit);
    auto touched = db.write([&](store::Tx& tx) {
      return sql::touch_session(tx, s.id, format_timestamp(now), format_timestamp(deadline));
    });
    if (!touched) return touched.error();
  }
  return principal_of(s.user, s.org_name, s.csrf_token);
}

}  // namespace aims::auth
