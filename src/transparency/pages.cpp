// The public transparency page of an AI system: its link (a token kept as SHA-256, shown once),
// publishing and unpublishing with their audit events, and what a link shows.
#include <algorithm>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"
#include "inventory/inventory.h"
#include "transparency/transparency.h"

namespace aims::transparency {
namespace {

constexpr size_t kTokenBytes = 32;  // 256 bits from libsodium

trail::Fields page_fields(bool published) {
  return {{"published", json_text::boolean(published)}};
}

Status require_system(store::Tx& tx, int64_t org, int64_t system_id) {
  TRY_ASSIGN(const bool found, records::exists(tx, inventory::ai_systems(), org, system_id));
  if (!found) return Error::not_found("no such AI system");
  return {};
}

// The frozen versions of one instructions record that were approved, newest last.
Result<std::optional<Published>> latest_of(store::Database& db, int64_t org,
                                           const records::Record& r) {
  if (r.frozen == 0) return std::optional<Published>();
  TRY_ASSIGN(const auto version, records::version(db, instructions(), org, r.id, r.frozen));
  Published p;
  p.version = version.number;
  p.approved_at = version.frozen_at;
  p.snapshot = version.snapshot;
  p.version_label = version.snapshot.text("version_label");
  return std::optional<Published>(std::move(p));
}

}  // namespace

// A record being revised still has its last approved version: that is what the public reads until
// the revision is approved. Superseded records are left out.
Result<std::optional<Published>> latest_approved(store::Database& db, int64_t org,
                                                 int64_t system_id) {
  TRY_ASSIGN(const auto records,
             records::list_all(db, instructions(), org,
                               {.filters = {{"ai_system_id", std::to_string(system_id)}}}));
  std::optional<Published> best;
  for (const auto& r : records) {
    if (r.state == "superseded") continue;
    TRY_ASSIGN(auto candidate, latest_of(db, org, r));
    // A record re-pointed at this system since its approval shows another system's text.
    if (candidate && candidate->snapshot.ids("ai_system_id") != records::Ids{system_id}) continue;
    if (candidate && (!best || candidate->approved_at > best->approved_at))
      best = std::move(candidate);
  }
  if (!best) return best;
  TRY_ASSIGN(const auto system, records::get(db, inventory::ai_systems(), org, system_id));
  best->org = org;
  best->system_id = system_id;
  best->system_name = inventory::ai_systems().display_name(system);
  TRY_ASSIGN(const auto name, db.read([&](store::Tx& tx) {
    return tx.query_row("SELECT name FROM organisations WHERE id = $1", {org});
  }));
  if (name) best->organisation = name->text(0);
  return best;
}

Result<PageState> page_state(store::Database& db, int64_t org, int64_t system_id) {
  return db.read([&](store::Tx& tx) -> Result<PageState> {
    TRY(require_system(tx, org, system_id));
    TRY_ASSIGN(const auto row, tx.query_row("SELECT published, changed_at FROM transparency_pages "
                                            "WHERE org_id = $1 AND system_id = $2",
                                            {org, system_id}));
    if (!row) return PageState{};
    return PageState{true, row->boolean(0), row->text(1)};
  });
}

Result<std::string> publish(store::Database& db, int64_t org, int64_t system_id,
                            const records::Caller& caller) {
  TRY(db.read([&](store::Tx& tx) { return require_system(tx, org, system_id); }));
  TRY_ASSIGN(const auto approved, latest_approved(db, org, system_id));
  if (!approved)
    return Error{ErrorCode::failed_precondition,
                 "approve the system's instructions for use first: the page shows their latest "
                 "approved version",
                 "system_id"};
  const std::string token = crypto::random_token(kTokenBytes);
  TRY(db.write([&](store::Tx& tx) -> Status {
    const std::string now = now_timestamp();
    TRY_ASSIGN(const auto before, tx.query_row("SELECT published FROM transparency_pages WHERE "
                                               "org_id = $1 AND system_id = $2",
                                               {org, system_id}));
    if (before) {
      TRY(
          tx.exec("UPDATE transparency_pages SET token_hash = $3, published = 1, changed_at = $4 "
                  "WHERE org_id = $1 AND system_id = $2",
                  {org, system_id, crypto::sha256_hex(token), now}));
    } else {
      // Two first publishes both read no page above; the key on (org_id, system_id) lets one
      // insert, and the other learns so here rather than from a constraint error.
      TRY_ASSIGN(const auto made,
                 tx.query_row("INSERT INTO transparency_pages (org_id, system_id, token_hash, "
                              "published, changed_at) VALUES ($1, $2, $3, 1, $4) "
                              "ON CONFLICT (org_id, system_id) DO NOTHING RETURNING id",
                              {org, system_id, crypto::sha256_hex(token), now}));
      if (!made)
        return Error{ErrorCode::already_exists,
                     "the page was published by someone else at the same moment: reload to see "
                     "it, and publish again for a new link",
                     {}};
    }
    // The trail says a new link was made, never what it is.
    trail::Fields after = page_fields(true);
    after["link"] = json_text::quote("made " + now);
    TRY(trail::record(tx, org, caller.actor,
                      {"transparency_page", system_id, "publish",
                       before ? page_fields(before->boolean(0)) : trail::Fields{}, after}));
    return {};
  }));
  return token;
}

Status unpublish(store::Database& db, int64_t org, int64_t system_id,
                 const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY(require_system(tx, org, system_id));
    TRY_ASSIGN(const auto before, tx.query_row("SELECT published FROM transparency_pages WHERE "
                                               "org_id = $1 AND system_id = $2",
                                               {org, system_id}));
    if (!before || !before->boolean(0)) return {};
    TRY(
        tx.exec("UPDATE transparency_pages SET published = 0, changed_at = $3 WHERE org_id = $1 "
                "AND system_id = $2",
                {org, system_id, now_timestamp()}));
    TRY(trail::record(
        tx, org, caller.actor,
        {"transparency_page", system_id, "unpublish", page_fields(true), page_fields(false)}));
    return {};
  });
}

Result<Published> public_page(store::Database& db, std::string_view token) {
  TRY_ASSIGN(const auto row, db.read([&](store::Tx& tx) {
    return tx.query_row(
        "SELECT org_id, system_id FROM transparency_pages WHERE token_hash = $1 "
        "AND published <> 0",
        {crypto::sha256_hex(token)});
  }));
  if (!row) return Error::not_found("no such page");
  auto found = latest_approved(db, row->int64(0), row->int64(1));
  if (!found) {
    if (found.error().code == ErrorCode::not_found) return Error::not_found("no such page");
    return found.error();
  }
  if (!*found) return Error::not_found("no such page");
  return std::move(**found);
}

}  // namespace aims::transparency
