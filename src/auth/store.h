// SQL for organisations, users, tokens, sessions and throttling (private to auth/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "store/precondition.h"

namespace aims::auth::sql {

using store::Tx;

Result<int64_t> insert_organisation(Tx& tx, const std::string& name, const std::string& now);
Result<std::optional<Organisation>> organisation_by_name(Tx& tx, const std::string& name);
Result<std::optional<Organisation>> organisation_by_id(Tx& tx, int64_t org_id);
Result<std::vector<Organisation>> organisations(Tx& tx);

Result<int64_t> insert_user(Tx& tx, int64_t org_id, const std::string& email,
                            const std::string& name, Role role, const std::string& hash,
                            const std::string& now);
Result<std::optional<User>> user_by_id(Tx& tx, int64_t org_id, int64_t user_id);
Result<std::optional<User>> user_by_email(Tx& tx, int64_t org_id, const std::string& email);
// Across organisations: login names the user by email only (emails are unique).
struct Credentials {
  User user;
  std::string password_hash;
};
Result<std::optional<Credentials>> credentials_by_email(Tx& tx, const std::string& email);
Result<std::optional<std::string>> password_hash(Tx& tx, int64_t org_id, int64_t user_id);
Result<std::vector<User>> users(Tx& tx, int64_t org_id);
// Writes name/role/status when `expected_version` is current; returns rows changed (0 = stale).
Result<int64_t> update_user(Tx& tx, const User& user, int64_t expected_version,
                            const std::string& now);
Result<int64_t> set_password_hash(Tx& tx, int64_t org_id, int64_t user_id, const std::string& hash,
                                  const std::string& now);
Result<int64_t> count_active_admins(Tx& tx, int64_t org_id);
Status mark_login(Tx& tx, int64_t user_id, const std::string& now);

Result<int64_t> insert_token(Tx& tx, const ApiToken& token, const std::string& token_hash);
Result<std::optional<ApiToken>> token_by_id(Tx& tx, int64_t org_id, int64_t token_id);
Result<std::vector<ApiToken>> tokens(Tx& tx, int64_t org_id);
Result<int64_t> revoke_token(Tx& tx, int64_t org_id, int64_t token_id, const std::string& now);
struct TokenOwner {
  ApiToken token;
  User user;
  std::string org_name;
  int64_t generation = 0;  // the organisation's credentials generation, read in the same statement
};
Result<std::optional<TokenOwner>> token_by_hash(Tx& tx, const std::string& token_hash);
Status touch_token(Tx& tx, int64_t token_id, const std::string& now);

// Calendar feed tokens: at most one per person, stored as its hash.
Status put_calendar_token(Tx& tx, int64_t org_id, int64_t user_id, const std::string& token_hash,
                          const std::string& now);
// Rows deleted (0: the person had none).
Result<int64_t> delete_calendar_token(Tx& tx, int64_t org_id, int64_t user_id);
// When the person's token was made, if they have one.
Result<std::optional<std::string>> calendar_token_created(Tx& tx, int64_t org_id, int64_t user_id);
struct CalendarTokenOwner {
  User user;
  std::string org_name;
};
Result<std::optional<CalendarTokenOwner>> calendar_token_owner(Tx& tx,
                                                               const std::string& token_hash);

struct SessionRow {
  int64_t id = 0;
  User user;
  std::string org_name;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
  int64_t generation = 0;  // the organisation's credentials generation, read in the same statement
};
Status insert_session(Tx& tx, const std::string& token_hash, const User& user,
                      const std::string& now, const std::string& expires_at,
                      const std::string& remote_addr, const std::string& user_agent);
Result<std::optional<SessionRow>> session_by_hash(Tx& tx, const std::string& token_hash);
Status touch_session(Tx& tx, int64_t session_id, const std::string& now,
                     const std::string& expires_at);
// The organisation of the session it deleted, if there was one.
Result<std::optional<int64_t>> delete_session(Tx& tx, const std::string& token_hash);
Status delete_sessions_of_user(Tx& tx, int64_t user_id);

// Every change to whom a credential lets in (revocation, disabling, a new role or name, a
// password change, a session ended) calls this in its transaction: remembered credentials of the
// organisation are then looked up again before their next use, at every server.
Status bump_credentials_generation(Tx& tx, int64_t org_id);
Result<int64_t> credentials_generation(Tx& tx, int64_t org_id);
// The condition that the organisation's generation is still `generation`, for a request to check
// with its first statement (store/precondition.h).
store::Precondition credentials_generation_is(int64_t org_id, int64_t generation);

struct ThrottleState {
  int64_t failures = 0;
  std::string last_failure_at;
  std::optional<std::string> locked_until;
};
Result<std::optional<ThrottleState>> throttle(Tx& tx, const std::string& key);
Status save_throttle(Tx& tx, const std::string& key, const ThrottleState& state);
Status clear_throttle(Tx& tx, const std::string& key);
// Housekeeping: sessions past their expiry; throttle rows whose last failure is older than
// `failed_before` and that lock nobody out any more. Return how many rows went.
Result<int64_t> delete_expired_sessions(Tx& tx, const std::string& now);
Result<int64_t> delete_stale_throttles(Tx& tx, const std::string& failed_before,
                                       const std::string& now);

}  // namespace aims::auth::sql
