#include "records/search.h"

#include <map>
#include <optional>

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

  // `fresh`: the record was created in this transaction, so the index has no row to replace.
  void put(int64_t key, const Text& text, bool fresh) {
    // Whether the index held the row before this transaction: what its first write here said.
    if (auto it = rows_.find(key); it != rows_.end()) fresh = it->second.fresh;
    rows_.insert_or_assign(key, Row{text, fresh});
  }
  // The register's code in record_search_types, as this transaction has read or assigned it.
  std::optional<int64_t> code(const std::string& type) const {
    auto it = codes_.find(type);
    return it == codes_.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }
  void remember_code(const std::string& type, int64_t code) { codes_[type] = code; }

  Status flush(store::Tx& tx) override {
    for (const auto& [key, row] : rows_) {
      if (!row.fresh) TRY(tx.exec("DELETE FROM record_search_fts WHERE rowid = $1", {key}));
      TRY(tx.exec("INSERT INTO record_search_fts (rowid, title, body) VALUES ($1, $2, $3)",
                  {key, row.text.title, row.text.body}));
    }
    return {};
  }

 private:
  struct Row {
    Text text;
    bool fresh = false;
  };
  std::map<int64_t, Row> rows_;
  std::map<std::string, int64_t> codes_;
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
Result<std::optional<int64_t>> index_sqlite_row(store::Tx& tx, const std::string& type, int64_t org,
                                                int64_t record_id, bool archived,
                                                const Text& text) {
  TRY_ASSIGN(auto row,
             tx.query_row("INSERT INTO record_search (id, org_id, record_type, record_id, title,"
                          " body, archived) SELECT ($3 << 10) | code, $1, $2, $3, $4, $5, $6"
                          " FROM record_search_types WHERE record_type = $2"
                          " ON CONFLICT (org_id, record_type, record_id) DO UPDATE SET"
                          " title = excluded.title, body = excluded.body,"
                          " archived = excluded.archived RETURNING id",
                          {org, type, record_id, text.title, text.body, archived}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->int64(0));
}

Status index_sqlite(store::Tx& tx, const std::string& type, int64_t org, int64_t record_id,
                    bool archived, const Text& text) {
  TRY_ASSIGN(auto key, index_sqlite_row(tx, type, org, record_id, archived, text));
  if (!key) {
    TRY(tx.exec("INSERT INTO record_search_types (record_type) VALUES ($1)", {type}));
    TRY_ASSIGN(key, index_sqlite_row(tx, type, org, record_id, archived, text));
    if (!key) return Error::internal(std::string("the search index has no code for ") + type);
  }
  pending_fts_rows(tx).put(*key, text, false);
  return {};
}

// A record created in this transaction has no index row to update: a plain insert under the key
// worked out here (an import's hundred thousand rows spent a fifth of their time in the upsert).
Status index_sqlite_new(store::Tx& tx, const std::string& type, int64_t org, int64_t record_id,
                        const Text& text) {
  PendingFtsRows& pending = pending_fts_rows(tx);
  std::optional<int64_t> code = pending.code(type);
  if (!code) {
    TRY_ASSIGN(const auto row, tx.query_row("SELECT code FROM record_search_types"
                                            " WHERE record_type = $1",
                                            {type}));
    if (!row) return index_sqlite(tx, type, org, record_id, false, text);  // assigns the code
    code = row->int64(0);
    pending.remember_code(type, *code);
  }
  const int64_t key = (record_id << 10) | *code;
  TRY(
      tx.exec("INSERT INTO record_search (id, org_id, record_type, record_id, title, body,"
              " archived) VALUES ($1, $2, $3, $4, $5, $6, 0)",
              {key, org, type, record_id, text.title, text.body}));
  pending.put(key, text, true);
  return {};
}

Status index_row(store::Tx& tx, const std::string& type, int64_t org, int64_t record_id,
                 bool archived, const Text& text, bool fresh) {
  if (tx.dialect() == store::Dialect::sqlite) {
    return fresh ? index_sqlite_new(tx, type, org, record_id, text)
                 : index_sqlite(tx, type, org, record_id, archived, text);
  }
  // PostgreSQL's index follows the row (a generated tsvector).
  TRY(
      tx.exec("INSERT INTO record_search (org_id, record_type, record_id, title, body, archived)"
              " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, record_type, record_id)"
              " DO UPDATE SET title = excluded.title, body = excluded.body,"
              " archived = excluded.archived",
              {org, type, record_id, text.title, text.body, archived}));
  return {};
}

}  // namespace

Text text_of(const Description& d, const Record& record) {
  Text text;
  for (const auto& f : d.fields) {
    if (!f.searchable || f.key == std::string_view(d.title_field)) continue;
    auto it = record.values.find(f.key);
    if (it != record.values.end()) text.body += value_text(it->second) + "\n";
  }
  text.title = d.display_name(record);
  return text;
}

Status index(store::Tx& tx, const Description& d, int64_t org, const Record& record) {
  return index_row(tx, d.type, org, record.id, record.archived_at.has_value(), text_of(d, record),
                   false);
}

Status index_new(store::Tx& tx, const Description& d, int64_t org, int64_t record_id,
                 const Text& text) {
  return index_row(tx, d.type, org, record_id, false, text, true);
}

Status index_copied(store::Tx& tx, const std::string& type, int64_t org, int64_t record_id,
                    bool archived, const Text& text) {
  return index_row(tx, type, org, record_id, archived, text, false);
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
