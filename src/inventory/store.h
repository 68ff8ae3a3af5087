// The inventory's SQL (private to inventory/). Statements are assembled once per register from
// the constant column names in schema.cpp; every value, including search text, is a parameter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "inventory/inventory.h"

namespace aims::inventory::sql {

using store::Tx;

Result<std::optional<Record>> get(Tx& tx, const Entity& entity, int64_t org, int64_t id);
Result<int64_t> insert(Tx& tx, const Entity& entity, int64_t org, const Record& record,
                       const std::string& now);
// Writes every field when `expected_version` is current; returns the rows changed (0 = stale).
Result<int64_t> update(Tx& tx, const Entity& entity, int64_t org, const Record& record,
                       int64_t expected_version, const std::string& now);
Status replace_links(Tx& tx, const Link& link, int64_t org, int64_t owner,
                     const std::vector<int64_t>& ids);
Result<int64_t> set_archived(Tx& tx, const Entity& entity, int64_t org, int64_t id,
                             const std::optional<std::string>& at, const std::string& now);

// Another record of the register (not `except_id`) already has this name (and model version).
Result<bool> name_taken(Tx& tx, const Entity& entity, int64_t org, const Record& record,
                        int64_t except_id);
// Of `ids`, those that are records of `kind` in the organisation and not archived.
Result<std::vector<int64_t>> active_ids(Tx& tx, Kind kind, int64_t org,
                                        const std::vector<int64_t>& ids);

Result<ListPage> list(Tx& tx, const Entity& entity, int64_t org, const ListQuery& query);
Result<std::vector<std::pair<int64_t, std::string>>> names(Tx& tx, Kind kind, int64_t org);
Result<std::vector<int64_t>> systems_linking(Tx& tx, const Link& link, int64_t org, int64_t target);

Result<std::optional<std::pair<std::string, int64_t>>> scope_statement(Tx& tx, int64_t org);
Result<int64_t> save_scope_statement(Tx& tx, int64_t org, const std::string& statement,
                                     int64_t expected_version, const std::string& now);

}  // namespace aims::inventory::sql
