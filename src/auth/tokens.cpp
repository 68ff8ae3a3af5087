// API tokens for automation: created for a user, shown once, stored as a SHA-256 hash.
#include "auth/auth.h"
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

}  // namespace

Result<CreatedToken> create_token(store::Database& db, int64_t org_id, int64_t user_id,
                                  const std::string& name, std::optional<int> expires_in_days,
                                  const trail::Actor& actor) {
  auto label = rules::normalise_token_name(name);
  if (!label) return label.error();
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 3650)) {
    return Error::invalid("expires_in_days", "expires_in_days must be between 1 and 3650");
  }
  CreatedToken created;
  created.secret = std::string(kTokenPrefix) + crypto::random_token(32);
  ApiToken& t = created.token;
  t.org_id = org_id;
  t.user_id = user_id;
  t.name = *label;
  t.prefix = created.secret.substr(0, kTokenPrefix.size() + 6);
  const int64_t now = now_micros();
  t.created_at = format_timestamp(now);
  if (expires_in_days) t.expires_at = format_timestamp(now + *expires_in_days * 86'400'000'000LL);

  return db.write([&](store::Tx& tx) -> Result<CreatedToken> {
    auto user = sql::user_by_id(tx, org_id, user_id);
    if (!user) return user.error();
    if (!user->has_value()) return Error::invalid("user_id", "no such user in this organisation");
    if ((*user)->status != "active") {
      return Error::invalid("user_id", "tokens can only be created for active users");
    }
    auto id = sql::insert_token(tx, t, crypto::sha256_hex(created.secret));
    if (!id) return id.error();
    t.id = *id;
    t.user_email = (*user)->email;
    auto logged =
        trail::record(tx, org_id, actor, {"api_token", t.id, "create", {}, token_fields(t)});
    if (!logged) return logged.error();
    return created;
  });
}

Result<std::vector<ApiToken>> list_tokens(store::Database& db, int64_t org_id) {
  return db.read([&](store::Tx& tx) { return sql::tokens(tx, org_id); });
}

Result<ApiToken> revoke_token(store::Database& db, int64_t org_id, int64_t token_id,
                              const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Result<ApiToken> {
    auto before = sql::token_by_id(tx, org_id, token_id);
    if (!before) return before.error();
    if (!before->has_value()) return Error::not_found("no such API token");
    if ((*before)->revoked_at) {
      return Error{ErrorCode::failed_precondition, "the token is already revoked", {}};
    }
    auto changed = sql::revoke_token(tx, org_id, token_id, now_timestamp());
    if (!changed) return changed.error();
    auto after = sql::token_by_id(tx, org_id, token_id);
    if (!after) return after.error();
    auto logged = trail::record(
        tx, org_id, actor,
        {"api_token", token_id, "revoke", token_fields(**before), token_fields(**after)});
    if (!logged) return logged.error();
    return **after;
  });
}

Result<Principal> authenticate_token(store::Database& db, const std::string& bearer) {
  const Error refused{ErrorCode::unauthenticated, "the API token is not valid", {}};
  if (!bearer.starts_with(kTokenPrefix) || bearer.size() > 200) return refused;
  const std::string hash = crypto::sha256_hex(bearer);
  auto found = db.read([&](store::Tx& tx) { return sql::token_by_hash(tx, hash); });
  if (!found) return found.error();
  if (!found->has_value()) return refused;
  const auto& owner = **found;
  const int64_t now = now_micros();
  if (owner.token.revoked_at) {
    return Error{ErrorCode::unauthenticated, "the API token has been revoked", {}};
  }
  if (owner.token.expires_at && *owner.token.expires_at <= format_timestamp(now)) {
    return Error{ErrorCode::unauthenticated, "the API token has expired", {}};
  }
  if (owner.user.status != "active") return refused;

  // Recording use once a minute is enough to answer "is this token still used?".
  const auto last =
      owner.token.last_used_at ? parse_timestamp(*owner.token.last_used_at) : std::nullopt;
  if (!last || now - *last > 60'000'000) {
    auto touched = db.write(
        [&](store::Tx& tx) { return sql::touch_token(tx, owner.token.id, format_timestamp(now)); });
    if (!touched) return touched.error();
  }
  Principal p;
  p.org_id = owner.token.org_id;
  p.org_name = owner.org_name;
  p.user_id = owner.user.id;
  p.email = owner.user.email;
  p.name = owner.user.name;
  p.role = owner.user.role;
  p.token_id = owner.token.id;
  p.token_name = owner.token.name;
  return p;
}

}  // namespace aims::auth
