// Identity and tenancy: organisations, users, roles, sessions, API tokens and login throttling.
// Every function that touches an organisation's records takes its id; records of another
// organisation are reported as not_found. Every change is written to the audit trail in the
// same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/roles.h"
#include "base/result.h"
#include "store/database.h"
#include "store/precondition.h"
#include "trail/trail.h"

namespace aims::auth {

struct Organisation {
  int64_t id = 0;
  std::string name;
  std::string created_at;
};

struct User {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string email;
  std::string name;
  Role role = Role::viewer;
  std::string status;  // "active" or "disabled"
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> last_login_at;
  int64_t version = 1;
};

struct ApiToken {
  int64_t id = 0;
  int64_t org_id = 0;
  int64_t user_id = 0;
  std::string user_email;
  std::string name;
  std::string prefix;  // the first characters, enough to recognise a token in a list
  std::string created_at;
  std::optional<std::string> expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
  int64_t version = 1;
};

// Who is calling, established from a session cookie or a bearer token.
struct Principal {
  int64_t org_id = 0;
  std::string org_name;
  int64_t user_id = 0;
  std::string email;
  std::string name;
  Role role = Role::viewer;
  std::optional<int64_t> token_id;  // set when authenticated by an API token
  std::string token_name;
  std::string csrf_token;  // set for sessions: state-changing requests must echo it

  trail::Actor actor() const;
};

// ---- organisations and users --------------------------------------------------------------

struct NewUser {
  std::string email;
  std::string name;
  std::string role;                     // one of to_string(Role)
  std::optional<std::string> password;  // generated when absent
};

struct CreatedUser {
  User user;
  std::optional<std::string> generated_password;  // shown once, never stored
};

struct UserChanges {
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<std::string> status;
  int64_t expected_version = 0;  // the version the caller read (If-Match)
};

// Creates an organisation, its audit chain and its first admin. Errors: invalid_argument (org
// name on field "name", admin fields on "admin_email"/"password"), already_exists.
Result<std::pair<Organisation, CreatedUser>> create_organisation(store::Database& db,
                                                                 const std::string& name,
                                                                 const NewUser& admin,
                                                                 const trail::Actor& actor);

Result<Organisation> find_organisation(store::Database& db, const std::string& name);
Result<std::vector<Organisation>> list_organisations(store::Database& db);

// For other modules, inside their own transaction: whether `user_id` is an active user of the
// organisation (so a record cannot name someone of another organisation as its owner).
Result<bool> is_active_user(store::Tx& tx, int64_t org_id, int64_t user_id);
// How titles and messages name a person of the organisation: their name, or their email when
// they have none; empty when there is no such person or no `user_id`.
Result<std::string> person_name(store::Tx& tx, int64_t org_id, std::optional<int64_t> user_id);

// Errors: invalid_argument naming the field; already_exists for a taken email.
Result<CreatedUser> add_user(store::Database& db, int64_t org_id, const NewUser& user,
                             const trail::Actor& actor);
Result<std::vector<User>> list_users(store::Database& db, int64_t org_id);
// Errors: not_found (including a user of another organisation).
Result<User> get_user(store::Database& db, int64_t org_id, int64_t user_id);
Result<User> find_user_by_email(store::Database& db, int64_t org_id, const std::string& email);
// Errors: invalid_argument, not_found, stale_version, failed_precondition when the change would
// leave the organisation without an active admin.
Result<User> update_user(store::Database& db, int64_t org_id, int64_t user_id,
                         const UserChanges& changes, const trail::Actor& actor);
// ---- API tokens -----------------------------------------------------------------------------

struct CreatedToken {
  ApiToken token;
  std::string secret;  // "aims_..."; shown once, only its SHA-256 is stored
};

// Errors: invalid_argument ("name", "user_id", "expires_in_days"), not_found for the user.
Result<CreatedToken> create_token(store::Database& db, int64_t org_id, int64_t user_id,
                                  const std::string& name, std::optional<int> expires_in_days,
                                  const trail::Actor& actor);
Result<std::vector<ApiToken>> list_tokens(store::Database& db, int64_t org_id);
// Errors: not_found; failed_precondition when already revoked.
Result<ApiToken> revoke_token(store::Database& db, int64_t org_id, int64_t token_id,
                              const trail::Actor& actor);

// ---- calendar feed tokens -------------------------------------------------------------------
// Calendar applications cannot send headers, so a person's feed is read with a token in its URL.
// The token opens that one feed and nothing else; one per person, stored as its SHA-256.

struct CreatedCalendarToken {
  std::string secret;  // shown once
  std::string created_at;
};

// Makes the person's token, replacing (and so ending) the one they had. Errors: invalid_argument
// on "user_id" for a disabled user.
Result<CreatedCalendarToken> create_calendar_token(store::Database& db, int64_t org_id,
                                                   int64_t user_id, const trail::Actor& actor);
// When the person's token was made, or nullopt when they have none.
Result<std::optional<std::string>> calendar_token_created(store::Database& db, int64_t org_id,
                                                          int64_t user_id);
// Ends the token at once. Errors: not_found when the person has none.
Status revoke_calendar_token(store::Database& db, int64_t org_id, int64_t user_id,
                             const trail::Actor& actor);

// Whose feed a token opens: an active user, in their own organisation. Errors: not_found for
// any other text, with the same message whatever the reason.
Result<User> calendar_token_user(store::Database& db, std::string_view secret);

// ---- sessions -------------------------------------------------------------------------------

struct SessionTokens {
  std::string session;  // the cookie value
  std::string csrf;
  Principal principal;
};

// Sign-in throttling. Failures are counted per account from one address, per address and per
// account; once a count reaches its limit, every further failure doubles the wait, from
// `first_wait_seconds` to at most `max_wait_seconds`. A key's count is forgotten once it has had
// no failure for `forget_after_seconds`.
struct LoginThrottle {
  int pair_failures = 5;       // one account from one address: a person who forgot
  int address_failures = 30;   // one address, any accounts: password spraying
  int account_failures = 100;  // one account, any address: distributed guessing; high, so a
                               // single attacker cannot lock a person out
  int first_wait_seconds = 30;
  int max_wait_seconds = 15 * 60;
  int forget_after_seconds = 60 * 60;
};

// Checks the password and opens a session. Errors: unauthenticated (same message for an
// unknown email, a wrong password and a disabled account), rate_limited while throttled (with
// Error::retry_after_seconds the true wait).
Result<SessionTokens> login(store::Database& db, const std::string& email,
                            const std::string& password, const std::string& remote_addr,
                            const std::string& user_agent, const LoginThrottle& limits = {});
Status logout(store::Database& db, const std::string& session_token);

// Changes a user's own password after checking the current one, and ends every session of the
// user: a caller signed in through a session gets a new one (returned), with a new secret.
// Errors: unauthenticated for a wrong current password; invalid_argument on "new_password".
Result<std::optional<SessionTokens>> change_password(store::Database& db, const Principal& who,
                                                     const std::string& current,
                                                     const std::string& replacement,
                                                     const std::string& remote_addr,
                                                     const std::string& user_agent);

// Errors: unauthenticated for an unknown, expired or disabled-account session or token.
Result<Principal> authenticate_session(store::Database& db, const std::string& session_token);
// A session's CSRF token: derived from its secret, so nothing needs to be stored, and it reveals
// nothing of the secret.
std::string csrf_token_for(const std::string& session_token);
// Housekeeping: removes expired sessions and throttle counts nobody needs any more.
Status purge_expired(store::Database& db, const LoginThrottle& limits = {});
Result<Principal> authenticate_token(store::Database& db, const std::string& bearer);

// The same answers, reusing what `cache` remembers of the credential while its organisation's
// credentials generation is unchanged (credential_cache.h): what a server calls per request.
// With `unconfirmed`, a remembered principal comes back unchecked, with the condition to check
// before acting on it (CredentialCache::authenticate).
class CredentialCache;
Result<Principal> authenticate_session(store::Database& db, CredentialCache& cache,
                                       const std::string& session_token,
                                       std::optional<store::Precondition>* unconfirmed = nullptr);
Result<Principal> authenticate_token(store::Database& db, CredentialCache& cache,
                                     const std::string& bearer,
                                     std::optional<store::Precondition>* unconfirmed = nullptr);

}  // namespace aims::auth
