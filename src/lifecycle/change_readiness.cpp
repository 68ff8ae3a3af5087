// What change requests prove for clause 6.3 (changes are planned): changes to the AI systems are
// recorded, weighed for significance and approved before they take effect, and no model reached a
// system in service without an approved change.
#include <mutex>

#include "lifecycle/changes.h"
#include "lifecycle/lifecycle.h"
#include "readiness/readiness.h"

namespace aims::lifecycle {
namespace {

using readiness::Finding;
using readiness::Status;

Result<Finding> change_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto flags, unapproved_models(db, org));
  if (!flags.empty()) {
    Finding f{Status::not_met, "", {}, {"Change requests", "/lifecycle/changes"}};
    for (const auto& u : flags) {
      f.reason += (f.reason.empty() ? "" : "; ") + u.model + " was linked to " + u.system +
                  " in service without an approved change";
      f.links.push_back({u.system, "/inventory/systems/" + std::to_string(u.system_id)});
    }
    f.reason += ".";
    return f;
  }
  TRY_ASSIGN(const auto changes, records::list_all(db, change_requests(), org));
  int64_t decided = 0, significant = 0;
  for (const auto& c : changes) {
    if (c.state == "approved" || c.state == "implemented") {
      ++decided;
      significant += c.text("significance") == "significant";
    }
  }
  if (decided == 0)
    return Finding{Status::partial,
                   "No change to an AI system has been approved through a change request yet, so "
                   "changes are not yet shown to be planned.",
                   {},
                   {"Change requests", "/lifecycle/changes"}};
  return Finding{Status::met,
                 readiness::counted(decided, "change", "changes") +
                     " weighed for significance and approved by someone other than the "
                     "requester (" +
                     std::to_string(significant) +
                     " significant); no model reached a system in service without one.",
                 {},
                 {}};
}

}  // namespace

void define_change_rule() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {"iso-iec-42001-2023",
         "6.3",
         {"Change requests (significance, approval)", "AI systems (models linked in service)"},
         change_finding});
  });
}

}  // namespace aims::lifecycle
