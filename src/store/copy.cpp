#include "store/copy.h"

#include <algorithm>
#include <limits>
#include <map>
#include <vector>

namespace aims::store {
namespace {

// Rows per INSERT: few statements, each far below either engine's limit on parameters (SQLite
// allows 32,766; PostgreSQL 65,535).
constexpr size_t kParametersPerInsert = 30000;
constexpr size_t kMaxRowsPerInsert = 1000;
// Rows read at a time from a table with an id, so a table of millions is never held whole.
constexpr int64_t kRowsPerRead = 5000;

struct Column {
  std::string name;
  bool bytes = false;  // BLOB / bytea
};

struct Table {
  std::string name;
  std::vector<Column> columns;  // those the target writes (not generated) and the source has
  bool has_id = false;
};

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

Result<std::vector<std::string>> table_names(Tx& tx) {
  TRY_ASSIGN(
      const Rows rows,
      tx.query(tx.dialect() == Dialect::sqlite
                   ? "SELECT name FROM pragma_table_list WHERE schema = 'main'"
                     " AND type = 'table' AND name NOT LIKE 'sqlite_%'"
                   : "SELECT table_name FROM information_schema.tables"
                     " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"));
  std::vector<std::string> names;
  for (const auto& row : rows)
    names.push_back(row.text(0));
  std::sort(names.begin(), names.end());
  return names;
}

// The columns a row may be given (generated ones are left out), in the table's order.
Result<std::vector<Column>> writable_columns(Tx& tx, const std::string& table) {
  TRY_ASSIGN(const Rows rows,
             tx.query(tx.dialect() == Dialect::sqlite
                          ? "SELECT name, upper(type) FROM pragma_table_xinfo($1)"
                            " WHERE hidden = 0 ORDER BY cid"
                          : "SELECT column_name, upper(data_type) FROM information_schema.columns"
                            " WHERE table_schema = current_schema() AND table_name = $1"
                            " AND is_generated = 'NEVER' ORDER BY ordinal_position",
                      {table}));
  std::vector<Column> columns;
  for (const auto& row : rows) {
    const std::string type = row.text(1);
    columns.push_back({row.text(0), type == "BLOB" || type == "BYTEA"});
  }
  return columns;
}

// Each table with the tables its foreign keys name.
Result<std::map<std::string, std::set<std::string>>> parents(Tx& tx) {
  TRY_ASSIGN(const Rows rows,
             tx.query(tx.dialect() == Dialect::sqlite
                          ? "SELECT t.name, f.\"table\" FROM pragma_table_list t,"
                            " pragma_foreign_key_list(t.name) f WHERE t.schema = 'main'"
                            " AND t.type = 'table'"
                          : "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text"
                            " FROM pg_constraint c WHERE c.contype = 'f'"
                            " AND c.connamespace = current_schema()::regnamespace"));
  std::map<std::string, std::set<std::string>> out;
  for (const auto& row : rows)
    out[row.text(0)].insert(row.text(1));
  return out;
}

// Parents first (a row referring to one of its own table's rows comes after it by id).
// Errors: internal on a cycle, which the schema does not have.
Result<std::vector<Table>> in_copy_order(std::vector<Table> tables,
                                         const std::map<std::string, std::set<std::string>>& deps) {
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (!tables.empty()) {
    const auto ready = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
      const auto found = deps.find(t.name);
      if (found == deps.end()) return true;
      return std::all_of(found->second.begin(), found->second.end(), [&](const std::string& p) {
        return p == t.name || placed.contains(p) ||
               std::none_of(tables.begin(), tables.end(),
                            [&](const Table& other) { return other.name == p; });
      });
    });
    if (ready == tables.end())
      return Error::internal("the tables' foreign keys form a cycle at " + tables.front().name);
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

// What both databases have, less what the caller skips, with the columns both have.
Result<std::vector<Table>> tables_to_copy(Tx& from, Tx& to, const CopyOptions& options) {
  TRY_ASSIGN(const auto source_names, table_names(from));
  TRY_ASSIGN(const auto target_names, table_names(to));
  std::vector<Table> tables;
  for (const auto& name : target_names) {
    if (name == "schema_migrations" || options.skip.contains(name) ||
        !std::binary_search(source_names.begin(), source_names.end(), name)) {
      continue;
    }
    TRY_ASSIGN(const auto source_columns, writable_columns(from, name));
    TRY_ASSIGN(const auto target_columns, writable_columns(to, name));
    Table table{name, {}, false};
    for (const auto& column : target_columns) {
      const bool in_source = std::any_of(source_columns.begin(), source_columns.end(),
                                         [&](const Column& c) { return c.name == column.name; });
      if (!in_source) continue;
      table.columns.push_back(column);
      table.has_id = table.has_id || column.name == "id";
    }
    if (!table.columns.empty()) tables.push_back(std::move(table));
  }
  TRY_ASSIGN(const auto deps, parents(to));
  return in_copy_order(std::move(tables), deps);
}

std::string insert_sql(const Table& table, size_t rows) {
  std::string sql = "INSERT INTO " + quoted(table.name) + " (";
  for (size_t c = 0; c < table.columns.size(); ++c)
    sql += (c ? ", " : "") + quoted(table.columns[c].name);
  sql += ") VALUES ";
  size_t n = 0;
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (size_t c = 0; c < table.columns.size(); ++c)
      sql += (c ? ", $" : "$") + std::to_string(++n);
    sql += ")";
  }
  return sql;
}

std::string select_sql(const Table& table) {
  std::string sql = "SELECT ";
  for (size_t c = 0; c < table.columns.size(); ++c)
    sql += (c ? ", " : "") + quoted(table.columns[c].name);
  sql += " FROM " + quoted(table.name);
  if (table.has_id) sql += " WHERE id > $1 ORDER BY id LIMIT " + std::to_string(kRowsPerRead);
  return sql;
}

Status insert_rows(Tx& to, const Table& table, Rows& rows) {
  const size_t width = table.columns.size();
  const size_t per_insert = std::clamp<size_t>(kParametersPerInsert / width, 1, kMaxRowsPerInsert);
  for (size_t start = 0; start < rows.size(); start += per_insert) {
    const size_t count = std::min(per_insert, rows.size() - start);
    Params params;
    params.reserve(count * width);
    for (size_t r = start; r < start + count; ++r) {
      for (size_t c = 0; c < width; ++c)
        params.push_back(rows[r].take(c));
    }
    TRY(to.exec(insert_sql(table, count), params));
  }
  return {};
}

Result<int64_t> copy_table(Tx& from, Tx& to, const Table& table, const CopyOptions& options) {
  TRY_ASSIGN(const auto counted, from.query_row("SELECT COUNT(*) FROM " + quoted(table.name)));
  CopyProgress progress{table.name, 0, counted ? counted->int64(0) : 0};
  const std::string select = select_sql(table);
  const size_t id_column =
      static_cast<size_t>(std::find_if(table.columns.begin(), table.columns.end(),
                                       [](const Column& c) { return c.name == "id"; }) -
                          table.columns.begin());
  int64_t after = std::numeric_limits<int64_t>::min();
  for (;;) {
    TRY_ASSIGN(Rows rows, table.has_id ? from.query(select, {after}) : from.query(select));
    if (rows.empty()) break;
    if (table.has_id) after = rows.back().int64(id_column);
    TRY(insert_rows(to, table, rows));
    progress.rows_copied += static_cast<int64_t>(rows.size());
    if (options.progress) options.progress(progress);
    if (!table.has_id || static_cast<int64_t>(rows.size()) < kRowsPerRead) break;
  }
  return progress.rows_copied;
}

// PostgreSQL hands out ids from a sequence that the copied rows did not advance.
Status advance_sequences(Tx& to, const std::vector<Table>& tables) {
  if (to.dialect() != Dialect::postgres) return {};  // SQLite's AUTOINCREMENT follows the rows
  TRY_ASSIGN(const Rows identities,
             to.query("SELECT table_name, column_name FROM information_schema.columns"
                      " WHERE table_schema = current_schema() AND is_identity = 'YES'"));
  for (const auto& row : identities) {
    const std::string table = row.text(0);
    const std::string column = row.text(1);
    if (std::none_of(tables.begin(), tables.end(), [&](const Table& t) { return t.name == table; }))
      continue;
    TRY(to.query("SELECT setval(pg_get_serial_sequence($1, $2), (SELECT COALESCE(MAX(" +
                     quoted(column) + "), 0) + 1 FROM " + quoted(table) + "), false)",
                 {quoted(table), column}));
  }
  return {};
}

Result<CopyReport> copy_in(Tx& from, Tx& to, const CopyOptions& options) {
  TRY_ASSIGN(const auto tables, tables_to_copy(from, to, options));
  CopyReport report;
  for (const auto& table : tables) {
    TRY_ASSIGN(const int64_t rows, copy_table(from, to, table, options));
    report.rows += rows;
    ++report.tables;
  }
  TRY(advance_sequences(to, tables));
  if (options.finish) TRY(options.finish(from, to));
  return report;
}

}  // namespace

Result<CopyReport> copy_tables(Database& from, Database& to, const CopyOptions& options) {
  return to.write([&](Tx& target) -> Result<CopyReport> {
    if (target.dialect() == Dialect::sqlite) TRY(target.exec("PRAGMA defer_foreign_keys = ON"));
    // A PostgreSQL source is read at one snapshot (its plain reads see each statement's moment).
    if (from.dialect() == Dialect::postgres) {
      return from.write([&](Tx& source) -> Result<CopyReport> {
        TRY(source.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        return copy_in(source, target, options);
      });
    }
    return from.read([&](Tx& source) { return copy_in(source, target, options); });
  });
}

}  // namespace aims::store
