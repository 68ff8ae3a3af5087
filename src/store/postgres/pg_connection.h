// PostgreSQL backend over libpq: server-side prepared statements, text-format parameters.
#pragma once

#include <memory>
#include <string>

#include "store/connection.h"

namespace aims::store {

// Connects with a libpq URL ("postgresql://user@host:port/db"). Errors: unavailable.
Result<std::unique_ptr<Connection>> open_postgres(const std::string& url);

}  // namespace aims::store
