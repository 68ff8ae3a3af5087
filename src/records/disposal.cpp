#include "records/disposal.h"

#include <set>

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/text.h"
#include "records/json.h"
#include "records/search.h"
#include "records/store.h"
#include "trail/disposal.h"

namespace aims::records {
namespace {

// Columns every register's table has that carry no content: they stay, so the tombstone keeps
// its identity, state and dates.
const std::set<std::string> kKeptColumns = {
    "id",          "org_id",     "title_key",      "state",
    "state_since", "version",    "frozen_version", "created_by",
    "created_at",  "updated_at", "archived_at"};

struct Column {
  std::string name;
  bool nullable = true;
  bool text = true;
  std::string default_sql;  // the schema's default expression, or empty
};

Result<std::vector<Column>> columns_of(store::Tx& tx, const std::string& table) {
  const bool sqlite = tx.dialect() == store::Dialect::sqlite;
  TRY_ASSIGN(auto rows,
             tx.query(sqlite ? "SELECT name, type, \"notnull\", COALESCE(dflt_value, '')"
                               " FROM pragma_table_info($1)"
                             : "SELECT column_name, data_type,"
                               " CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END,"
                               " COALESCE(column_default, '') FROM information_schema.columns"
                               " WHERE table_schema = current_schema() AND table_name = $1",
                      {table}));
  std::vector<Column> columns;
  for (auto& row : rows) {
    store::RowReader r(row);
    Column c;
    c.name = r.text();
    const std::string type = r.text();
    c.nullable = r.int64() == 0;
    c.default_sql = r.text();
    c.text = type.find("TEXT") != std::string::npos || type.find("text") != std::string::npos ||
             type.find("char") != std::string::npos || type.find("CHAR") != std::string::npos;
    if (!kKeptColumns.contains(c.name)) columns.push_back(std::move(c));
  }
  if (columns.empty()) return Error::internal("no columns found for " + table);
  return columns;
}

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

// The statement that empties the row: names and defaults come from the schema, never from input.
Result<std::string> emptying_sql(store::Tx& tx, const Description& d) {
  TRY_ASSIGN(auto columns, columns_of(tx, d.table));
  const Field* title = d.field(d.title_field);
  const std::string title_column = title ? title->column_name() : "";
  std::string sql = std::string("UPDATE ") + d.table +
                    " SET title_key = $3, archived_at = COALESCE(archived_at, $4),"
                    " updated_at = $4, version = version + 1";
  for (const auto& c : columns) {
    std::string value = c.name == title_column   ? "$5"
                        : c.nullable             ? "NULL"
                        : !c.default_sql.empty() ? c.default_sql
                        : c.text                 ? "''"
                                                 : "0";
    sql += ", " + quoted(c.name) + " = " + value;
  }
  return sql + " WHERE org_id = $1 AND id = $2";
}

// What is removed, as one document whose SHA-256 the tombstone and the disposal event keep.
Result<std::string> content_digest(store::Tx& tx, const Description& d, int64_t org,
                                   const Record& record) {
  nlohmann::json removed = {{"record", to_json(d, record)}};
  TRY_ASSIGN(auto comments,
             tx.query("SELECT body FROM record_comments WHERE org_id = $1 AND record_type = $2"
                      " AND record_id = $3 ORDER BY id",
                      {org, std::string(d.type), record.id}));
  removed["comments"] = nlohmann::json::array();
  for (auto& row : comments)
    removed["comments"].push_back(row.text(0));
  TRY_ASSIGN(auto files, tx.query("SELECT a.name, COALESCE(b.sha256, ''), COALESCE(a.url, '')"
                                  " FROM record_attachments a LEFT JOIN attachment_blobs b"
                                  " ON b.id = a.blob_id WHERE a.org_id = $1"
                                  " AND a.record_type = $2 AND a.record_id = $3 ORDER BY a.id",
                                  {org, std::string(d.type), record.id}));
  removed["attachments"] = nlohmann::json::array();
  for (auto& row : files)
    removed["attachments"].push_back({row.text(0), row.text(1), row.text(2)});
  return crypto::sha256_hex(removed.dump());
}

Status remove_around(store::Tx& tx, const Description& d, int64_t org, int64_t id) {
  const store::Params key = {org, std::string(d.type), id};
  TRY(
      tx.exec("DELETE FROM record_comments WHERE org_id = $1 AND record_type = $2"
              " AND record_id = $3",
              key));
  TRY_ASSIGN(auto blobs, tx.query("SELECT DISTINCT blob_id FROM record_attachments"
                                  " WHERE org_id = $1 AND record_type = $2 AND record_id = $3"
                                  " AND blob_id IS NOT NULL",
                                  key));
  TRY(
      tx.exec("DELETE FROM record_attachments WHERE org_id = $1 AND record_type = $2"
              " AND record_id = $3",
              key));
  for (auto& row : blobs) {
    TRY(
        tx.exec("DELETE FROM attachment_blobs WHERE id = $1 AND NOT EXISTS"
                " (SELECT 1 FROM record_attachments WHERE blob_id = $1)",
                {row.int64(0)}));
  }
  TRY(tx.exec("DELETE FROM record_links WHERE org_id = $1 AND from_type = $2 AND from_id = $3",
              key));
  TRY(
      tx.exec("UPDATE record_approvals SET reason = '' WHERE org_id = $1 AND record_type = $2"
              " AND record_id = $3",
              key));
  TRY(
      tx.exec("UPDATE record_versions SET snapshot = '{}', reason = '' WHERE org_id = $1"
              " AND record_type = $2 AND record_id = $3",
              key));
  return {};
}

}  // namespace

Result<bool> is_disposed(store::Tx& tx, const Description& d, int64_t org, int64_t id) {
  TRY_ASSIGN(auto row,
             tx.query_row("SELECT 1 FROM trail_events WHERE org_id = $1"
                          " AND entity_type = $2 AND entity_id = $3 AND action = $4",
                          {org, std::string(d.type), id, std::string(trail::kDisposeAction)}));
  return row.has_value();
}

Result<Disposed> dispose(const WriteContext& ctx, const Description& d, int64_t id,
                         const std::string& tombstone, trail::Fields notes) {
  TRY_ASSIGN(auto found, sql::get(ctx.tx, d, ctx.org, id));
  if (!found) return Error::not_found(std::string(d.singular) + " not found");
  TRY_ASSIGN(const bool already, is_disposed(ctx.tx, d, ctx.org, id));
  if (already) {
    return Error{ErrorCode::failed_precondition,
                 std::string("this ") + d.singular + " was disposed of already",
                 {}};
  }
  Disposed out;
  TRY_ASSIGN(out.content_sha256, content_digest(ctx.tx, d, ctx.org, *found));
  TRY_ASSIGN(const std::string emptying, emptying_sql(ctx.tx, d));
  const std::string title = tombstone + " (#" + std::to_string(id) + ")";
  TRY(ctx.tx.exec(emptying, {ctx.org, id, to_lower_ascii(trim(title)), ctx.now, title}));
  TRY(remove_around(ctx.tx, d, ctx.org, id));
  TRY_ASSIGN(auto emptied, sql::get(ctx.tx, d, ctx.org, id));
  TRY(search::index(ctx.tx, d, ctx.org, *emptied));
  // FTS5 keeps a replaced row's words in its index segments until they are merged: merging now
  // takes the disposed words out (a cost proportional to the index, paid once per disposal).
  if (ctx.tx.dialect() == store::Dialect::sqlite)
    TRY(ctx.tx.exec("INSERT INTO record_search_fts (record_search_fts) VALUES ('optimize')"));
  notes["content_sha256"] = json_text::quote(out.content_sha256);
  notes["tombstone"] = json_text::quote(title);
  TRY_ASSIGN(out.trail_seq,
             trail::dispose(ctx.tx, ctx.org, ctx.caller.actor, d.type, id, std::move(notes)));
  return out;
}

}  // namespace aims::records
