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

// The engine's query for what a person typed: every word must match the start of a word of the
// record (so "affordab" finds "affordability"). At most 12 words; punctuation separates words.
// Errors: invalid_argument on "q" when nothing searchable is left.
Result<std::string> match_expression(store::Dialect dialect, std::string_view typed);

// A subquery selecting the ids of records of type `type_param` in organisation $1 that match
// `match_param` (parameters named "$k" by the caller).
std::string matching_ids_sql(store::Dialect dialect, const std::string& type_param,
                             const std::string& match_param);

// Indexes (or re-indexes) the record, inside the transaction that writes it.
Status index(store::Tx& tx, const Description& d, int64_t org, const Record& record);

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
