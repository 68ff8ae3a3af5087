// Full-text search over every register: each record's title and searchable fields are indexed
// as it is written (SQLite FTS5, PostgreSQL tsvector with a GIN index), so one search box finds
// any record and each list's search stays fast at hundreds of thousands of records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "records/description.h"
#include "store/database.h"

namespace aims::records::search {

// The engine's query for what a person typed: every word must be a word of the record, the last
// one as the start of a word, as typing goes (so "mortgage affordab" finds "mortgage
// affordability"). A prefix costs the index a merge of every word it starts, which for a common
// one ("unit*" among 100,000 records: 12 ms) is most of a search: only the last word pays it.
// At most 12 words; punctuation separates words.
// Errors: invalid_argument on "q" when nothing searchable is left.
Result<std::string> match_expression(store::Dialect dialect, std::string_view typed);

// A subquery selecting (as record_id) the ids of records of type `type_param` that match
// `match_param` (parameters named "$k" by the caller). On SQLite it keeps to no organisation (ids
// are unique per register): the caller's query of the register's table keeps to organisation $1.
std::string matching_ids_sql(store::Dialect dialect, const std::string& type_param,
                             const std::string& match_param);

// Indexes (or re-indexes) the record, inside the transaction that writes it.
Status index(store::Tx& tx, const Description& d, int64_t org, const Record& record);

// What the index holds of a record: its display name and its other searchable fields.
struct Text {
  std::string title;
  std::string body;
};
Text text_of(const Description& d, const Record& record);
// Indexes a record that has just been created, its text worked out beforehand (an import works
// it out on another thread).
Status index_new(store::Tx& tx, const Description& d, int64_t org, int64_t record_id,
                 const Text& text);

// Indexes a record of the register `type` as another database's index held it (aims db copy:
// each engine keys its index its own way, so the index is written anew rather than copied).
Status index_copied(store::Tx& tx, const std::string& type, int64_t org, int64_t record_id,
                    bool archived, const Text& text);

struct Hit {
  const Description* register_ = nullptr;
  int64_t id = 0;
  std::string title;
  bool archived = false;
};

// The best matches across every register, best first. Errors: invalid_argument on "q".
Result<std::vector<Hit>> everywhere(store::Database& db, int64_t org, std::string_view typed,
                                    int limit);

}  // namespace aims::records::search
