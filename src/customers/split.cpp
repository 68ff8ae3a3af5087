// An AI system's split of duties: the default responsibilities of its role, and the matrix of
// duties by parties with the gaps it shows.
#include <algorithm>
#include <map>
#include <set>

#include "base/time.h"
#include "customers/customers.h"
#include "inventory/inventory.h"

namespace aims::customers {
namespace {

using records::Record;

records::Query of_system(int64_t system_id) {
  return {.filters = {{"system_id", std::to_string(system_id)}}};
}

// A responsibility counts for its duty once a party carries it and it is agreed, or it was found
// not to apply.
bool settles(const Record& r) {
  const std::string status = r.text("status");
  return status == "not_applicable" || (status == "agreed" && r.is_set("party"));
}

std::string gap_of(const std::vector<const Record*>& recorded) {
  if (recorded.empty()) return "nobody carries it";
  for (const Record* r : recorded)
    if (settles(*r)) return "";
  for (const Record* r : recorded)
    if (r->is_set("party")) return "not yet agreed";
  return "no party chosen";
}

// The row's key: the catalog duty, or the words of another duty.
std::string row_key(const Record& r) {
  return r.text("duty") == "other" ? "other:" + r.text("duty_text") : r.text("duty");
}

size_t column_of(const std::vector<Party>& parties, const Record& r) {
  const std::string kind = r.text("party");
  const int64_t id = kind == "supplier"   ? r.number("supplier_id").value_or(0)
                     : kind == "customer" ? r.number("customer_id").value_or(0)
                                          : 0;
  for (size_t i = 0; i < parties.size(); ++i)
    if (parties[i].kind == kind && parties[i].id == id) return i;
  return 0;
}

Result<std::vector<Party>> parties_of(store::Database& db, int64_t org,
                                      const std::vector<Record>& recorded) {
  TRY_ASSIGN(const auto names, records::referenced_names(db, responsibilities(), org, recorded,
                                                         {"supplier_id", "customer_id"}));
  std::vector<Party> parties = {{"organisation", 0, "Our organisation"}};
  for (const auto& [type, key] :
       {std::pair{"supplier", "supplier_id"}, std::pair{"customer", "customer_id"}}) {
    std::vector<Party> found;
    std::set<int64_t> seen;
    for (const auto& r : recorded) {
      const auto id = r.number(key);
      if (r.text("party") != type || !id || !seen.insert(*id).second) continue;
      const auto& of_type =
          names.count(type) ? names.at(type) : std::map<int64_t, records::Named>{};
      const auto named = of_type.find(*id);
      found.push_back({type, *id, named == of_type.end() ? "" : named->second.name});
    }
    std::sort(found.begin(), found.end(),
              [](const Party& a, const Party& b) { return a.name < b.name; });
    parties.insert(parties.end(), found.begin(), found.end());
  }
  return parties;
}

}  // namespace

Result<int64_t> add_default_responsibilities(store::Database& db, int64_t org, int64_t system_id,
                                             const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<int64_t> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), system_id));
    if (!system) return Error::not_found("no such AI system");
    TRY_ASSIGN(const auto recorded,
               records::list_all_in(tx, responsibilities(), org, of_system(system_id)));
    std::set<std::string> listed;
    for (const auto& r : recorded)
      listed.insert(r.text("duty"));
    int64_t added = 0;
    for (const auto& duty : duties_for(system->text("org_role"), system->text("eu_ai_act_class"))) {
      if (listed.count(duty.key)) continue;
      Record input;
      input.values = {{"system_id", system_id}, {"duty", std::string(duty.key)}};
      TRY(records::create_in(ctx, responsibilities(), input));
      ++added;
    }
    return added;
  });
}

Result<Matrix> matrix(store::Database& db, int64_t org, int64_t system_id) {
  TRY_ASSIGN(const Record system, records::get(db, inventory::ai_systems(), org, system_id));
  TRY_ASSIGN(const auto recorded,
             records::list_all(db, responsibilities(), org, of_system(system_id)));
  Matrix m{system_id, system.text("name"),
           inventory::ai_systems().choice_label("org_role", system.text("org_role"))};
  TRY_ASSIGN(m.parties, parties_of(db, org, recorded));
  std::map<std::string, std::vector<const Record*>> by_duty;
  for (const auto& r : recorded)
    by_duty[row_key(r)].push_back(&r);
  auto add_row = [&](const std::string& key, std::string label, bool of_role) {
    MatrixRow row{key, std::move(label), of_role, std::vector<std::vector<Cell>>(m.parties.size())};
    const auto& listed = by_duty[key];
    for (const Record* r : listed) {
      const Cell cell{r->id, r->text("status")};
      if (r->is_set("party"))
        row.cells[column_of(m.parties, *r)].push_back(cell);
      else
        row.unallocated.push_back(cell);
    }
    if (of_role) row.gap = gap_of(listed);
    if (!row.gap.empty()) ++m.gaps;
    m.rows.push_back(std::move(row));
  };
  std::set<std::string> shown;
  for (const auto& d : duties_for(system.text("org_role"), system.text("eu_ai_act_class"))) {
    add_row(d.key, std::string(d.article) + " " + d.title, true);
    shown.insert(d.key);
  }
  // Duties beyond the role (a customer's as deployer) in the catalog's order, then others.
  for (const auto& d : all_duties())
    if (by_duty.count(d.key) && shown.insert(d.key).second)
      add_row(d.key, std::string(d.article) + " " + d.title, false);
  for (const auto& r : recorded)
    if (shown.insert(row_key(r)).second) add_row(row_key(r), r.text("title"), false);
  return m;
}

}  // namespace aims::customers
