#include "records/search.h"

#include <map>

#include "base/text.h"
#include "records/registry.h"

namespace aims::records::search {
namespace {

constexpr size_t kMaxWords = 12;
constexpr size_t kMaxWordBytes = 64;

// Letters and digits of any script (bytes of multi-byte UTF-8 sequences count as letters).
bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return std::isalnum(b) || b >= 0x80;
}

std::vector<std::string> words_of(std::string_view typed) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word.size() <= kMaxWordBytes && words.size() < kMaxWords) {
      words.push_back(to_lower_ascii(word));
    }
    word.clear();
  };
  for (char c : typed) {
    if (is_word_byte(c)) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string value_text(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  std::string out;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
    for (const auto& item : *l)
      out += item + " ";
  }
  return out;
}

}  // namespace

Result<std::string> match_expression(store::Dialect dialect, std::string_view typed) {
  if (!is_valid_utf8(typed)) return Error::invalid("q", "the search is not valid UTF-8");
  const auto words = words_of(typed);
  if (words.empty()) return Error::invalid("q", "type a word to search for");
  std::string expression;
  for (size_t i = 0; i < words.size(); ++i) {
    const bool prefix = i + 1 == words.size();
    if (dialect == store::Dialect::sqlite) {
      expression += (i == 0 ? "\"" : " \"") + words[i] + (prefix ? "\"*" : "\"");
    } else {
      expression += (i == 0 ? "" : " & ") + words[i] + (prefix ? ":*" : "");
    }
  }
  return expression;
}

std::string matching_ids_sql(store::Dialect dialect, const std::string& type_param,
                             const std::string& match_param) {
  if (dialect == store::Dialect::sqlite) {
    return "SELECT f.rowid >> 10 AS record_id FROM record_search_fts f WHERE record_search_fts"
           " MATCH " +
           match_param + " AND (f.rowid & 1023) = (SELECT code FROM record_search_types" +
           " WHERE record_type = " + type_param + ")";
  }
  return "SELECT s.record_id FROM record_search s WHERE s.org_id = $1 AND s.record_type = " +
         type_param + " AND s.document @@ to_tsquery('simple', " + match_param + ")";
}

namespace {

// SQLite's full-text rows a transaction writes, held back until it commits. SQLite asks FTS5 to
// write out what it holds at every statement savepoint taken after the table was touched, so
// rows written between a transaction's other statements became one tiny index segment each (an
// eighth of a 100,000-row import's CPU, and a fragmented index that slowed later searches).
class PendingFtsRows final : public store::Tx::Deferred {
 public:
  static constexpr std::string_view kKey = "record_search_fts";

  void put(int64_t key, std::string title, std::string body) {
    rows_.insert_or_assign(key, std::pair(std::move(title), std::move(body)));
  }
  Status flush(store::Tx& tx) override {
    for (const auto& [key, text] : rows_) {
      TRY(tx.exec("DELETE FROM record_search_fts WHERE rowid = $1", {key}));
      TRY(tx.exec("INSERT INTO record_search_fts (rowid, title, body) VALUES ($1, $2, $3)",
                  {key, text.first, text.second}));
    }
    return {};
  }

 private:
  std::map<int64_t, std::pair<std::string, std::string>> rows_;
};

PendingFtsRows& pending_fts_rows(store::Tx& tx) {
  if (auto* known = tx.deferred(PendingFtsRows::kKey)) return *static_cast<PendingFtsRows*>(known);
  auto pending = std::make_unique<PendingFtsRows>();
  PendingFtsRows& out = *pending;
  tx.defer(std::string(PendingFtsRows::kKey), std::move(pending));
  return out;
}

// SQLite's index row of the record: its key names the record (0015_search_keys.sqlite.sql), and
// nothing is written while the register has no code yet.
Result<std::optional<int64_t>> index_sqlite_row(store::Tx& tx, const Description& d, int64_t org,
                                                const Record& record, const std::string& title,
                                                const std::string& body) {
  TRY_ASSIGN(auto row,
             tx.query_row("INSERT INTO record_search (id, org_id, record_type, record_id, title,"
                          " body, archived) SELECT ($3 << 10) | code, $1, $2, $3, $4, $5, $6"
                          " FROM record_search_types WHERE record_type = $2"
                          " ON CONFLICT (org_id, record_type, record_id) DO UPDATE SET"
                          " title = excluded.title, body = excluded.body,"
                          " archived = excluded.archived RETURNING id",
                          {org, d.type, record.id, title, body, record.archived_at.has_value()}));
  if (!row) return std::optional<int64_t>();
  const int64_t key = row->int64(0);
  pending_fts_rows(tx).put(key, title, body);
  return std::optional<int64_t>(key);
}

Status index_sqlite(store::Tx& tx, const Description& d, int64_t org, const Record& record,
                    const std::string& title, const std::string& body) {
  TRY_ASSIGN(const auto key, index_sqlite_row(tx, d, org, record, title, body));
  if (key) return {};
  TRY(tx.exec("INSERT INTO record_search_types (record_type) VALUES ($1)", {d.type}));
  TRY_ASSIGN(const auto retried, index_sqlite_row(tx, d, org, record, title, body));
  if (!retried) return Error::internal(std::string("the search index has no code for ") + d.type);
  return {};
}

}  // namespace

Status index(store::Tx& tx, const Description& d, int64_t org, const Record& record) {
  std::string body;
  for (const auto& f : d.fields) {
    if (!f.searchable || f.key == std::string_view(d.title_field)) continue;
    auto it = record.values.find(f.key);
    if (it != record.values.end()) body += value_text(it->second) + "\n";
  }
  const std::string title = d.display_name(record);
  if (tx.dialect() == store::Dialect::sqlite) return index_sqlite(tx, d, org, record, title, body);
  // PostgreSQL's index follows the row (a generated tsvector).
  TRY(
      tx.exec("INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)"
              " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, record_type, record_id)"
              " DO UPDATE SET title = excluded.title, body = excluded.body,"
              " archived = excluded.archived",
              {org, d.type, record.id, title, body, record.archived_at.has_value()}));
  return {};
}

Result<std::vector<Hit>> everywhere(store::Database& db, int64_t org, std::string_view typed,
                                    int limit) {
  const std::string sqlite_sql =
      "SELECT s.record_type, s.record_id, s.title, s.archived FROM record_search_fts f"
      " JOIN record_search s ON s.id = f.rowid WHERE record_search_fts MATCH $2"
      " AND s.org_id = $1 ORDER BY s.archived, bm25(record_search_fts) LIMIT $3";
  const std::string postgres_sql =
      "SELECT record_type, record_id, title, archived FROM record_search WHERE org_id = $1"
      " AND document @@ to_tsquery('simple', $2)"
      " ORDER BY archived, ts_rank(document, to_tsquery('simple', $2)) DESC LIMIT $3";
  return db.read([&](store::Tx& tx) -> Result<std::vector<Hit>> {
    TRY_ASSIGN(const std::string match, match_expression(tx.dialect(), typed));
    TRY_ASSIGN(auto rows,
               tx.query(tx.dialect() == store::Dialect::sqlite ? sqlite_sql : postgres_sql,
                        {org, match, static_cast<int64_t>(limit)}));
    std::vector<Hit> hits;
    for (auto& row : rows) {
      store::RowReader r(row);
      const Description* d = find(r.text());
      if (!d) continue;  // a register this program no longer has
      hits.push_back({d, r.int64(), r.text(), r.boolean()});
    }
    return hits;
  });
}

}  // namespace aims::records::search
