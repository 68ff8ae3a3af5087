// What logging requirements prove for readiness: Annex A.6.2.8 is met when every AI system in scope
// that is in operation has a logging requirement, those of high-risk systems we deploy keep their
// logs at least six months, and no requirement's logs have stopped arriving.
#include <map>

#include "inventory/inventory.h"
#include "monitoring/monitoring.h"

namespace aims::monitoring {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

}  // namespace

Result<Finding> logging_finding(store::Database& db, int64_t org, int64_t now_micros) {
  TRY_ASSIGN(const auto systems,
             records::list_all(
                 db, inventory::ai_systems(), org,
                 {.filters = {{"in_scope", "true"}, {"lifecycle_stage", "operation_monitoring"}}}));
  TRY_ASSIGN(const auto requirements, records::list_all(db, logging_requirements(), org));
  std::map<int64_t, std::vector<const Record*>> of_system;
  for (const auto& r : requirements)
    for (int64_t s : r.ids("system_id"))
      of_system[s].push_back(&r);
  Finding f;
  if (systems.empty()) {
    f.status = Status::met;
    f.reason = "No AI system in scope is in operation, so no event logs are due yet.";
    return f;
  }
  std::vector<std::string> problems;
  size_t unlogged = 0;
  for (const auto& s : systems) {
    const std::string name = inventory::ai_systems().display_name(s);
    const auto found = of_system.find(s.id);
    if (found == of_system.end()) {
      ++unlogged;
      problems.push_back(name + " has no logging requirement");
      f.links.push_back(link_to(inventory::ai_systems(), s));
      continue;
    }
    for (const Record* r : found->second) {
      if (needs_six_months(s) &&
          r->number("retention_months").value_or(0) < kHighRiskRetentionMonths) {
        problems.push_back(logging_requirements().display_name(*r) +
                           " keeps a high-risk system's logs under 6 months");
        f.links.push_back(link_to(logging_requirements(), *r));
      }
      TRY_ASSIGN(const LogCheck check, check_logs(db, org, *r, now_micros));
      if (check.stopped) {
        problems.push_back(logging_requirements().display_name(*r) + ": logs stopped arriving");
        f.links.push_back(link_to(logging_requirements(), *r));
      }
    }
  }
  if (problems.empty()) {
    f.status = Status::met;
    f.reason = "Each of the " +
               readiness::counted(int64_t(systems.size()), "AI system", "AI systems") +
               " in operation has a logging requirement, kept long enough, with logs arriving.";
    return f;
  }
  f.status = unlogged == systems.size() ? Status::not_met : Status::partial;
  f.reason.clear();
  for (const auto& p : problems)
    f.reason += (f.reason.empty() ? "" : "; ") + p;
  f.reason += ".";
  f.fix = unlogged ? Link{"Add a logging requirement",
                          std::string(logging_requirements().page_path) + "/new"}
                   : f.links.front();
  return f;
}

}  // namespace aims::monitoring
