// What leadership records prove for readiness: a governance committee with a mandate that met in
// the last twelve months and recorded its decisions (5.1), and someone accountable for each AI
// system in scope (A.3.2).
#include <mutex>
#include <set>

#include "base/time.h"
#include "documents/documents.h"
#include "inventory/inventory.h"
#include "leadership/leadership.h"
#include "readiness/readiness.h"

namespace aims::leadership {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

readiness::Link committee_link(const records::Record& c) {
  return {c.text("name"), "/leadership/committees/" + std::to_string(c.id)};
}

// Whether `r` belongs (through its committee_id) to one of `committees`.
bool of_one(const records::Record& r, const std::set<int64_t>& committees) {
  const auto ids = r.ids("committee_id");
  return !ids.empty() && committees.count(ids.front());
}

Result<Finding> committee_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, committees(), org));
  Finding f;
  f.fix = {"Committees", "/leadership/committees"};
  std::set<int64_t> chartered;
  for (const auto& c : all)
    if (c.is_set("mandate")) {
      chartered.insert(c.id);
      f.links.push_back(committee_link(c));
    }
  if (chartered.empty()) {
    f.reason = all.empty() ? "No AI governance committee is recorded."
                           : "No governance committee has a written mandate.";
    return f;
  }
  const std::string today = now_timestamp().substr(0, 10);
  const std::string year_ago = documents::add_months(today, -12).value_or(today);
  TRY_ASSIGN(const auto meetings, records::list_all(db, committee_meetings(), org));
  TRY_ASSIGN(const auto decisions, records::list_all(db, committee_decisions(), org));
  std::string last_met;
  for (const auto& m : meetings)
    if (of_one(m, chartered) && m.text("held_on") >= year_ago && m.text("held_on") <= today)
      last_met = std::max(last_met, m.text("held_on"));
  int64_t decided = 0;
  for (const auto& d : decisions)
    decided += of_one(d, chartered);
  const std::string has =
      readiness::counted(int64_t(chartered.size()), "governance committee has a mandate",
                         "governance committees have a mandate");
  if (!last_met.empty() && decided > 0) {
    f.status = Status::met;
    f.reason = has + "; it last met on " + last_met + " and " +
               readiness::counted(decided, "decision is", "decisions are") + " recorded.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = has + ", but " +
             (last_met.empty() ? std::string("it has not met in the last twelve months")
                               : "it last met on " + last_met) +
             (decided == 0 ? " and no decision of it is recorded." : ".");
  f.fix = last_met.empty() ? readiness::Link{"Record a meeting", "/leadership/meetings/new"}
                           : readiness::Link{"Record a decision", "/leadership/decisions/new"};
  return f;
}

// A system is covered when someone is accountable for the activity of its lifecycle stage, or for
// operation and monitoring, the activity that answers for a system whatever its stage.
Result<Finding> accountability_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, records::list_all(db, inventory::ai_systems(), org));
  TRY_ASSIGN(const auto accountable, records::list_all(db, raci_assignments(), org,
                                                       {.filters = {{"letter", "accountable"}}}));
  std::set<std::pair<int64_t, std::string>> answered;
  for (const auto& a : accountable)
    for (int64_t id : a.ids("system_id"))
      answered.emplace(id, a.text("activity"));
  Finding f;
  f.fix = {"RACI assignments", "/leadership/raci-assignments"};
  int64_t in_scope = 0;
  for (const auto& s : systems) {
    if (!s.flag("in_scope")) continue;
    ++in_scope;
    const bool covered = answered.count({s.id, activity_for_stage(s.text("lifecycle_stage"))}) ||
                         answered.count({s.id, "operation_monitoring"});
    if (!covered)
      f.links.push_back({s.text("name"), "/leadership/raci?system=" + std::to_string(s.id)});
  }
  if (in_scope == 0) {
    f.reason = "No AI system is in scope, so no one is accountable for one.";
    f.fix = {"AI systems", "/inventory/systems"};
    return f;
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (in_scope == 1
                    ? std::string("The one AI system in scope has")
                    : "Every one of the " + std::to_string(in_scope) + " AI systems in scope has") +
               " an accountable person for its current lifecycle activity.";
    f.fix = {};
    return f;
  }
  f.status = int64_t(f.links.size()) == in_scope ? Status::not_met : Status::partial;
  f.reason = std::to_string(f.links.size()) + " of " +
             readiness::counted(in_scope, "AI system in scope has", "AI systems in scope have") +
             " no one accountable for the current lifecycle activity or for operation.";
  f.fix = f.links.front();
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "5.1",
                         {"committees: mandate", "committee meetings", "committee decisions"},
                         committee_rule});
    readiness::add_rule({kIso42001,
                         "A.3.2",
                         {"RACI assignments: accountable people", "AI systems in scope"},
                         accountability_rule});
  });
}

}  // namespace aims::leadership
