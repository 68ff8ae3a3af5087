#include "records/exchange.h"

#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "auth/auth.h"
#include "base/csv.h"
#include "base/text.h"
#include "records/import_writer.h"
#include "records/rules.h"
#include "report/xlsx.h"

namespace aims::records {
namespace {

// Names and emails <-> ids of the people and records a register refers to, both directions.
struct Lookups {
  std::map<int64_t, std::string> user_email;
  std::map<std::string, int64_t> active_user;                    // email -> id
  std::map<std::string, std::map<int64_t, std::string>> name;    // target type -> id -> name
  std::map<std::string, std::map<std::string, int64_t>> active;  // target -> lower name -> id
};

Result<Lookups> load_lookups(store::Database& db, const Description& d, int64_t org) {
  Lookups l;
  TRY_ASSIGN(auto users, auth::list_users(db, org));
  for (const auto& u : users) {
    l.user_email[u.id] = u.email;
    if (u.status == "active") l.active_user[u.email] = u.id;
  }
  for (const auto& f : d.fields) {
    if (f.type != FieldType::record_ref || l.name.count(f.target)) continue;
    const auto target = reference_target(f.target);
    if (!target) {
      // A register of a module this program was built without (a test that defines only some
      // modules): no record of it can be named, as the pages treat it.
      l.name[f.target];
      l.active[f.target];
      continue;
    }
    TRY_ASSIGN(auto every, all_names(db, *target, org));
    auto& names = l.name[f.target];
    auto& active = l.active[f.target];
    for (const auto& n : every) {
      names[n.id] = n.name;
      if (!n.archived) active[to_lower_ascii(n.name)] = n.id;
    }
  }
  return l;
}

std::string name_of(const std::map<int64_t, std::string>& names, int64_t id) {
  auto it = names.find(id);
  return it == names.end() ? std::to_string(id) : it->second;
}

std::string export_cell(const Field& f, const Record& r, const Lookups& l) {
  if (f.type == FieldType::user_ref) {
    const auto id = r.number(f.key);
    return id && l.user_email.count(*id) ? l.user_email.at(*id) : "";
  }
  if (f.type == FieldType::record_ref) {
    std::string names;
    for (int64_t id : r.ids(f.key)) {
      names += (names.empty() ? "" : "; ") + name_of(l.name.at(f.target), id);
    }
    return names;
  }
  auto it = r.values.find(f.key);
  return it == r.values.end() ? "" : rules::to_text(it->second, "; ");
}

const std::set<std::string>& informational_columns() {
  static const std::set<std::string> names = {"id",         "archived_at", "created_at",
                                              "updated_at", "version",     "state"};
  return names;
}

// The value of one cell for field `f`; references are resolved by name, people by email.
Result<FieldValue> import_cell(const Field& f, const std::string& cell, const Lookups& l) {
  const std::string text(trim(cell));
  if (f.type == FieldType::user_ref) {
    if (text.empty()) return FieldValue();
    auto it = l.active_user.find(to_lower_ascii(text));
    if (it == l.active_user.end())
      return Error::invalid(f.key, "no active user with email " + text);
    return FieldValue(it->second);
  }
  if (f.type == FieldType::record_ref) {
    const auto target = reference_target(f.target);
    Ids ids;
    for (auto part : split(text, ';')) {
      const std::string name = to_lower_ascii(trim(part));
      if (name.empty()) continue;
      auto it = l.active.at(f.target).find(name);
      if (it == l.active.at(f.target).end()) {
        return Error::invalid(f.key, "no " + (target ? target->singular : std::string(f.target)) +
                                         " named '" + std::string(trim(part)) + "'");
      }
      ids.push_back(it->second);
    }
    if (f.many) return FieldValue(std::move(ids));
    if (ids.size() > 1) return Error::invalid(f.key, std::string(f.label) + " takes one name");
    return ids.empty() ? FieldValue() : FieldValue(ids.front());
  }
  return rules::parse_text(f, cell, ';');
}

// One data row to a prepared record, or every problem of the row (named by CSV column).
Result<Record> import_row(const Description& d, const std::vector<const Field*>& layout,
                          const std::vector<std::string>& cells, const Lookups& l) {
  Record r;
  Problems problems;
  for (size_t i = 0; i < layout.size(); ++i) {
    const Field* f = layout[i];
    if (!f) continue;
    auto value = import_cell(*f, csv::unescape_formula(i < cells.size() ? cells[i] : ""), l);
    if (!value) {
      problems.add(f->key, value.error().message);
    } else {
      r.values[f->key] = std::move(*value);
    }
  }
  TRY(problems.status());
  return prepare(d, r);
}

void add_row_errors(ImportReport& report, const Description& d, int64_t row, const Error& e) {
  auto column = [&](const std::string& key) {
    const Field* f = d.field(key);
    return f ? csv_column(*f) : key;
  };
  if (e.problems.empty()) {
    report.add_error({row, column(e.field), e.message});
    return;
  }
  for (const auto& p : e.problems)
    report.add_error({row, column(p.field), p.message});
}

Result<std::vector<const Field*>> read_layout(const Description& d,
                                              const std::vector<std::string>& header) {
  std::map<std::string, const Field*> by_column;
  for (const auto& f : d.fields) {
    if (!f.computed && !f.read_only) by_column[csv_column(f)] = &f;
  }
  std::set<std::string> shown_only;  // exported for reading, ignored on import
  for (const auto& f : d.fields) {
    if (f.computed || f.read_only) shown_only.insert(csv_column(f));
  }
  std::vector<const Field*> layout;
  std::set<std::string> seen;
  for (const auto& raw : header) {
    const std::string name(trim(raw));
    auto it = by_column.find(name);
    if (it == by_column.end() && !informational_columns().count(name) && !shown_only.count(name)) {
      return Error::malformed("unknown column '" + name + "'", name);
    }
    if (!seen.insert(name).second)
      return Error::malformed("column '" + name + "' appears twice", name);
    layout.push_back(it == by_column.end() ? nullptr : it->second);
  }
  for (const auto& f : d.fields) {
    if (f.required && !f.computed && !f.read_only && !*f.default_value &&
        !seen.count(csv_column(f))) {
      return Error::malformed("the file has no '" + csv_column(f) + "' column, which is required",
                              csv_column(f));
    }
  }
  return layout;
}

}  // namespace

std::string csv_column(const Field& f) {
  if (f.csv_key) return f.csv_key;
  const std::string key = f.key;
  if (f.type == FieldType::user_ref && key.ends_with("_id")) {
    return key.substr(0, key.size() - 3) + "_email";
  }
  return key;
}

void ImportReport::add_error(RowError error) {
  ++error_count;
  if (errors.size() < kMaxReportedRowErrors) errors.push_back(std::move(error));
}

Result<Table> export_table(store::Database& db, const Description& d, int64_t org, Query query) {
  TRY_ASSIGN(const Lookups lookups, load_lookups(db, d, org));
  TRY_ASSIGN(const auto records, list_all(db, d, org, std::move(query)));
  Table t;
  t.header.push_back("id");
  for (const auto& f : d.fields)
    t.header.push_back(csv_column(f));
  if (d.workflow) t.header.push_back("state");
  t.header.push_back("archived_at");
  for (const auto& r : records) {
    std::vector<std::string> cells = {std::to_string(r.id)};
    for (const auto& f : d.fields)
      cells.push_back(export_cell(f, r, lookups));
    if (d.workflow) cells.push_back(r.state);
    cells.push_back(r.archived_at.value_or(""));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

Result<std::string> export_csv(store::Database& db, const Description& d, int64_t org,
                               const Query& query) {
  TRY_ASSIGN(const Table table, export_table(db, d, org, query));
  std::string out(csv::kByteOrderMark);  // lets spreadsheets read the file as UTF-8
  out += csv::row(table.header);
  for (const auto& r : table.rows)
    out += csv::row(r);
  return out;
}

Result<std::string> export_xlsx(store::Database& db, const Description& d, int64_t org,
                                const Query& query) {
  TRY_ASSIGN(const Table table, export_table(db, d, org, query));
  return report::xlsx({{d.plural, table.header, table.rows}});
}

Result<ImportReport> import_csv(store::Database& db, const Description& d, int64_t org,
                                std::string_view text, bool dry_run, const Caller& caller) {
  if (!is_valid_utf8(text)) return Error::malformed("the file is not UTF-8 text");
  TRY_ASSIGN(auto rows, csv::parse(text));
  if (rows.empty()) return Error::malformed("the file is empty: it needs a header row");
  TRY_ASSIGN(const auto layout, read_layout(d, rows.front()));
  TRY_ASSIGN(const Lookups lookups, load_lookups(db, d, org));
  std::unordered_set<std::string> titles;
  if (d.unique_title) {
    TRY_ASSIGN(auto existing, all_names(db, d, org));
    for (const auto& n : existing)
      titles.insert(to_lower_ascii(trim(n.name)));
  }
  ImportReport report;
  report.rows = static_cast<int64_t>(rows.size()) - 1;
  // Rows are created while later ones are still being checked; the first problem found rolls
  // the transaction back, and the rest of the file is still checked for the report.
  std::optional<ImportWriter> writer;
  if (!dry_run) writer.emplace(db, d, org, caller);
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto row = static_cast<int64_t>(i);
    auto record = import_row(d, layout, rows[i], lookups);
    std::vector<std::string>().swap(rows[i]);  // its cells are no longer needed: free them now
    std::optional<RowError> taken_title;
    if (record && d.unique_title &&
        !titles.insert(to_lower_ascii(trim(d.display_name(*record)))).second) {
      taken_title = RowError{
          row, d.title_field,
          std::string("another ") + d.singular + " is already called " + d.display_name(*record)};
    }
    if (!record || taken_title) {
      if (!record) add_row_errors(report, d, row, record.error());
      if (taken_title) report.add_error(std::move(*taken_title));
      if (writer) writer->abandon();
      continue;
    }
    if (writer && report.error_count == 0) writer->add(row, std::move(*record));
  }
  if (!writer) return report;
  auto outcome = writer->finish();
  if (report.error_count > 0) return report;
  if (!outcome.status) {
    if (outcome.failed_row == 0) return outcome.status.error();
    add_row_errors(report, d, outcome.failed_row, outcome.status.error());
    return report;
  }
  report.committed = true;
  report.created_ids = std::move(outcome.created_ids);
  return report;
}

}  // namespace aims::records
