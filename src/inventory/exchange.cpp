// CSV and XLSX exchange of a register. References travel as names and emails, not ids, so a
// file exported from one aims imports into another with the same people and suppliers.
#include <algorithm>
#include <map>
#include <set>

#include "auth/auth.h"
#include "base/csv.h"
#include "base/text.h"
#include "inventory/inventory.h"
#include "inventory/rules.h"
#include "inventory/writes.h"
#include "report/xlsx.h"

namespace aims::inventory {
namespace {

// Columns of the exchanged table, besides the informational ones.
struct Column {
  std::string name;
  const Field* field = nullptr;
  const Link* link = nullptr;
};

std::string column_name(const Field& f) {
  if (f.type == FieldType::user_ref) {
    std::string key = f.key;
    return key.substr(0, key.size() - 3) + "_email";  // owner_id -> owner_email
  }
  if (f.type == FieldType::supplier_ref) return "supplier";
  return f.key;
}

std::vector<Column> columns(const Entity& e) {
  std::vector<Column> out;
  for (const auto& f : e.fields)
    out.push_back({column_name(f), &f, nullptr});
  for (const auto& l : e.links)
    out.push_back({l.csv_key, nullptr, &l});
  return out;
}

const std::set<std::string>& informational_columns() {
  static const std::set<std::string> names = {"id", "archived_at", "created_at", "updated_at",
                                              "version"};
  return names;
}

// Name (lower-cased) <-> id of the organisation's records and people, for both directions.
struct Lookups {
  std::map<int64_t, std::string> user_email;
  std::map<std::string, int64_t> active_user;  // email -> id
  std::map<Kind, std::map<int64_t, std::string>> record_name;
  std::map<Kind, std::map<std::string, int64_t>> active_record;  // lower-cased name -> id
};

Result<std::vector<Record>> all_records(store::Database& db, int64_t org, Kind kind,
                                        Archived archived) {
  std::vector<Record> out;
  ListQuery q;
  q.archived = archived;
  q.limit = 1000;
  while (true) {
    auto page = list(db, org, kind, q);
    if (!page) return page.error();
    for (auto& r : page->items)
      out.push_back(std::move(r));
    if (!page->next_cursor) return out;
    q.cursor = page->next_cursor;
  }
}

Result<Lookups> load_lookups(store::Database& db, int64_t org, const Entity& e) {
  Lookups l;
  auto users = auth::list_users(db, org);
  if (!users) return users.error();
  for (const auto& u : *users) {
    l.user_email[u.id] = u.email;
    if (u.status == "active") l.active_user[u.email] = u.id;
  }
  std::set<Kind> kinds;
  for (const auto& f : e.fields) {
    if (f.type == FieldType::supplier_ref) kinds.insert(Kind::supplier);
  }
  for (const auto& link : e.links)
    kinds.insert(link.target);
  for (Kind kind : kinds) {
    auto every = all_records(db, org, kind, Archived::include);
    if (!every) return every.error();
    for (const auto& r : *every) {
      l.record_name[kind][r.id] = r.display_name();
      if (!r.archived_at) l.active_record[kind][to_lower_ascii(r.display_name())] = r.id;
    }
  }
  return l;
}

std::vector<std::string> export_row(const Record& r, const std::vector<Column>& cols,
                                    const Lookups& l) {
  std::vector<std::string> cells = {std::to_string(r.id)};
  for (const auto& c : cols) {
    if (c.link) {
      std::string names;
      for (int64_t id : r.links.at(c.link->key)) {
        const auto& known = l.record_name.at(c.link->target);
        auto it = known.find(id);
        names +=
            (names.empty() ? "" : "; ") + (it == known.end() ? std::to_string(id) : it->second);
      }
      cells.push_back(names);
      continue;
    }
    const auto id = r.number(c.field->key);
    if (c.field->type == FieldType::user_ref) {
      cells.push_back(id && l.user_email.count(*id) ? l.user_email.at(*id) : "");
    } else if (c.field->type == FieldType::supplier_ref) {
      const auto& known = l.record_name.at(Kind::supplier);
      cells.push_back(id && known.count(*id) ? known.at(*id) : "");
    } else {
      cells.push_back(rules::to_text(r.values.at(c.field->key), "; "));
    }
  }
  cells.push_back(r.archived_at.value_or(""));
  return cells;
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Result<Table> export_table(store::Database& db, int64_t org, Kind kind, Archived archived) {
  const Entity& e = entity(kind);
  auto lookups = load_lookups(db, org, e);
  if (!lookups) return lookups.error();
  auto records = all_records(db, org, kind, archived);
  if (!records) return records.error();
  const auto cols = columns(e);
  Table t;
  t.header.push_back("id");
  for (const auto& c : cols)
    t.header.push_back(c.name);
  t.header.push_back("archived_at");
  for (const auto& r : *records)
    t.rows.push_back(export_row(r, cols, *lookups));
  return t;
}

// One data row to a record; errors name the CSV column.
Result<Record> import_row(const Entity& e, const std::vector<const Column*>& layout,
                          const std::vector<std::string>& cells, const Lookups& l) {
  Record r;
  r.kind = e.kind;
  for (size_t i = 0; i < layout.size(); ++i) {
    const Column* c = layout[i];
    if (!c) continue;
    const std::string cell = csv::unescape_formula(i < cells.size() ? cells[i] : "");
    const std::string text(trim(cell));
    if (c->link) {
      auto& ids = r.links[c->link->key];
      for (auto part : split(text, ';')) {
        const std::string name = to_lower_ascii(trim(part));
        if (name.empty()) continue;
        const auto& known = l.active_record.at(c->link->target);
        auto it = known.find(name);
        if (it == known.end()) {
          return Error::invalid(c->name, "no " + std::string(entity(c->link->target).singular) +
                                             " named '" + std::string(trim(part)) + "'");
        }
        ids.push_back(it->second);
      }
      continue;
    }
    const Field& f = *c->field;
    if (f.type == FieldType::user_ref || f.type == FieldType::supplier_ref) {
      if (text.empty()) {
        r.values[f.key] = std::monostate{};
        continue;
      }
      const bool user = f.type == FieldType::user_ref;
      const auto& known = user ? l.active_user : l.active_record.at(Kind::supplier);
      auto it = known.find(to_lower_ascii(text));
      if (it == known.end()) {
        return Error::invalid(c->name, user ? "no active user with email " + text
                                            : "no supplier named '" + text + "'");
      }
      r.values[f.key] = it->second;
      continue;
    }
    auto value = rules::parse_text(f, cell, ';');
    if (!value) return Error::invalid(c->name, value.error().message);
    r.values[f.key] = std::move(*value);
  }
  auto prepared = prepare(e.kind, r);
  if (!prepared) {
    // Name the CSV column, which differs from the field key for references.
    Error error = prepared.error();
    if (const Field* f = find_field(e, error.field)) error.field = column_name(*f);
    return error;
  }
  return prepared;
}

std::string unique_key(const Record& r) {
  return to_lower_ascii(trim(r.display_name()));
}

}  // namespace

Result<std::string> export_csv(store::Database& db, int64_t org, Kind kind, Archived archived) {
  auto table = export_table(db, org, kind, archived);
  if (!table) return table.error();
  std::string out(csv::kByteOrderMark);  // lets spreadsheets read the file as UTF-8
  out += csv::row(table->header);
  for (const auto& r : table->rows)
    out += csv::row(r);
  return out;
}

Result<std::string> export_xlsx(store::Database& db, int64_t org, Kind kind, Archived archived) {
  auto table = export_table(db, org, kind, archived);
  if (!table) return table.error();
  return report::xlsx({{entity(kind).plural, table->header, table->rows}});
}

namespace {

// After this many rows of an import the planner is shown the tables it writes: enough rows for
// the statistics to tell a unique index from one that matches the whole organisation.
constexpr size_t kRowsBeforeAnalyze = 200;

Status refresh_statistics(store::Tx& tx, const Entity& e) {
  if (Status s = tx.refresh_statistics(e.table); !s) return s;
  for (const Link& l : e.links) {
    if (Status s = tx.refresh_statistics(l.table); !s) return s;
  }
  return {};
}

}  // namespace

Result<ImportReport> import_csv(store::Database& db, int64_t org, Kind kind, std::string_view text,
                                bool dry_run, const trail::Actor& actor) {
  const Entity& e = entity(kind);
  if (!is_valid_utf8(text)) return Error::malformed("the file is not UTF-8 text");
  auto rows = csv::parse(text);
  if (!rows) return rows.error();
  if (rows->empty()) return Error::malformed("the file is empty: it needs a header row");
  const auto cols = columns(e);
  std::vector<const Column*> layout;
  std::set<std::string> seen;
  for (const auto& raw : rows->front()) {
    const std::string name(trim(raw));
    auto it =
        std::find_if(cols.begin(), cols.end(), [&](const Column& c) { return c.name == name; });
    if (it == cols.end() && !informational_columns().count(name)) {
      return Error::malformed("unknown column '" + name + "'", name);
    }
    if (!seen.insert(name).second)
      return Error::malformed("column '" + name + "' appears twice", name);
    layout.push_back(it == cols.end() ? nullptr : &*it);
  }
  for (const auto& f : e.fields) {
    if (f.required && !seen.count(column_name(f)) && !*f.default_value) {
      return Error::malformed("the file has no '" + column_name(f) + "' column, which is required",
                              column_name(f));
    }
  }
  auto lookups = load_lookups(db, org, e);
  if (!lookups) return lookups.error();
  auto existing = all_records(db, org, kind, Archived::include);
  if (!existing) return existing.error();
  std::set<std::string> taken;
  for (const auto& r : *existing)
    taken.insert(unique_key(r));

  ImportReport report;
  report.rows = static_cast<int64_t>(rows->size()) - 1;
  std::vector<Record> prepared;
  for (size_t i = 1; i < rows->size(); ++i) {
    auto record = import_row(e, layout, (*rows)[i], *lookups);
    if (!record) {
      report.add_error({static_cast<int64_t>(i), record.error().field, record.error().message});
      continue;
    }
    if (!taken.insert(unique_key(*record)).second) {
      report.add_error(
          {static_cast<int64_t>(i), "name",
           std::string("another ") + e.singular + " is already called " + record->display_name()});
      continue;
    }
    prepared.push_back(std::move(*record));
  }
  if (dry_run || !report.errors.empty()) return report;

  int64_t failed_row = 0;
  auto created = db.write([&](store::Tx& tx) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> ids;
    for (size_t i = 0; i < prepared.size(); ++i) {
      if (i == kRowsBeforeAnalyze) {
        if (Status s = refresh_statistics(tx, e); !s) return s.error();
      }
      auto r = insert_prepared(tx, org, prepared[i], actor);
      if (!r) {
        failed_row = static_cast<int64_t>(i) + 1;
        return r.error();
      }
      ids.push_back(r->id);
    }
    return ids;
  });
  if (!created) {
    if (failed_row == 0) return created.error();
    report.add_error({failed_row, created.error().field, created.error().message});
    return report;
  }
  report.committed = true;
  report.created_ids = std::move(*created);
  return report;
}

}  // namespace aims::inventory
