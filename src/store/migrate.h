// Numbered schema migrations (store/migrations/NNNN_name.sql), applied in order on either backend.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace aims::store {

// Applies every migration not yet recorded in schema_migrations, all in one transaction, under a
// lock so several processes starting at once apply each migration exactly once. Returns the
// names applied (empty when the schema was current). Errors: failed_precondition when an applied
// migration's file has changed since (its checksum differs), or the database's schema is newer
// than this binary; errors of the database otherwise.
Result<std::vector<std::string>> migrate(Database& db);

// Where a database's schema stands against this binary's migrations.
struct SchemaStatus {
  std::vector<std::string> pending;  // known to this binary, not yet applied
  std::vector<std::string> unknown;  // applied but not known here: the schema is newer
  std::vector<std::string> changed;  // applied from a file that differs from this binary's
  bool current() const { return pending.empty() && unknown.empty() && changed.empty(); }
  // "2 migrations pending (0041_x, 0042_y)" and the like, or "" when current.
  std::string problem() const;
};

// Reads, never writes: for `/readyz` and `aims db check`.
Result<SchemaStatus> schema_status(Database& db);

// The SQL of a migration as it runs on `dialect`: portable text with @PK@ (an auto-assigned
// 64-bit primary key) and @BLOB@ (bytes: BLOB / BYTEA) expanded, followed by the dialect's own file
// if there is one.
std::string migration_sql(std::string_view name, Dialect dialect);

}  // namespace aims::store
