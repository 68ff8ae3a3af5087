// The AIMS scope (clause 4.3): the organisation's statement plus the systems it covers and
// excludes, computed from the inventory rather than kept as a second list that could drift.
#include "auth/auth.h"
#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "inventory/inventory.h"
#include "inventory/store.h"
#include "records/records.h"

namespace aims::inventory {
namespace {

constexpr size_t kStatementLimit = 20000;

}  // namespace

Result<Scope> scope(store::Database& db, int64_t org) {
  Scope s;
  TRY_ASSIGN(auto statement, db.read([&](store::Tx& tx) { return sql::scope_statement(tx, org); }));
  if (statement.has_value()) {
    s.statement = statement->first;
    s.version = statement->second;
  }
  TRY_ASSIGN(auto users, auth::list_users(db, org));
  TRY_ASSIGN(auto systems, records::list_all(db, ai_systems(), org));
  const records::Description& e = ai_systems();
  for (const auto& r : systems) {
    ScopedSystem item;
    item.id = r.id;
    item.name = r.text("name");
    item.lifecycle_stage = e.choice_label("lifecycle_stage", r.text("lifecycle_stage"));
    item.eu_ai_act_class = e.choice_label("eu_ai_act_class", r.text("eu_ai_act_class"));
    for (const auto& u : users) {
      if (r.number("owner_id") == u.id) item.owner = u.name;
    }
    item.reason = r.text("scope_exclusion_reason");
    (r.flag("in_scope") ? s.in_scope : s.excluded).push_back(std::move(item));
  }
  return s;
}

Result<std::vector<std::pair<int64_t, std::string>>> system_names(store::Database& db,
                                                                  int64_t org) {
  TRY_ASSIGN(auto named, records::all_names(db, ai_systems(), org));
  std::vector<std::pair<int64_t, std::string>> out;
  for (auto& n : named)
    out.emplace_back(n.id, std::move(n.name));
  return out;
}

Result<Scope> set_scope_statement(store::Database& db, int64_t org, const std::string& statement,
                                  int64_t expected_version, const trail::Actor& actor) {
  const std::string text(trim(statement));
  if (!is_valid_utf8(text) || has_control_chars(text)) {
    return Error::invalid("statement", "the statement must be plain text");
  }
  if (text.empty()) return Error::invalid("statement", "the scope statement must not be empty");
  if (text.size() > kStatementLimit) {
    return Error::invalid("statement", "the statement must be at most 20000 characters");
  }
  TRY(db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto before, sql::scope_statement(tx, org));
    const int64_t current = before.has_value() ? before->second : 0;
    if (current != expected_version) {
      return Error{ErrorCode::stale_version,
                   "the scope statement was changed since you read it (now version " +
                       std::to_string(current) + ")",
                   {}};
    }
    TRY_ASSIGN(auto changed,
               sql::save_scope_statement(tx, org, text, expected_version, now_timestamp()));
    if (changed != 1)
      return Error{ErrorCode::stale_version, "the scope statement was changed meanwhile", {}};
    const std::string old = before.has_value() ? before->first : "";
    TRY(trail::record(tx, org, actor,
                      {"aims_scope",
                       org,
                       "update",
                       {{"statement", json_text::quote(old)}},
                       {{"statement", json_text::quote(text)}}}));
    return {};
  }));
  return scope(db, org);
}

}  // namespace aims::inventory
