#include "auth/store.h"

namespace aims::auth::sql {
namespace {

#define AIMS_USER_COLUMNS                                                           \
  "u.id, u.org_id, u.email, u.name, u.role, u.status, u.created_at, u.updated_at, " \
  "u.last_login_at, u.version"

User user_from(store::RowReader& r) {
  User u;
  u.id = r.int64();
  u.org_id = r.int64();
  u.email = r.text();
  u.name = r.text();
  u.role = parse_role(r.text()).value_or(Role::viewer);
  u.status = r.text();
  u.created_at = r.text();
  u.updated_at = r.text();
  u.last_login_at = r.opt_text();
  u.version = r.int64();
  return u;
}

#define AIMS_TOKEN_COLUMNS                                                             \
  "t.id, t.org_id, t.user_id, u.email, t.name, t.prefix, t.created_at, t.expires_at, " \
  "t.revoked_at, t.last_used_at, t.version"

ApiToken token_from(store::RowReader& r) {
  ApiToken t;
  t.id = r.int64();
  t.org_id = r.int64();
  t.user_id = r.int64();
  t.user_email = r.text();
  t.name = r.text();
  t.prefix = r.text();
  t.created_at = r.text();
  t.expires_at = r.opt_text();
  t.revoked_at = r.opt_text();
  t.last_used_at = r.opt_text();
  t.version = r.int64();
  return t;
}

Organisation organisation_from(store::RowReader& r) {
  return Organisation{r.int64(), r.text(), r.text()};
}

template <typename T, typename F>
Result<std::optional<T>> one(Result<std::optional<store::Row>> row, F decode) {
  TRY_ASSIGN(auto found, std::move(row));
  if (!found) return std::optional<T>();
  store::RowReader reader(*found);
  return std::optional<T>(decode(reader));
}

template <typename T, typename F>
Result<std::vector<T>> all(Result<store::Rows> rows, F decode) {
  TRY_ASSIGN(auto found, std::move(rows));
  std::vector<T> out;
  out.reserve(found.size());
  for (auto& row : found) {
    store::RowReader reader(row);
    out.push_back(decode(reader));
  }
  return out;
}

Status done(Result<int64_t> r) {
  TRY(r);
  return {};
}

}  // namespace

Result<int64_t> insert_organisation(Tx& tx, const std::string& name, const std::string& now) {
  return tx.insert("INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id",
                   {name, now});
}

Result<std::optional<Organisation>> organisation_by_name(Tx& tx, const std::string& name) {
  return one<Organisation>(
      tx.query_row("SELECT id, name, created_at FROM organisations WHERE name = $1", {name}),
      organisation_from);
}

Result<std::optional<Organisation>> organisation_by_id(Tx& tx, int64_t org_id) {
  return one<Organisation>(
      tx.query_row("SELECT id, name, created_at FROM organisations WHERE id = $1", {org_id}),
      organisation_from);
}

Result<std::vector<Organisation>> organisations(Tx& tx) {
  return all<Organisation>(tx.query("SELECT id, name, created_at FROM organisations ORDER BY name"),
                           organisation_from);
}

Result<int64_t> insert_user(Tx& tx, int64_t org_id, const std::string& email,
                            const std::string& name, Role role, const std::string& hash,
                            const std::string& now) {
  return tx.insert(
      "INSERT INTO users (org_id, email, name, role, status, password_hash, created_at,"
      " updated_at) VALUES ($1, $2, $3, $4, 'active', $5, $6, $6) RETURNING id",
      {org_id, email, name, std::string(to_string(role)), hash, now});
}

Result<std::optional<User>> user_by_id(Tx& tx, int64_t org_id, int64_t user_id) {
  return one<User>(
      tx.query_row("SELECT " AIMS_USER_COLUMNS " FROM users u WHERE u.org_id = $1 AND u.id = $2",
                   {org_id, user_id}),
      user_from);
}

Result<std::optional<User>> user_by_email(Tx& tx, int64_t org_id, const std::string& email) {
  return one<User>(
      tx.query_row("SELECT " AIMS_USER_COLUMNS " FROM users u WHERE u.org_id = $1 AND u.email = $2",
                   {org_id, email}),
      user_from);
}

Result<std::optional<Credentials>> credentials_by_email(Tx& tx, const std::string& email) {
  return one<Credentials>(
      tx.query_row("SELECT " AIMS_USER_COLUMNS ", u.password_hash FROM users u WHERE u.email = $1",
                   {email}),
      [](store::RowReader& r) {
        return Credentials{user_from(r), r.text()};
      });
}

Result<std::optional<std::string>> password_hash(Tx& tx, int64_t org_id, int64_t user_id) {
  return one<std::string>(
      tx.query_row("SELECT password_hash FROM users WHERE org_id = $1 AND id = $2",
                   {org_id, user_id}),
      [](store::RowReader& r) { return r.text(); });
}

Result<std::vector<User>> users(Tx& tx, int64_t org_id) {
  return all<User>(
      tx.query("SELECT " AIMS_USER_COLUMNS " FROM users u WHERE u.org_id = $1 ORDER BY u.email",
               {org_id}),
      user_from);
}

Result<int64_t> update_user(Tx& tx, const User& user, int64_t expected_version,
                            const std::string& now) {
  return tx.exec(
      "UPDATE users SET name = $3, role = $4, status = $5, updated_at = $6,"
      " version = version + 1 WHERE org_id = $1 AND id = $2 AND version = $7",
      {user.org_id, user.id, user.name, std::string(to_string(user.role)), user.status, now,
       expected_version});
}

Result<int64_t> set_password_hash(Tx& tx, int64_t org_id, int64_t user_id, const std::string& hash,
                                  const std::string& now) {
  return tx.exec(
      "UPDATE users SET password_hash = $3, updated_at = $4, version = version + 1"
      " WHERE org_id = $1 AND id = $2",
      {org_id, user_id, hash, now});
}

Result<int64_t> count_active_admins(Tx& tx, int64_t org_id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT COUNT(*) FROM users WHERE org_id = $1"
                                    " AND role = 'admin' AND status = 'active'",
                                    {org_id}));
  return row->int64(0);
}

Status mark_login(Tx& tx, int64_t user_id, const std::string& now) {
  return done(tx.exec("UPDATE users SET last_login_at = $2 WHERE id = $1", {user_id, now}));
}

Result<int64_t> insert_token(Tx& tx, const ApiToken& t, const std::string& token_hash) {
  return tx.insert(
      "INSERT INTO api_tokens (org_id, user_id, name, token_hash, prefix, created_at, expires_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {t.org_id, t.user_id, t.name, token_hash, t.prefix, t.created_at, t.expires_at});
}

Result<std::optional<ApiToken>> token_by_id(Tx& tx, int64_t org_id, int64_t token_id) {
  return one<ApiToken>(tx.query_row("SELECT " AIMS_TOKEN_COLUMNS
                                    " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                                    " WHERE t.org_id = $1 AND t.id = $2",
                                    {org_id, token_id}),
                       token_from);
}

Result<std::vector<ApiToken>> tokens(Tx& tx, int64_t org_id) {
  return all<ApiToken>(
      tx.query("SELECT " AIMS_TOKEN_COLUMNS " FROM api_tokens t JOIN users u ON u.id = t.user_id"
               " WHERE t.org_id = $1 ORDER BY t.id DESC",
               {org_id}),
      token_from);
}

Result<int64_t> revoke_token(Tx& tx, int64_t org_id, int64_t token_id, const std::string& now) {
  return tx.exec(
      "UPDATE api_tokens SET revoked_at = $3, version = version + 1"
      " WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL",
      {org_id, token_id, now});
}

// The organisation's credentials generation comes from the same statement, so from the same
// snapshot, as the credential: a change committed after it cannot hide behind an older number.
Result<std::optional<TokenOwner>> token_by_hash(Tx& tx, const std::string& token_hash) {
  return one<TokenOwner>(
      tx.query_row("SELECT " AIMS_TOKEN_COLUMNS ", " AIMS_USER_COLUMNS ", o.name, g.generation"
                   " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                   " JOIN organisations o ON o.id = t.org_id"
                   " LEFT JOIN credential_generations g ON g.org_id = t.org_id"
                   " WHERE t.token_hash = $1",
                   {token_hash}),
      [](store::RowReader& r) {
        // A NULL generation (no change yet) reads as 0.
        return TokenOwner{token_from(r), user_from(r), r.text(), r.int64()};
      });
}

Status touch_token(Tx& tx, int64_t token_id, const std::string& now) {
  return done(tx.exec("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", {token_id, now}));
}

Status insert_session(Tx& tx, const std::string& token_hash, const User& user,
                      const std::string& now, const std::string& expires_at,
                      const std::string& remote_addr, const std::string& user_agent) {
  return done(
      tx.exec("INSERT INTO sessions (token_hash, org_id, user_id, created_at, last_seen_at,"
              " expires_at, remote_addr, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
              {token_hash, user.org_id, user.id, now, expires_at, remote_addr, user_agent}));
}

// As token_by_hash, with the generation from the same statement.
Result<std::optional<SessionRow>> session_by_hash(Tx& tx, const std::string& token_hash) {
  return one<SessionRow>(
      tx.query_row("SELECT " AIMS_USER_COLUMNS
                   ", o.name, s.id, s.created_at, s.last_seen_at, s.expires_at, g.generation"
                   " FROM sessions s JOIN users u ON u.id = s.user_id"
                   " JOIN organisations o ON o.id = s.org_id"
                   " LEFT JOIN credential_generations g ON g.org_id = s.org_id"
                   " WHERE s.token_hash = $1",
                   {token_hash}),
      [](store::RowReader& r) {
        SessionRow s;
        s.user = user_from(r);
        s.org_name = r.text();
        s.id = r.int64();
        s.created_at = r.text();
        s.last_seen_at = r.text();
        s.expires_at = r.text();
        s.generation = r.int64();  // NULL (no change yet) reads as 0
        return s;
      });
}

Status touch_session(Tx& tx, int64_t session_id, const std::string& now,
                     const std::string& expires_at) {
  return done(tx.exec("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1",
                      {session_id, now, expires_at}));
}

Result<std::optional<int64_t>> delete_session(Tx& tx, const std::string& token_hash) {
  return one<int64_t>(
      tx.query_row("DELETE FROM sessions WHERE token_hash = $1 RETURNING org_id", {token_hash}),
      [](store::RowReader& r) { return r.int64(); });
}

Status delete_sessions_of_user(Tx& tx, int64_t user_id) {
  return done(tx.exec("DELETE FROM sessions WHERE user_id = $1", {user_id}));
}

Status bump_credentials_generation(Tx& tx, int64_t org_id) {
  return done(
      tx.exec("INSERT INTO credential_generations (org_id, generation) VALUES ($1, 1)"
              " ON CONFLICT (org_id) DO UPDATE"
              " SET generation = credential_generations.generation + 1",
              {org_id}));
}

Result<int64_t> credentials_generation(Tx& tx, int64_t org_id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT generation FROM credential_generations"
                                    " WHERE org_id = $1",
                                    {org_id}));
  return row ? row->int64(0) : int64_t{0};
}

store::Precondition credentials_generation_is(int64_t org_id, int64_t generation) {
  // No row yet reads as generation 0, as credentials_generation says.
  return store::Precondition(
      "SELECT 1 WHERE COALESCE((SELECT generation FROM credential_generations"
      " WHERE org_id = $1), 0) = $2",
      {org_id, generation});
}

Result<std::optional<ThrottleState>> throttle(Tx& tx, const std::string& key) {
  return one<ThrottleState>(
      tx.query_row("SELECT failures, last_failure_at, locked_until FROM login_throttle"
                   " WHERE throttle_key = $1",
                   {key}),
      [](store::RowReader& r) {
        return ThrottleState{r.int64(), r.text(), r.opt_text()};
      });
}

Status save_throttle(Tx& tx, const std::string& key, const ThrottleState& s) {
  return done(
      tx.exec("INSERT INTO login_throttle (throttle_key, failures, last_failure_at, locked_until)"
              " VALUES ($1, $2, $3, $4) ON CONFLICT (throttle_key) DO UPDATE SET"
              " failures = excluded.failures, last_failure_at = excluded.last_failure_at,"
              " locked_until = excluded.locked_until",
              {key, s.failures, s.last_failure_at, s.locked_until}));
}

Status clear_throttle(Tx& tx, const std::string& key) {
  return done(tx.exec("DELETE FROM login_throttle WHERE throttle_key = $1", {key}));
}

Result<int64_t> delete_expired_sessions(Tx& tx, const std::string& now) {
  return tx.exec("DELETE FROM sessions WHERE expires_at <= $1", {now});
}

Result<int64_t> delete_stale_throttles(Tx& tx, const std::string& failed_before,
                                       const std::string& now) {
  return tx.exec(
      "DELETE FROM login_throttle WHERE last_failure_at < $1"
      " AND (locked_until IS NULL OR locked_until <= $2)",
      {failed_before, now});
}

Status put_calendar_token(Tx& tx, int64_t org_id, int64_t user_id, const std::string& token_hash,
                          const std::string& now) {
  return done(
      tx.exec("INSERT INTO calendar_tokens (user_id, org_id, token_hash, created_at) VALUES ($1, "
              "$2, $3, $4)"
              " ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,"
              " created_at = excluded.created_at",
              {user_id, org_id, token_hash, now}));
}

Result<int64_t> delete_calendar_token(Tx& tx, int64_t org_id, int64_t user_id) {
  return tx.exec("DELETE FROM calendar_tokens WHERE org_id = $1 AND user_id = $2",
                 {org_id, user_id});
}

Result<std::optional<std::string>> calendar_token_created(Tx& tx, int64_t org_id, int64_t user_id) {
  return one<std::string>(tx.query_row("SELECT created_at FROM calendar_tokens"
                                       " WHERE org_id = $1 AND user_id = $2",
                                       {org_id, user_id}),
                          [](store::RowReader& r) { return r.text(); });
}

Result<std::optional<CalendarTokenOwner>> calendar_token_owner(Tx& tx,
                                                               const std::string& token_hash) {
  // The token's organisation must be its user's: a row can never lend one person's feed to
  // another organisation.
  return one<CalendarTokenOwner>(
      tx.query_row("SELECT " AIMS_USER_COLUMNS ", o.name FROM calendar_tokens c"
                   " JOIN users u ON u.id = c.user_id AND u.org_id = c.org_id"
                   " JOIN organisations o ON o.id = u.org_id WHERE c.token_hash = $1",
                   {token_hash}),
      [](store::RowReader& r) {
        return CalendarTokenOwner{user_from(r), r.text()};
      });
}

}  // namespace aims::auth::sql
