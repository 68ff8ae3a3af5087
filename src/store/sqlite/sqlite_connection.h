// SQLite backend: one connection per pooled slot, WAL, foreign keys on, durable commits.
#pragma once

#include <memory>
#include <string>

#include "store/connection.h"

namespace aims::store {

// Opens (creating if needed) the database file at `path`. Errors: unavailable.
Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path);

}  // namespace aims::store
