// A consistent copy of an SQLite database taken while other connections read and write it.
#pragma once

#include <string>

#include "base/result.h"

namespace aims::store {

// Writes the database at `path` into the new file `out` as of one moment (VACUUM INTO on a
// read-only connection of its own: never a byte copy of a file in use, which a write in progress
// would tear). Errors: not_found when `path` holds no database; unavailable otherwise.
Status snapshot_sqlite(const std::string& path, const std::string& out);

}  // namespace aims::store
