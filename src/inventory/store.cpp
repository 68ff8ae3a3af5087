#include "inventory/store.h"

namespace aims::inventory::sql {

Result<std::optional<std::pair<std::string, int64_t>>> scope_statement(Tx& tx, int64_t org) {
  TRY_ASSIGN(auto row,
             tx.query_row("SELECT statement, version, updated_at FROM aims_scope WHERE org_id = $1",
                          {org}));
  if (!row.has_value()) return std::optional<std::pair<std::string, int64_t>>();
  store::RowReader r(*row);
  return std::optional<std::pair<std::string, int64_t>>({r.text(), r.int64()});
}

Result<int64_t> save_scope_statement(Tx& tx, int64_t org, const std::string& statement,
                                     int64_t expected_version, const std::string& now) {
  if (expected_version == 0) {
    return tx.exec(
        "INSERT INTO aims_scope (org_id, statement, version, updated_at) VALUES ($1, $2, 1, $3)"
        " ON CONFLICT (org_id) DO NOTHING",
        {org, statement, now});
  }
  return tx.exec(
      "UPDATE aims_scope SET statement = $2, version = version + 1, updated_at = $3 WHERE org_id = "
      "$1 AND version = $4",
      {org, statement, now, expected_version});
}

}  // namespace aims::inventory::sql
