// CSV and XLSX exchange of any register. References travel as names and people as emails, not
// ids, so a file exported from one aims imports into another with the same people and records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "records/records.h"

namespace aims::records {

// What a register's CSV calls a field: `csv_key`, else "<name>_email" for a person
// ("owner_id" -> "owner_email"), else the key.
std::string csv_column(const Field& field);

// The records `query` selects (every page of them), as a table: id, every field, the state when
// the register has a workflow, and archived_at.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
Result<Table> export_table(store::Database& db, const Description& d, int64_t org, Query query);
// The table as CSV (RFC 4180, UTF-8 with a byte-order mark; formula-like cells neutralised).
Result<std::string> export_csv(store::Database& db, const Description& d, int64_t org,
                               const Query& query);
// The same table as an XLSX workbook.
Result<std::string> export_xlsx(store::Database& db, const Description& d, int64_t org,
                                const Query& query);

struct RowError {
  int64_t row = 0;  // 1-based data row (the header is row 0)
  std::string column;
  std::string message;
};

// A report lists at most this many row errors (the first ones) and counts them all.
inline constexpr size_t kMaxReportedRowErrors = 1000;

struct ImportReport {
  int64_t rows = 0;
  std::vector<RowError> errors;
  int64_t error_count = 0;
  bool committed = false;
  std::vector<int64_t> created_ids;

  void add_error(RowError error);
};

// Checks every row (every problem of each row is reported); with `dry_run` nothing is written.
// Otherwise every row is created in one transaction, or none when any row has a problem.
// Errors (rather than row errors): malformed when the text is not UTF-8 CSV, lacks a required
// column, has an unknown or repeated one.
Result<ImportReport> import_csv(store::Database& db, const Description& d, int64_t org,
                                std::string_view csv, bool dry_run, const Caller& caller);

}  // namespace aims::records
