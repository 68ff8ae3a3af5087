// The inventory's own SQL (private to inventory/): the scope statement. The registers' SQL is
// the records platform's.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "store/database.h"

namespace aims::inventory::sql {

using store::Tx;

// The statement and its version, or nullopt before it is first written.
Result<std::optional<std::pair<std::string, int64_t>>> scope_statement(Tx& tx, int64_t org);
// Writes the statement when `expected_version` is current (0: not written yet); returns the rows
// changed (0: stale).
Result<int64_t> save_scope_statement(Tx& tx, int64_t org, const std::string& statement,
                                     int64_t expected_version, const std::string& now);

}  // namespace aims::inventory::sql
