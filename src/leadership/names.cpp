#include "leadership/names.h"

namespace aims::leadership {

Result<std::string> person_name(store::Tx& tx, int64_t org, int64_t user_id) {
  TRY_ASSIGN(const auto row, tx.query_row("SELECT name, email FROM users WHERE org_id = $1 AND "
                                          "id = $2",
                                          {org, user_id}));
  if (!row) return std::string();
  return row->text(0).empty() ? row->text(1) : row->text(0);
}

Result<std::string> referenced_name(const records::WriteContext& ctx, const records::Record& r,
                                    const char* key, const records::Description& target) {
  const auto ids = r.ids(key);
  if (ids.empty()) return std::string();
  TRY_ASSIGN(const auto found, records::find(ctx, target, ids.front()));
  return found ? target.display_name(*found) : std::string();
}

}  // namespace aims::leadership
