// The records platform's SQL (private to records/). Statements are built once per register from
// the constant names in its description; every value, search text included, is a parameter.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "records/description.h"
#include "records/records.h"

namespace aims::records::sql {

using store::Tx;

// The record with its references, or nullopt.
Result<std::optional<Record>> get(Tx& tx, const Description& d, int64_t org, int64_t id);
// The records of `ids` that exist (archived ones included) with their references, by id, in one
// statement (as `get` reads one).
Result<std::vector<Record>> get_many(Tx& tx, const Description& d, int64_t org, const Ids& ids);
// Inserts the row (not the references) and returns its id.
Result<int64_t> insert(Tx& tx, const Description& d, int64_t org, const Record& r,
                       const std::string& now);
// `r` as `get` reads it back once written: each value through the column it is stored in.
Record as_stored(const Description& d, const Record& r);
// Writes every column when `expected_version` is current; returns the rows changed (0: stale).
Result<int64_t> update(Tx& tx, const Description& d, int64_t org, const Record& r,
                       int64_t expected_version, const std::string& now);
Result<int64_t> set_archived(Tx& tx, const Description& d, int64_t org, int64_t id,
                             const std::optional<std::string>& at, const std::string& now);

// Replaces the references of field `key` of a record.
Status replace_references(Tx& tx, const Description& d, int64_t org, int64_t id, const Field& field,
                          const Ids& ids);
// Of `ids`, those that are active (not archived) records of `target` in the organisation.
Result<Ids> active_ids(Tx& tx, const Description& target, int64_t org, const Ids& ids);
// The records of `from` whose reference field `field` points at the record `to_type`/`to_id`
// (archived ones included) with their references, by id, in one statement.
Result<std::vector<Record>> referring(Tx& tx, const Description& from, const Field& field,
                                      int64_t org, const std::string& to_type, int64_t to_id);

// Another record of the register (not `except_id`) has this title key.
Result<bool> title_taken(Tx& tx, const Description& d, int64_t org, const std::string& title_key,
                         int64_t except_id);
// Every title key the register holds in the organisation, archived records' included.
Result<std::unordered_set<std::string>> title_keys(Tx& tx, const Description& d, int64_t org);

Result<Page> list(Tx& tx, const Description& d, int64_t org, const Query& query);
// The display names of the given records (archived ones included and marked), for showing
// references: get_many's one statement.
Result<std::vector<Named>> names(Tx& tx, const Description& d, int64_t org, const Ids& ids);
// Every record's id and display name (archived included), for pickers and CSV import.
Result<std::vector<Named>> all_names(Tx& tx, const Description& d, int64_t org);

// Active records with a due field on or before `until` (YYYY-MM-DD), outside the states in
// `done`. With `person`, only those the person answers for: a responsible field names them, or
// none is set and they wrote the record.
Result<std::vector<Record>> due_by(Tx& tx, const Description& d, int64_t org,
                                   const std::string& until, const std::vector<std::string>& done,
                                   std::optional<int64_t> person);
// Active records in one of `states`, oldest in their state first.
Result<std::vector<Record>> in_states(Tx& tx, const Description& d, int64_t org,
                                      const std::vector<std::string>& states);

// The lower-cased, trimmed display name: what titles sort and clash by.
std::string title_key(const Description& d, const Record& r);

}  // namespace aims::records::sql
