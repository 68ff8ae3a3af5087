// What the inventory pages show, as template views (private to inventory/): records as label
// and text, forms with their current values and errors, lists with filters and sort links.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "inventory/inventory.h"

namespace aims::inventory {

// Names of the people and records a page refers to.
struct Names {
  std::map<int64_t, std::string> users;                       // every user: id -> name
  std::vector<std::pair<int64_t, std::string>> active_users;  // for owner / steward choices
  std::map<Kind, std::vector<std::pair<int64_t, std::string>>> records;  // id -> display name
  std::map<Kind, std::set<int64_t>> archived;
};

Result<Names> load_names(const http::Context& ctx, const Entity& entity);

nlohmann::json entity_view(const Entity& entity);
// The text a person reads for one value: choice labels, Yes/No, names instead of ids.
nlohmann::json value_view(const Field& field, const Record& record, const Names& names);
nlohmann::json list_view(const http::Context& ctx, const Entity& entity, const ListQuery& query,
                         const ListPage& page, const Names& names);
nlohmann::json detail_view(const Record& record, const Names& names);
// `errors` maps field keys to messages.
nlohmann::json form_view(const Entity& entity, const Record& record, const Names& names,
                         const std::map<std::string, std::string>& errors);

// A record from a submitted form: every field of the register is on the form, so an absent
// checkbox means "no".
Result<Record> record_from_form(const http::Context& ctx, const Entity& entity);

}  // namespace aims::inventory
