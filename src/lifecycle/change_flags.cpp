// Models linked to a system in service without an approved change, and the latest significant
// change a validation must come after. The links are noted by an observer of AI system writes, in
// the write's transaction, with their audit event.
#include <algorithm>
#include <mutex>
#include <set>

#include "inventory/inventory.h"
#include "lifecycle/changes.h"
#include "lifecycle/lifecycle.h"
#include "trail/trail.h"

namespace aims::lifecycle {
namespace {

using nlohmann::json;
using records::Record;

bool in_service(const Record& system) {
  const std::string stage = system.text("lifecycle_stage");
  return stage == "deployment" || stage == "operation_monitoring";
}

bool approved_or_done(const Record& change) {
  return change.state == "approved" || change.state == "implemented";
}

// A system created with its models (an inventory imported as it is) links nothing new.
Status note_model_links(const records::WriteContext& ctx, const Record& after,
                        const Record* before) {
  if (!before || !in_service(after)) return {};
  const records::Ids was = before->ids("model_ids");
  for (int64_t model : after.ids("model_ids")) {
    if (std::find(was.begin(), was.end(), model) != was.end()) continue;
    const std::string stage = after.text("lifecycle_stage");
    TRY_ASSIGN(const int64_t id,
               ctx.tx.insert("INSERT INTO model_links_in_service (org_id, system_id, model_id, "
                             "stage, linked_at, linked_by) VALUES ($1, $2, $3, $4, $5, $6) "
                             "RETURNING id",
                             {ctx.org, after.id, model, stage, ctx.now, ctx.caller.user_id}));
    TRY(trail::record(ctx.tx, ctx.org, ctx.caller.actor,
                      {.entity_type = "model_link_in_service",
                       .entity_id = id,
                       .action = "create",
                       .after = {{"system_id", std::to_string(after.id)},
                                 {"model_id", std::to_string(model)},
                                 {"stage", json(stage).dump()}}}));
  }
  return {};
}

struct Link {
  int64_t system_id = 0;
  int64_t model_id = 0;
  std::string linked_at;
  std::string linked_by;
};

// The first time each model was linked to each system in service.
Result<std::vector<Link>> links_of(store::Database& db, int64_t org,
                                   std::optional<int64_t> system) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Link>> {
    std::string sql =
        "SELECT l.system_id, l.model_id, l.linked_at, COALESCE(u.name, '') FROM "
        "model_links_in_service l LEFT JOIN users u ON u.id = l.linked_by WHERE l.org_id = $1 ";
    store::Params params{org};
    if (system) {
      sql += "AND l.system_id = $2 ";
      params.push_back(*system);
    }
    TRY_ASSIGN(auto rows, tx.query(sql + "ORDER BY l.id", params));
    std::vector<Link> out;
    std::set<std::pair<int64_t, int64_t>> seen;
    for (auto& row : rows) {
      store::RowReader r(row);
      Link l{r.int64(), r.int64(), r.text(), r.text()};
      if (seen.insert({l.system_id, l.model_id}).second) out.push_back(std::move(l));
    }
    return out;
  });
}

Result<bool> covered(store::Database& db, int64_t org, int64_t system, int64_t model) {
  TRY_ASSIGN(const auto changes,
             records::list_all(db, change_requests(), org,
                               {.filters = {{"ai_system_id", std::to_string(system)},
                                            {"model_id", std::to_string(model)},
                                            {"kind", "new_model_version"}}}));
  return std::any_of(changes.begin(), changes.end(), approved_or_done);
}

}  // namespace

void watch_model_links() {
  static std::once_flag once;
  std::call_once(once, [] { records::observe("ai_system", note_model_links); });
}

Result<std::optional<Record>> latest_significant_change(store::Database& db, int64_t org,
                                                        int64_t system_id) {
  TRY_ASSIGN(const auto changes,
             records::list_all(db, change_requests(), org,
                               {.filters = {{"ai_system_id", std::to_string(system_id)},
                                            {"significance", "significant"}}}));
  std::optional<Record> latest;
  for (const auto& c : changes)
    if (approved_or_done(c) && (!latest || c.text("approved_at") > latest->text("approved_at")))
      latest = c;
  return latest;
}

Result<std::vector<UnapprovedModel>> unapproved_models(store::Database& db, int64_t org,
                                                       std::optional<int64_t> system) {
  TRY_ASSIGN(const auto links, links_of(db, org, system));
  std::vector<UnapprovedModel> out;
  for (const auto& l : links) {
    TRY_ASSIGN(const Record s, records::get(db, inventory::ai_systems(), org, l.system_id));
    const auto models = s.ids("model_ids");
    if (s.archived_at || !in_service(s) ||
        std::find(models.begin(), models.end(), l.model_id) == models.end())
      continue;
    TRY_ASSIGN(const bool approved, covered(db, org, l.system_id, l.model_id));
    if (approved) continue;
    TRY_ASSIGN(const Record m, records::get(db, inventory::models(), org, l.model_id));
    out.push_back({s.id, inventory::ai_systems().display_name(s), s.number("owner_id"), m.id,
                   inventory::models().display_name(m), l.linked_at, l.linked_by});
  }
  return out;
}

json to_json(const UnapprovedModel& f) {
  return {{"system_id", f.system_id}, {"system", f.system},       {"model_id", f.model_id},
          {"model", f.model},         {"linked_at", f.linked_at}, {"linked_by", f.linked_by}};
}

}  // namespace aims::lifecycle
