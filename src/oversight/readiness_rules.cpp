// What oversight plans and the review queue prove about the AI systems in scope that are in use
// (deployment or operation): a responsible-use process in force for each (A.9.2), objectives for
// that use set in each plan (A.9.3), and each used as intended, its decisions reviewed as its plan
// says without letting held ones wait past the target (A.9.4).
#include <mutex>
#include <set>

#include "base/time.h"
#include "inventory/inventory.h"
#include "oversight/oversight.h"
#include "readiness/readiness.h"

namespace aims::oversight {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

const Link kPlans{"Oversight plans", "/oversight/plans"};

Link system_link(const Record& s) {
  return {inventory::ai_systems().display_name(s), "/inventory/systems/" + std::to_string(s.id)};
}

Link plan_link(const Record& p) {
  return {plans().display_name(p), "/oversight/plans/" + std::to_string(p.id)};
}

Result<std::vector<Record>> systems_in_use(store::Database& db, int64_t org) {
  TRY_ASSIGN(auto systems, records::list_all(db, inventory::ai_systems(), org,
                                             {.filters = {{"in_scope", "true"}}}));
  std::erase_if(systems, [](const Record& s) {
    const std::string stage = s.text("lifecycle_stage");
    return stage != "deployment" && stage != "operation_monitoring";
  });
  return systems;
}

Result<std::vector<Record>> approved_plans(store::Database& db, int64_t org) {
  return records::list_all(db, plans(), org, {.filters = {{"state", "approved"}}});
}

Finding nothing_in_use() {
  return {Status::not_met,
          "No AI system in scope is in deployment or operation, so no responsible use is yet "
          "shown.",
          {},
          {"AI systems", "/inventory/systems"}};
}

Result<Finding> process_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_use(db, org));
  if (systems.empty()) return nothing_in_use();
  TRY_ASSIGN(const auto approved, approved_plans(db, org));
  std::set<int64_t> covered;
  for (const auto& p : approved)
    for (int64_t id : p.ids("ai_system_id"))
      covered.insert(id);
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!covered.count(s.id)) gaps.push_back(system_link(s));
  return readiness::counted_gaps(
      systems.size(), std::move(gaps), "AI system", "AI systems",
      "in use {have} no approved oversight plan saying who reviews which decisions.",
      "Every AI system in scope in use has an approved oversight plan.", kPlans);
}

Result<Finding> objectives_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto approved, approved_plans(db, org));
  if (approved.empty())
    return Finding{Status::not_met,
                   "No oversight plan is approved, so no objective for "
                   "responsible use is set.",
                   {},
                   kPlans};
  std::vector<Link> gaps;
  for (const auto& p : approved)
    if (!p.is_set("target_hours") || !p.is_set("max_override_rate")) gaps.push_back(plan_link(p));
  return readiness::counted_gaps(
      approved.size(), std::move(gaps), "approved plan", "approved plans",
      "{have} no target time to decision or no highest acceptable override rate.",
      "Every approved oversight plan sets a target time to decision and the highest acceptable "
      "override rate.",
      kPlans);
}

Result<Finding> intended_use_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto approved, approved_plans(db, org));
  if (approved.empty())
    return Finding{Status::not_met,
                   "No oversight plan is approved, so no acceptable-use rules "
                   "are in force.",
                   {},
                   kPlans};
  TRY_ASSIGN(const auto targets, target_hours_by_plan(db, org));
  TRY_ASSIGN(const auto pending, list(db, org, {.state = "pending", .limit = 500}));
  const int64_t now = now_micros();
  std::set<int64_t> late_plans;
  for (const auto& d : pending) {
    if (!d.plan_id) continue;  // held by no plan: no target to be late against
    const auto hours = targets.find(*d.plan_id);
    if (overdue(d, hours == targets.end() ? 24 : hours->second, now)) late_plans.insert(*d.plan_id);
  }
  std::vector<Link> gaps;
  for (const auto& p : approved)
    if (late_plans.count(p.id)) gaps.push_back(plan_link(p));
  Finding f = readiness::counted_gaps(
      approved.size(), std::move(gaps), "approved plan", "approved plans",
      "{have} held decisions waiting past the target time to decision.",
      "Every approved oversight plan states acceptable-use rules, and no held decision waits "
      "past its plan's target time.",
      {"Oversight queue", "/oversight/queue"});
  // Reviews running late are a shortfall in how oversight runs, not its absence.
  if (f.status == Status::not_met) f.status = Status::partial;
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "A.9.2",
                         {"AI systems (stage, scope)", "Oversight plans (approved)"},
                         process_finding});
    readiness::add_rule(
        {kIso42001, "A.9.3", {"Oversight plans (target time, override rate)"}, objectives_finding});
    readiness::add_rule({kIso42001,
                         "A.9.4",
                         {"Oversight plans (acceptable use)", "Oversight queue (held decisions)"},
                         intended_use_finding});
  });
}

}  // namespace aims::oversight
