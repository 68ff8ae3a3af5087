// Copying every table of one database into another of either engine, read from the databases'
// own catalogs, so a table added by a later migration is copied with no change here.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "base/result.h"
#include "store/database.h"

namespace aims::store {

struct CopyProgress {
  std::string table;
  int64_t rows_copied = 0;  // of this table, so far
  int64_t rows_total = 0;   // of this table
};

struct CopyOptions {
  // Tables the caller fills itself (an index each engine keeps its own way) or that the target's
  // migrations already filled (schema_migrations is always left out).
  std::set<std::string> skip;
  // Called after each batch of rows.
  std::function<void(const CopyProgress&)> progress;
  // Runs last, in both transactions, for what `skip` left to the caller.
  std::function<Status(Tx& from, Tx& to)> finish;
};

struct CopyReport {
  int64_t tables = 0;
  int64_t rows = 0;
};

// Copies the rows of every table the source and the target both have (the target already
// migrated to the same schema and empty), keeping every id, parents before the rows that refer to
// them, in one transaction of the target: all or nothing. The source is read as of one moment,
// so a server may go on writing it. PostgreSQL's id sequences are moved past the copied ids.
// Errors: whatever either database reports; nothing is left in the target.
Result<CopyReport> copy_tables(Database& from, Database& to, const CopyOptions& options);

}  // namespace aims::store
