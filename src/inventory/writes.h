// Creating records in steps (private to inventory/), so an import can check every row first and
// then create them all inside one transaction.
#pragma once

#include "inventory/inventory.h"

namespace aims::inventory {

// Defaults, value shapes and cross-field rules: everything that needs no database.
Result<Record> prepare(Kind kind, const Record& input);
// References, name uniqueness, the insert, its links and its audit event, inside `tx`.
Result<Record> insert_prepared(store::Tx& tx, int64_t org, const Record& prepared,
                               const trail::Actor& actor);

}  // namespace aims::inventory
