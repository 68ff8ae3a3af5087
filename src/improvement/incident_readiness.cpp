// What incidents prove for A.8.4: each has an owner, and each serious incident of a high-risk AI
// system was reported to the authority within its Art. 73 clock.
#include <mutex>

#include "base/time.h"
#include "improvement/clock.h"
#include "improvement/improvement.h"
#include "readiness/readiness.h"

namespace aims::improvement {
namespace {

using readiness::Finding;
using readiness::Status;

readiness::Link link_to(const records::Record& r) {
  return {r.text("title"), "/improvement/incidents/" + std::to_string(r.id)};
}

Result<Finding> incident_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, incidents(), org, {}));
  Finding f;
  f.fix = {"Incidents", "/improvement/incidents"};
  if (all.empty()) {
    f.status = Status::partial;
    f.reason =
        "No incident is recorded yet, so no record shows how incidents are handled and "
        "reported.";
    return f;
  }
  const std::string now = now_timestamp();
  int64_t unowned = 0, overdue = 0, late = 0, reported = 0;
  for (const auto& r : all) {
    const bool no_owner = !r.is_set("owner_id");
    TRY_ASSIGN(const auto clock, incident_clock(db, org, r, now));
    const bool applies = clock && clock->applies;
    const bool is_overdue = applies && clock->clock.state == ClockState::overdue;
    const bool was_late = applies && clock->clock.late;
    unowned += no_owner;
    overdue += is_overdue;
    late += was_late;
    reported += applies && clock->clock.state == ClockState::stopped && !was_late;
    if (no_owner || is_overdue || was_late) f.links.push_back(link_to(r));
  }
  const std::string counted = readiness::counted(int64_t(all.size()), "incident", "incidents");
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (all.size() == 1 ? std::string("The one incident") : "Each of the " + counted) +
               " has an owner" +
               (reported ? "; " +
                               readiness::counted(reported, "serious incident was",
                                                  "serious incidents were") +
                               " reported to the authority within its deadline."
                         : ", and none awaits a report to the authority.");
    f.links = {{"Incidents", "/improvement/incidents"}};
    f.fix = {};
    return f;
  }
  std::vector<std::string> gaps;
  if (overdue)
    gaps.push_back(readiness::counted(overdue, "serious incident is", "serious incidents are") +
                   " past its reporting deadline without a report");
  if (late)
    gaps.push_back(readiness::counted(late, "report was", "reports were") +
                   " sent after the deadline");
  if (unowned)
    gaps.push_back(readiness::counted(unowned, "incident has", "incidents have") + " no owner");
  f.status = overdue ? Status::not_met : Status::partial;
  f.reason = "Of " + counted + ": ";
  for (size_t i = 0; i < gaps.size(); ++i)
    f.reason += (i ? "; " : "") + gaps[i];
  f.reason += ".";
  return f;
}

}  // namespace

void define_incident_readiness_rule() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({"iso-iec-42001-2023",
                         "A.8.4",
                         {"incidents: owners and EU AI Act reporting clocks"},
                         incident_rule});
  });
}

}  // namespace aims::improvement
