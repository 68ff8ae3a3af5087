// The AI inventory (ISO/IEC 42001 clauses 4.1, 4.3; Annex A.4, A.6.2.2, A.7, A.9.4, A.10.3): AI
// systems and the models, datasets and suppliers they use, the AIMS scope statement, and CSV /
// XLSX exchange. Every change is written with its audit-trail event in one transaction; records
// are archived, never deleted. Records of another organisation are not_found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "inventory/record.h"
#include "inventory/schema.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::inventory {

// Creates a record from the given values (missing ones take their defaults) and links.
// Errors: invalid_argument naming the field (rules in rules.h), already_exists on "name".
Result<Record> create(store::Database& db, int64_t org, Kind kind, const Record& input,
                      const trail::Actor& actor);
// Changes only the values and links present in `changes`. Errors: not_found, stale_version
// (expected_version is not current), failed_precondition (archived), invalid_argument,
// already_exists.
Result<Record> update(store::Database& db, int64_t org, Kind kind, int64_t id,
                      const Record& changes, int64_t expected_version, const trail::Actor& actor);
Result<Record> get(store::Database& db, int64_t org, Kind kind, int64_t id);
// Archived records stay readable (and listed with archived=include), but cannot be changed or
// newly linked. Errors: not_found, failed_precondition (already archived / not archived).
Result<Record> archive(store::Database& db, int64_t org, Kind kind, int64_t id,
                       const trail::Actor& actor);
Result<Record> restore(store::Database& db, int64_t org, Kind kind, int64_t id,
                       const trail::Actor& actor);

enum class Archived { exclude, include, only };

struct ListQuery {
  std::string search;                                        // words in name and other text
  std::vector<std::pair<std::string, std::string>> filters;  // field key -> value
  std::string tag;
  Archived archived = Archived::exclude;
  std::string sort = "name";  // a sortable key
  bool descending = false;
  int limit = 50;
  std::optional<std::string> cursor;  // as returned in ListPage::next_cursor
};

struct ListPage {
  std::vector<Record> items;
  std::optional<std::string> next_cursor;
  int64_t total = 0;  // records matching the query, across all pages
};

// Errors: invalid_argument on "sort", a filter key or value, or "cursor".
Result<ListPage> list(store::Database& db, int64_t org, Kind kind, const ListQuery& query);
// Keys that `list` can sort by for this register.
std::vector<std::string> sortable_keys(Kind kind);

// For other modules, inside their own transaction: whether `id` is a record of `kind` in the
// organisation (archived ones included).
Result<bool> exists(store::Tx& tx, int64_t org, Kind kind, int64_t id);

// id -> display name of every record of a register (archived included), for showing links.
Result<std::vector<std::pair<int64_t, std::string>>> names(store::Database& db, int64_t org,
                                                           Kind kind);
// AI systems that use the record `id` of register `kind` (model, dataset or supplier).
Result<std::vector<Record>> systems_using(store::Database& db, int64_t org, Kind kind, int64_t id);

// ---- exchange --------------------------------------------------------------------------------

// The register as CSV (RFC 4180; cells that a spreadsheet would run as a formula are escaped).
// References are written as names or emails so the file can be imported elsewhere.
Result<std::string> export_csv(store::Database& db, int64_t org, Kind kind, Archived archived);
// The same table as an XLSX workbook.
Result<std::string> export_xlsx(store::Database& db, int64_t org, Kind kind, Archived archived);

struct RowError {
  int64_t row = 0;  // 1-based data row (the header is row 0)
  std::string field;
  std::string message;
};

// A report lists at most this many row errors (the first ones) and counts them all: a file
// with a million bad rows must not become a report of hundreds of megabytes.
inline constexpr size_t kMaxReportedRowErrors = 1000;

struct ImportReport {
  int64_t rows = 0;
  std::vector<RowError> errors;  // the first kMaxReportedRowErrors
  int64_t error_count = 0;       // all of them
  void add_error(RowError error) {
    ++error_count;
    if (errors.size() < kMaxReportedRowErrors) errors.push_back(std::move(error));
  }
  bool committed = false;
  std::vector<int64_t> created_ids;
};

// Checks every row; with dry_run nothing is written. Otherwise all rows are created in one
// transaction, or none when any row has an error. Errors (as opposed to row errors in the
// report): malformed when the text is not CSV or lacks a header the register needs.
Result<ImportReport> import_csv(store::Database& db, int64_t org, Kind kind, std::string_view csv,
                                bool dry_run, const trail::Actor& actor);

// ---- scope (clause 4.3) ----------------------------------------------------------------------

struct ScopedSystem {
  int64_t id = 0;
  std::string name;
  std::string lifecycle_stage;
  std::string eu_ai_act_class;
  std::string owner;
  std::string reason;  // for excluded systems
};

struct Scope {
  std::string statement;
  int64_t version = 0;  // 0 until the statement is first written
  std::vector<ScopedSystem> in_scope;
  std::vector<ScopedSystem> excluded;
};

Result<Scope> scope(store::Database& db, int64_t org);
// Errors: invalid_argument on "statement", stale_version.
Result<Scope> set_scope_statement(store::Database& db, int64_t org, const std::string& statement,
                                  int64_t expected_version, const trail::Actor& actor);

}  // namespace aims::inventory
