// What impact assessments prove for readiness: every AI system in scope has an approved
// assessment (6.1.4, A.5.2), assessments are kept as approved versions (A.5.3), current and
// re-done after significant change (8.4), and weigh effects on individuals and groups (A.5.4) and
// on society (A.5.5).
#include <map>
#include <mutex>

#include "base/time.h"
#include "impact/impact.h"
#include "inventory/inventory.h"
#include "readiness/readiness.h"

namespace aims::impact {
namespace {

using readiness::Finding;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

readiness::Link link_to(const Record& r) {
  return {r.text("title"), "/impact/assessments/" + std::to_string(r.id)};
}

// The approved assessment of each system (one at a time: approving another supersedes it).
struct Approved {
  std::map<int64_t, Record> by_system;
  std::vector<inventory::ScopedSystem> in_scope;
};

Result<Approved> approved(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto scope, inventory::scope(db, org));
  TRY_ASSIGN(const auto all,
             records::list_all(db, assessments(), org, {.filters = {{"state", "approved"}}}));
  Approved out{{}, scope.in_scope};
  for (const auto& a : all)
    for (int64_t id : a.ids("system_id"))
      out.by_system.emplace(id, a);
  return out;
}

// Systems in scope without an approved assessment: not met when none has one, partial when some do.
Result<Finding> coverage_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Approved a, approved(db, org));
  Finding f;
  f.fix = {"Start an impact assessment", "/impact/assessments/new"};
  for (const auto& s : a.in_scope)
    if (!a.by_system.count(s.id))
      f.links.push_back({s.name, "/inventory/systems/" + std::to_string(s.id)});
  const size_t total = a.in_scope.size();
  if (total == 0) {
    f.reason = "No AI system is in scope, so none has been assessed for its impact.";
    return f;
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (total == 1 ? std::string("The one AI system in scope has")
                           : "Each of the " + std::to_string(total) + " AI systems in scope has") +
               " an approved impact assessment.";
    f.fix = {};
    return f;
  }
  f.status = f.links.size() == total ? Status::not_met : Status::partial;
  f.reason =
      std::to_string(f.links.size()) + " of " +
      readiness::counted(int64_t(total), "AI system in scope has", "AI systems in scope have") +
      " no approved impact assessment.";
  return f;
}

Result<Finding> currency_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Approved a, approved(db, org));
  Finding f;
  f.fix = {"Impact assessments", "/impact/assessments"};
  if (a.by_system.empty()) {
    f.reason = "No impact assessment is approved, so none is kept current.";
    return f;
  }
  const std::string today = now_timestamp().substr(0, 10);
  int64_t expired = 0, flagged = 0;
  for (const auto& [system, r] : a.by_system) {
    const bool late = r.is_set("valid_until") && r.text("valid_until") < today;
    expired += late;
    flagged += r.flag("needs_reassessment");
    if (late || r.flag("needs_reassessment")) f.links.push_back(link_to(r));
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (a.by_system.size() == 1
                    ? std::string("The one approved impact assessment is within its validity")
                    : "All " + std::to_string(a.by_system.size()) +
                          " approved impact assessments are within their validity") +
               " and no significant change awaits re-assessment.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = readiness::counted(expired, "approved assessment has", "approved assessments have") +
             " expired and " + std::to_string(flagged) + (flagged == 1 ? " needs" : " need") +
             " re-assessment after a significant change.";
  f.fix = f.links.front();
  return f;
}

Result<Finding> documented_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Approved a, approved(db, org));
  Finding f;
  f.fix = {"Impact assessments", "/impact/assessments"};
  if (a.by_system.empty()) {
    f.reason = "No impact assessment is approved and kept as a version yet.";
    return f;
  }
  f.status = Status::met;
  for (const auto& [system, r] : a.by_system)
    f.links.push_back(link_to(r));
  f.reason = a.by_system.size() == 1
                 ? std::string(
                       "1 impact assessment is approved by someone other than its author "
                       "and kept as a frozen version.")
                 : std::to_string(a.by_system.size()) +
                       " impact assessments are approved by someone other than their authors and "
                       "kept as frozen versions.";
  f.fix = {};
  return f;
}

// Whether the approved assessments say what `fields` ask, or weigh an impact of `dimensions`.
Result<Finding> coverage_of(store::Database& db, int64_t org, std::vector<const char*> fields,
                            const std::string& what) {
  TRY_ASSIGN(const Approved a, approved(db, org));
  Finding f;
  f.fix = {"Impact assessments", "/impact/assessments"};
  if (a.by_system.empty()) {
    f.reason = "No impact assessment is approved, so the " + what + " are not assessed.";
    return f;
  }
  for (const auto& [system, r] : a.by_system) {
    bool said = false;
    for (const char* key : fields)
      said = said || r.is_set(key);
    if (!said) f.links.push_back(link_to(r));
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = "Every approved impact assessment records the " + what + ".";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = std::to_string(f.links.size()) + " of " +
             readiness::counted(int64_t(a.by_system.size()), "approved assessment says",
                                "approved assessments say") +
             " nothing of the " + what + ".";
  f.fix = f.links.front();
  return f;
}

Result<Finding> individuals_rule(store::Database& db, int64_t org) {
  return coverage_of(db, org, {"affected_individuals", "affected_groups", "vulnerable_groups"},
                     "effects on individuals and groups");
}

Result<Finding> society_rule(store::Database& db, int64_t org) {
  return coverage_of(db, org, {"societal_effects", "environmental_effects"},
                     "effects on society and the environment");
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    const std::vector<std::string> reads = {"impact assessments", "AI systems in scope"};
    readiness::add_rule({kIso42001, "6.1.4", reads, coverage_rule});
    readiness::add_rule({kIso42001, "A.5.2", reads, coverage_rule});
    readiness::add_rule({kIso42001,
                         "8.4",
                         {"impact assessments: validity and significant changes"},
                         currency_rule});
    readiness::add_rule(
        {kIso42001, "A.5.3", {"impact assessments: approved versions"}, documented_rule});
    readiness::add_rule({kIso42001,
                         "A.5.4",
                         {"impact assessments: individuals and groups affected"},
                         individuals_rule});
    readiness::add_rule(
        {kIso42001, "A.5.5", {"impact assessments: effects on society"}, society_rule});
  });
}

}  // namespace aims::impact
