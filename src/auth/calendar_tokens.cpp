// Calendar feed tokens: one per person, shown once, stored as a SHA-256 hash, replaced or revoked
// by the person, each change in the audit trail.
#include "auth/auth.h"
#include "auth/store.h"
#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"

namespace aims::auth {
namespace {

// Tells a calendar token apart from an API token ("aims_") at a glance, in a leaked URL too.
constexpr std::string_view kPrefix = "aimscal_";

const Error& no_feed() {
  static const Error e = Error::not_found("no such page");
  return e;
}

}  // namespace

Result<CreatedCalendarToken> create_calendar_token(store::Database& db, int64_t org_id,
                                                   int64_t user_id, const trail::Actor& actor) {
  CreatedCalendarToken created;
  created.secret = std::string(kPrefix) + crypto::random_token(32);
  created.created_at = now_timestamp();
  return db.write([&](store::Tx& tx) -> Result<CreatedCalendarToken> {
    TRY_ASSIGN(auto user, sql::user_by_id(tx, org_id, user_id));
    if (!user) return Error::not_found("no such user");
    if (user->status != "active") {
      return Error::invalid("user_id", "calendar tokens are only for active users");
    }
    TRY_ASSIGN(auto before, sql::calendar_token_created(tx, org_id, user_id));
    TRY(sql::put_calendar_token(tx, org_id, user_id, crypto::sha256_hex(created.secret),
                                created.created_at));
    trail::Fields after = {{"created_at", json_text::quote(created.created_at)}};
    trail::Fields was;
    if (before) was["created_at"] = json_text::quote(*before);
    TRY(trail::record(tx, org_id, actor,
                      {"calendar_token", user_id, before ? "replace" : "create", was, after}));
    return created;
  });
}

Result<std::optional<std::string>> calendar_token_created(store::Database& db, int64_t org_id,
                                                          int64_t user_id) {
  return db.read([&](store::Tx& tx) { return sql::calendar_token_created(tx, org_id, user_id); });
}

Status revoke_calendar_token(store::Database& db, int64_t org_id, int64_t user_id,
                             const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto before, sql::calendar_token_created(tx, org_id, user_id));
    if (!before) return Error::not_found("you have no calendar token");
    TRY(sql::delete_calendar_token(tx, org_id, user_id));
    TRY(trail::record(
        tx, org_id, actor,
        {"calendar_token", user_id, "revoke", {{"created_at", json_text::quote(*before)}}, {}}));
    return {};
  });
}

Result<User> calendar_token_user(store::Database& db, std::string_view secret) {
  if (!secret.starts_with(kPrefix) || secret.size() > 200) return no_feed();
  const std::string hash = crypto::sha256_hex(secret);
  TRY_ASSIGN(auto owner,
             db.read([&](store::Tx& tx) { return sql::calendar_token_owner(tx, hash); }));
  if (!owner || owner->user.status != "active") return no_feed();
  return owner->user;
}

}  // namespace aims::auth
