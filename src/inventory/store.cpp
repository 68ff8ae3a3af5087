#include "inventory/store.h"

#include <charconv>
#include <map>

#include "base/text.h"

namespace aims::inventory::sql {
namespace {

struct Statements {
  std::string columns;  // "t.id, t.name, ..., t.archived_at"
  std::string get;
  std::string insert;
  std::string update;
  std::string archive;
};

Statements build(const Entity& e) {
  Statements s;
  std::string insert_columns = "org_id, name_key, search_text", insert_values = "$1, $2, $3",
              assignments;
  s.columns = "t.id";
  int n = 3;
  for (const auto& f : e.fields) {
    s.columns += std::string(", t.") + f.column;
    insert_columns += std::string(", ") + f.column;
    insert_values += ", $" + std::to_string(++n);
    assignments += std::string(", ") + f.column + " = $" + std::to_string(n);
  }
  s.columns += ", t.version, t.created_at, t.updated_at, t.archived_at";
  const std::string table = e.table, now = "$" + std::to_string(n + 1);
  s.get = "SELECT " + s.columns + " FROM " + table + " t WHERE t.org_id = $1 AND t.id = $2";
  s.insert = "INSERT INTO " + table + " (" + insert_columns +
             ", version, created_at, updated_at) VALUES (" + insert_values + ", 1, " + now + ", " +
             now + ") RETURNING id";
  // $1 org, $2 name_key, $3 search_text, $4.. fields, then now, then id and the expected version.
  s.update = "UPDATE " + table + " SET name_key = $2, search_text = $3" + assignments +
             ", version = version + 1, updated_at = " + now + " WHERE org_id = $1 AND id = $" +
             std::to_string(n + 2) + " AND version = $" + std::to_string(n + 3);
  s.archive =
      "UPDATE " + table +
      " SET archived_at = $3, version = version + 1, updated_at = $4 WHERE org_id = $1 AND id = $2";
  return s;
}

const Statements& statements(const Entity& e) {
  static const std::map<Kind, Statements> all = [] {
    std::map<Kind, Statements> m;
    for (const Entity* entity : all_entities())
      m[entity->kind] = build(*entity);
    return m;
  }();
  return all.at(e.kind);
}

std::string name_key(const Record& r) {
  return to_lower_ascii(trim(r.text("name")));
}

store::Value param(const Field& f, const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
    std::string joined;
    for (const auto& item : *l)
      joined += (joined.empty() ? "" : "\n") + item;
    return joined;
  }
  switch (f.type) {  // unset
    case FieldType::date:
    case FieldType::count:
    case FieldType::user_ref:
    case FieldType::supplier_ref:
      return std::nullopt;
    case FieldType::flag:
      return false;
    default:
      return std::string();
  }
}

// What list searches match: the register's searchable fields, lower-cased, one per line.
std::string search_text(const Entity& e, const Record& r) {
  std::string text;
  for (const char* column : e.search_columns) {
    for (const auto& f : e.fields) {
      if (std::string_view(f.column) != column) continue;
      auto it = r.values.find(f.key);
      if (it == r.values.end()) continue;
      std::string value;
      if (const auto* str = std::get_if<std::string>(&it->second)) value = *str;
      if (const auto* list = std::get_if<std::vector<std::string>>(&it->second)) {
        for (const auto& item : *list)
          value += item + " ";
      }
      text += to_lower_ascii(value) + "\n";
    }
  }
  return text;
}

store::Params field_params(const Entity& e, int64_t org, const Record& r) {
  store::Params p = {org, name_key(r), search_text(e, r)};
  for (const auto& f : e.fields) {
    auto it = r.values.find(f.key);
    p.push_back(param(f, it == r.values.end() ? FieldValue() : it->second));
  }
  return p;
}

FieldValue decode(const Field& f, const store::Row& row, size_t i) {
  if (row.is_null(i)) return std::monostate{};
  switch (f.type) {
    case FieldType::flag:
      return row.boolean(i);
    case FieldType::count:
    case FieldType::user_ref:
    case FieldType::supplier_ref:
      return row.int64(i);
    case FieldType::text_list: {
      std::vector<std::string> items;
      const std::string text = row.text(i);
      for (auto part : split(text, '\n')) {
        if (!part.empty()) items.emplace_back(part);
      }
      return items;
    }
    default:
      return row.text(i);
  }
}

Record record_from(const Entity& e, const store::Row& row) {
  Record r;
  r.kind = e.kind;
  r.id = row.int64(0);
  size_t i = 1;
  for (const auto& f : e.fields)
    r.values[f.key] = decode(f, row, i++);
  r.version = row.int64(i);
  r.created_at = row.text(i + 1);
  r.updated_at = row.text(i + 2);
  r.archived_at = row.opt_text(i + 3);
  return r;
}

Status load_links(Tx& tx, const Entity& e, int64_t org, Record& r) {
  for (const auto& l : e.links) {
    auto rows = tx.query(std::string("SELECT ") + l.target_column + " FROM " + l.table +
                             " WHERE org_id = $1 AND " + l.owner_column + " = $2 ORDER BY " +
                             l.target_column,
                         {org, r.id});
    if (!rows) return rows.error();
    auto& ids = r.links[l.key];
    ids.clear();
    for (const auto& row : *rows)
      ids.push_back(row.int64(0));
  }
  return {};
}

// The links of a whole page: one query per link type, not one per record and link type.
Status load_page_links(Tx& tx, const Entity& e, int64_t org, std::vector<Record>& records) {
  if (records.empty()) return {};
  std::map<int64_t, Record*> by_id;
  store::Params params = {org};
  std::string in;
  for (auto& r : records) {
    by_id[r.id] = &r;
    params.push_back(r.id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  for (const auto& l : e.links) {
    for (auto& r : records)
      r.links[l.key].clear();
    auto rows = tx.query(std::string("SELECT ") + l.owner_column + ", " + l.target_column +
                             " FROM " + l.table + " WHERE org_id = $1 AND " + l.owner_column +
                             " IN (" + in + ") ORDER BY " + l.owner_column + ", " + l.target_column,
                         params);
    if (!rows) return rows.error();
    for (const auto& row : *rows)
      by_id.at(row.int64(0))->links[l.key].push_back(row.int64(1));
  }
  return {};
}

// LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally.
std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : to_lower_ascii(text)) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "%";
}

// The ORDER BY expression for a sort key; choices sort in their declared order, not by name.
struct SortExpr {
  std::string sql;
  bool numeric = false;
};

Result<SortExpr> sort_expression(const Entity& e, const std::string& key) {
  if (key == "name") return SortExpr{"t.name_key", false};
  if (key == "created_at" || key == "updated_at") return SortExpr{"t." + key, false};
  for (const char* allowed : e.sort_keys) {
    if (key != allowed) continue;
    const Field* f = find_field(e, key);
    std::string expr = std::string("CASE t.") + f->column;
    for (size_t i = 0; i < f->choices.size(); ++i) {
      expr += std::string(" WHEN '") + f->choices[i].value + "' THEN " + std::to_string(i);
    }
    return SortExpr{expr + " ELSE 99 END", true};
  }
  return Error::invalid("sort", "cannot sort by " + key);
}

// Cursor payload: "<id>|<last sort value>".
struct Cursor {
  int64_t id = 0;
  std::string value;
};

Result<Cursor> parse_cursor(const std::string& text) {
  const auto bar = text.find('|');
  Cursor c;
  if (bar == std::string::npos ||
      std::from_chars(text.data(), text.data() + bar, c.id).ec != std::errc()) {
    return Error::malformed("cursor is not one this server issued", "cursor");
  }
  c.value = text.substr(bar + 1);
  return c;
}

// Adds "AND <filter>" clauses for the query; values become parameters.
Status add_filters(const Entity& e, const ListQuery& q, std::string& where, store::Params& params) {
  auto next = [&](store::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (q.archived == Archived::exclude) where += " AND t.archived_at IS NULL";
  if (q.archived == Archived::only) where += " AND t.archived_at IS NOT NULL";
  if (!q.search.empty()) {
    const std::string p = next(contains_pattern(q.search));
    where += " AND t.search_text LIKE " + p + " ESCAPE '\\'";
  }
  if (!q.tag.empty()) {
    if (!find_field(e, "tags")) return Error::invalid("tag", "this register has no tags");
    const std::string sep = next(std::string("\n"));
    where += " AND (" + sep + " || t.tags || " + sep + ") LIKE " +
             next("%\n" + to_lower_ascii(trim(q.tag)) + "\n%");
  }
  for (const auto& [key, value] : q.filters) {
    bool allowed = false;
    for (const char* k : e.filter_keys)
      allowed = allowed || key == k;
    const Field* f = find_field(e, key);
    if (!allowed || !f) return Error::invalid(key, "cannot filter by " + key);
    if (f->type == FieldType::choice) {
      if (!*choice_label(*f, value)) return Error::invalid(key, value + " is not a " + f->label);
      where += std::string(" AND t.") + f->column + " = " + next(value);
    } else if (f->type == FieldType::flag) {
      const std::string v = to_lower_ascii(value);
      if (v != "true" && v != "false" && v != "yes" && v != "no") {
        return Error::invalid(key, key + " must be true or false");
      }
      where += std::string(" AND t.") + f->column + " = " + next(v == "true" || v == "yes");
    } else {
      int64_t id = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return Error::invalid(key, key + " must be a record id");
      }
      where += std::string(" AND t.") + f->column + " = " + next(id);
    }
  }
  return {};
}

}  // namespace

Result<std::optional<Record>> get(Tx& tx, const Entity& e, int64_t org, int64_t id) {
  auto row = tx.query_row(statements(e).get, {org, id});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<Record>();
  Record r = record_from(e, **row);
  if (Status s = load_links(tx, e, org, r); !s) return s.error();
  return std::optional<Record>(std::move(r));
}

Result<int64_t> insert(Tx& tx, const Entity& e, int64_t org, const Record& r,
                       const std::string& now) {
  store::Params p = field_params(e, org, r);
  p.push_back(now);
  return tx.insert(statements(e).insert, p);
}

Result<int64_t> update(Tx& tx, const Entity& e, int64_t org, const Record& r,
                       int64_t expected_version, const std::string& now) {
  store::Params p = field_params(e, org, r);
  p.push_back(now);
  p.push_back(r.id);
  p.push_back(expected_version);
  return tx.exec(statements(e).update, p);
}

Status replace_links(Tx& tx, const Link& l, int64_t org, int64_t owner,
                     const std::vector<int64_t>& ids) {
  auto cleared = tx.exec(
      std::string("DELETE FROM ") + l.table + " WHERE org_id = $1 AND " + l.owner_column + " = $2",
      {org, owner});
  if (!cleared) return cleared.error();
  const std::string insert = std::string("INSERT INTO ") + l.table + " (org_id, " + l.owner_column +
                             ", " + l.target_column + ") VALUES ($1, $2, $3)";
  for (int64_t id : ids) {
    if (auto r = tx.exec(insert, {org, owner, id}); !r) return r.error();
  }
  return {};
}

Result<int64_t> set_archived(Tx& tx, const Entity& e, int64_t org, int64_t id,
                             const std::optional<std::string>& at, const std::string& now) {
  return tx.exec(statements(e).archive, {org, id, at, now});
}

Result<bool> name_taken(Tx& tx, const Entity& e, int64_t org, const Record& r, int64_t except_id) {
  const bool by_version = e.kind == Kind::model;
  auto row =
      tx.query_row(std::string("SELECT COUNT(*) FROM ") + e.table +
                       " WHERE org_id = $1 AND name_key = $2 AND id <> $3" +
                       (by_version ? " AND model_version = $4" : ""),
                   by_version ? store::Params{org, name_key(r), except_id, r.text("model_version")}
                              : store::Params{org, name_key(r), except_id});
  if (!row) return row.error();
  return (*row)->int64(0) > 0;
}

Result<std::vector<int64_t>> active_ids(Tx& tx, Kind kind, int64_t org,
                                        const std::vector<int64_t>& ids) {
  std::vector<int64_t> found;
  const std::string sql = std::string("SELECT id FROM ") + entity(kind).table +
                          " WHERE org_id = $1 AND id = $2 AND archived_at IS NULL";
  for (int64_t id : ids) {
    auto row = tx.query_row(sql, {org, id});
    if (!row) return row.error();
    if (row->has_value()) found.push_back(id);
  }
  return found;
}

Result<ListPage> list(Tx& tx, const Entity& e, int64_t org, const ListQuery& q) {
  store::Params params = {org};
  std::string where = " WHERE t.org_id = $1";
  if (Status s = add_filters(e, q, where, params); !s) return s.error();
  const std::string from = std::string(" FROM ") + e.table + " t";

  ListPage page;
  auto total = tx.query_row("SELECT COUNT(*)" + from + where, params);
  if (!total) return total.error();
  page.total = (*total)->int64(0);

  auto sort = sort_expression(e, q.sort);
  if (!sort) return sort.error();
  const char* direction = q.descending ? " DESC" : "";
  if (q.cursor) {
    auto cursor = parse_cursor(*q.cursor);
    if (!cursor) return cursor.error();
    const char* cmp = q.descending ? " < " : " > ";
    params.push_back(sort->numeric ? store::Value(std::strtoll(cursor->value.c_str(), nullptr, 10))
                                   : store::Value(cursor->value));
    const std::string v = "$" + std::to_string(params.size());
    params.push_back(cursor->id);
    const std::string id = "$" + std::to_string(params.size());
    where += " AND (" + sort->sql + cmp + v + " OR (" + sort->sql + " = " + v + " AND t.id" + cmp +
             id + "))";
  }
  params.push_back(q.limit + 1);  // one more than asked tells whether a next page exists
  auto rows = tx.query("SELECT " + statements(e).columns + ", " + sort->sql + from + where +
                           " ORDER BY " + sort->sql + direction + ", t.id" + direction +
                           " LIMIT $" + std::to_string(params.size()),
                       params);
  if (!rows) return rows.error();
  const size_t sort_column = e.fields.size() + 5;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(q.limit); ++i) {
    page.items.push_back(record_from(e, (*rows)[i]));
  }
  if (Status s = load_page_links(tx, e, org, page.items); !s) return s.error();
  if (rows->size() > static_cast<size_t>(q.limit)) {
    const auto& last = (*rows)[q.limit - 1];
    page.next_cursor = std::to_string(last.int64(0)) + "|" + last.text(sort_column);
  }
  return page;
}

Result<std::vector<std::pair<int64_t, std::string>>> names(Tx& tx, Kind kind, int64_t org) {
  const bool model = kind == Kind::model;
  auto rows =
      tx.query(std::string("SELECT id, name") + (model ? ", model_version" : "") + " FROM " +
                   entity(kind).table + " WHERE org_id = $1 ORDER BY name_key, id",
               {org});
  if (!rows) return rows.error();
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& row : *rows) {
    out.emplace_back(row.int64(0), model ? row.text(1) + " " + row.text(2) : row.text(1));
  }
  return out;
}

Result<std::vector<int64_t>> systems_linking(Tx& tx, const Link& l, int64_t org, int64_t target) {
  auto rows =
      tx.query(std::string("SELECT ") + l.owner_column + " FROM " + l.table +
                   " WHERE org_id = $1 AND " + l.target_column + " = $2 ORDER BY " + l.owner_column,
               {org, target});
  if (!rows) return rows.error();
  std::vector<int64_t> ids;
  for (const auto& row : *rows)
    ids.push_back(row.int64(0));
  return ids;
}

Result<std::optional<std::pair<std::string, int64_t>>> scope_statement(Tx& tx, int64_t org) {
  auto row = tx.query_row("SELECT statement, version, updated_at FROM aims_scope WHERE org_id = $1",
                          {org});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<std::pair<std::string, int64_t>>();
  return std::optional<std::pair<std::string, int64_t>>({(*row)->text(0), (*row)->int64(1)});
}

Result<int64_t> save_scope_statement(Tx& tx, int64_t org, const std::string& statement,
                                     int64_t expected_version, const std::string& now) {
  if (expected_version == 0) {
    return tx.exec(
        "INSERT INTO aims_scope (org_id, statement, version, updated_at) VALUES ($1, $2, 1, $3)"
        " ON CONFLICT (org_id) DO NOTHING",
        {org, statement, now});
  }
  return tx.exec(
      "UPDATE aims_scope SET statement = $2, version = version + 1, updated_at = $3 WHERE org_id = "
      "$1 AND version = $4",
      {org, statement, now, expected_version});
}

}  // namespace aims::inventory::sql
