// What monitoring proves for readiness: Annex A.6.2.6 is met when every AI system in scope that is
// in operation has an active monitor whose latest run is within its interval; A.6.2.8 from the
// logging requirements (logging_readiness.cpp).
#include <mutex>

#include "base/time.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "readiness/readiness.h"
#include "records/records.h"

namespace aims::monitoring {
namespace {

using readiness::Finding;
using readiness::Status;

Result<Finding> operation_monitoring_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems,
             records::list_all(
                 db, inventory::ai_systems(), org,
                 {.filters = {{"in_scope", "true"}, {"lifecycle_stage", "operation_monitoring"}}}));
  TRY_ASSIGN(const auto monitors, list_monitors(db, org, std::nullopt));
  const int64_t now = now_micros();
  Finding f;
  size_t watched = 0;
  for (const auto& s : systems) {
    bool ok = false;
    for (const auto& m : monitors) {
      if (m.system_id != s.id || m.archived_at) continue;
      TRY_ASSIGN(const RunEvidence e, run_evidence(db, org, m, now));
      ok = e.current;
      if (ok) break;
    }
    if (ok)
      ++watched;
    else
      f.links.push_back({s.text("name"), "/inventory/systems/" + std::to_string(s.id)});
  }
  if (systems.empty()) {
    f.status = Status::met;
    f.reason = "No AI system in scope is in operation, so none needs monitoring yet.";
    return f;
  }
  const size_t total = systems.size();
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (total == 1 ? std::string("The one AI system in operation has")
                           : "All " + std::to_string(total) + " AI systems in operation have") +
               " an active monitor with a run within its interval.";
    return f;
  }
  f.status = watched == 0 ? Status::not_met : Status::partial;
  f.reason = std::to_string(f.links.size()) + " of " + std::to_string(total) +
             (total == 1 ? " AI system in operation has" : " AI systems in operation have") +
             " no active monitor with a run within its interval (a month for monitors run by "
             "upload, the schedule for scheduled ones).";
  f.fix = {"Add a monitor", "/monitoring/monitors/new"};
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({"iso-iec-42001-2023",
                         "A.6.2.6",
                         {"AI system inventory: systems in operation", "monitors and their runs"},
                         operation_monitoring_rule});
    readiness::add_rule(
        {"iso-iec-42001-2023",
         "A.6.2.8",
         {"logging requirements per AI system in operation", "monitors' latest logs"},
         [](store::Database& db, int64_t org) { return logging_finding(db, org, now_micros()); }});
  });
}

}  // namespace aims::monitoring
