// API tokens for automation: created for a user, shown once, stored as a SHA-256 hash.
#include <limits>

#include "auth/auth.h"
#include "auth/credential_cache.h"
#include "auth/rules.h"
#include "auth/store.h"
#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"

namespace aims::auth {
namespace {

constexpr std::string_view kTokenPrefix = "aims_";

trail::Fields token_fields(const ApiToken& t) {
  return {{"name", json_text::quote(t.name)},
          {"user_id", json_text::number(t.user_id)},
          {"prefix", json_text::quote(t.prefix)},
          {"expires_at", json_text::optional_string(t.expires_at)},
          {"revoked_at", json_text::optional_string(t.revoked_at)}};
}

constexpr int64_t kRecordUseEvery = 60'000'000;  // microseconds: often enough to tell "still used?"

const Error& invalid_token() {
  static const Error e{ErrorCode::unauthenticated, "the API token is not valid", {}};
  return e;
}

// A stored expiry in microseconds: never for none, already past for one that does not parse.
int64_t expiry_micros(const std::optional<std::string>& at) {
  return at ? parse_timestamp(*at).value_or(0) : std::numeric_limits<int64_t>::max();
}

Result<std::string> token_hash(const std::string& bearer) {
  if (!bearer.starts_with(kTokenPrefix) || bearer.size() > 200) return invalid_token();
  return crypto::sha256_hex(bearer);
}

// The token's owner as stored now, refused when the token is revoked or expired or its user
// disabled; records the token's use once a minute.
Result<CredentialCache::Entry> look_up_token(store::Database& db, const std::string& hash,
                                             int64_t now) {
  TRY_ASSIGN(auto found, db.read([&](store::Tx& tx) { return sql::token_by_hash(tx, hash); }));
  if (!found) return invalid_token();
  const auto& owner = *found;
  if (owner.token.revoked_at) {
    return Error{ErrorCode::unauthenticated, "the API token has been revoked", {}};
  }
  const int64_t expires = expiry_micros(owner.token.expires_at);
  if (expires <= now) {
    return Error{ErrorCode::unauthenticated, "the API token has expired", {}};
  }
  if (owner.user.status != "active") return invalid_token();

  int64_t used =
      owner.token.last_used_at ? parse_timestamp(*owner.token.last_used_at).value_or(0) : 0;
  if (now - used > kRecordUseEvery) {
    TRY(db.write([&](store::Tx& tx) {
      return sql::touch_token(tx, owner.token.id, format_timestamp(now));
    }));
    used = now;
  }
  CredentialCache::Entry entry;
  entry.generation = owner.generation;
  entry.reuse_until = std::min(expires, used + kRecordUseEvery);
  Principal& p = entry.principal;
  p.org_id = owner.token.org_id;
  p.org_name = owner.org_name;
  p.user_id = owner.user.id;
  p.email = owner.user.email;
  p.name = owner.user.name;
  p.role = owner.user.role;
  p.token_id = owner.token.id;
  p.token_name = owner.token.name;
  return entry;
}

}  // namespace

Result<CreatedToken> create_token(store::Database& db, int64_t org_id, int64_t user_id,
                                  const std::string& name, std::optional<int> expires_in_days,
                                  const trail::Actor& actor) {
  TRY_ASSIGN(auto label, rules::normalise_token_name(name));
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 3650)) {
    return Error::invalid("expires_in_days", "expires_in_days must be between 1 and 3650");
  }
  CreatedToken created;
  created.secret = std::string(kTokenPrefix) + crypto::random_token(32);
  ApiToken& t = created.token;
  t.org_id = org_id;
  t.user_id = user_id;
  t.name = label;
  t.prefix = created.secret.substr(0, kTokenPrefix.size() + 6);
  const int64_t now = now_micros();
  t.created_at = format_timestamp(now);
  if (expires_in_days) t.expires_at = format_timestamp(now + *expires_in_days * 86'400'000'000LL);

  return db.write([&](store::Tx& tx) -> Result<CreatedToken> {
    TRY_ASSIGN(auto user, sql::user_by_id(tx, org_id, user_id));
    if (!user.has_value()) return Error::invalid("user_id", "no such user in this organisation");
    if (user->status != "active") {
      return Error::invalid("user_id", "tokens can only be created for active users");
    }
    TRY_ASSIGN(t.id, sql::insert_token(tx, t, crypto::sha256_hex(created.secret)));
    t.user_email = user->email;
    TRY(trail::record(tx, org_id, actor, {"api_token", t.id, "create", {}, token_fields(t)}));
    return created;
  });
}

Result<std::vector<ApiToken>> list_tokens(store::Database& db, int64_t org_id) {
  return db.read([&](store::Tx& tx) { return sql::tokens(tx, org_id); });
}

Result<ApiToken> revoke_token(store::Database& db, int64_t org_id, int64_t token_id,
                              const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Result<ApiToken> {
    TRY_ASSIGN(auto before, sql::token_by_id(tx, org_id, token_id));
    if (!before.has_value()) return Error::not_found("no such API token");
    if (before->revoked_at) {
      return Error{ErrorCode::failed_precondition, "the token is already revoked", {}};
    }
    TRY(sql::revoke_token(tx, org_id, token_id, now_timestamp()));
    TRY(sql::bump_credentials_generation(tx, org_id));
    TRY_ASSIGN(auto after, sql::token_by_id(tx, org_id, token_id));
    TRY(trail::record(
        tx, org_id, actor,
        {"api_token", token_id, "revoke", token_fields(*before), token_fields(*after)}));
    return *after;
  });
}

Result<Principal> authenticate_token(store::Database& db, const std::string& bearer) {
  TRY_ASSIGN(const std::string hash, token_hash(bearer));
  TRY_ASSIGN(auto entry, look_up_token(db, hash, now_micros()));
  return std::move(entry.principal);
}

Result<Principal> authenticate_token(store::Database& db, CredentialCache& cache,
                                     const std::string& bearer,
                                     std::optional<store::Precondition>* unconfirmed) {
  TRY_ASSIGN(const std::string hash, token_hash(bearer));
  const int64_t now = now_micros();
  return cache.authenticate(
      db, "token " + hash, now, [&] { return look_up_token(db, hash, now); }, unconfirmed);
}

}  // namespace aims::auth
