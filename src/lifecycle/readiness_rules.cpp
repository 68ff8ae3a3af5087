// What requirements, validations, gate checks and stage changes prove about the AI systems in
// scope that are past design: agreed requirements with a measurable acceptance criterion
// (A.6.2.2), each model of a system in deployment or operation validated and signed off (A.6.2.4),
// the lifecycle's gates applied to each of them (A.6.1.3), and each system in service or retired
// cleared into its stage by a passed gate check or an approved stage change (8.1).
#include <mutex>
#include <set>

#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "readiness/readiness.h"

namespace aims::lifecycle {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

bool past_design(const Record& system) {
  return system.is_set("lifecycle_stage") && system.text("lifecycle_stage") != "design";
}

bool in_service(const Record& system) {
  const std::string stage = system.text("lifecycle_stage");
  return stage == "deployment" || stage == "operation_monitoring";
}

Result<std::vector<Record>> systems_in_scope(store::Database& db, int64_t org,
                                             bool (*which)(const Record&)) {
  TRY_ASSIGN(auto systems, records::list_all(db, inventory::ai_systems(), org,
                                             {.filters = {{"in_scope", "true"}}}));
  std::erase_if(systems, [which](const Record& s) { return !which(s); });
  return systems;
}

Finding finding_of(size_t total, std::vector<Link> gaps, const std::string& what_is_missing,
                   const std::string& all_met, Link fix) {
  Finding f;
  if (gaps.empty()) {
    f.status = Status::met;
    f.reason = all_met;
    return f;
  }
  f.status = gaps.size() < total ? Status::partial : Status::not_met;
  f.reason = readiness::counted(static_cast<int64_t>(gaps.size()), "AI system", "AI systems") +
             " of " + std::to_string(total) + " " + what_is_missing;
  f.links = std::move(gaps);
  f.fix = std::move(fix);
  return f;
}

Result<Finding> requirements_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, past_design));
  if (systems.empty()) {
    return Finding{Status::not_met,
                   "No AI system in scope is past design, so no requirement is yet shown to be "
                   "specified.",
                   {},
                   {"AI systems", "/inventory/systems"}};
  }
  TRY_ASSIGN(const auto agreed,
             records::list_all(db, requirements(), org, {.filters = {{"state", "agreed"}}}));
  std::set<int64_t> covered;
  for (const auto& r : agreed)
    if (criterion_of(r))
      for (int64_t id : r.ids("ai_system_id"))
        covered.insert(id);
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!covered.count(s.id)) gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps),
                    "past design have no agreed requirement with a measurable acceptance "
                    "criterion.",
                    "Every AI system in scope past design has agreed requirements with a "
                    "measurable acceptance criterion.",
                    {"Requirements", "/lifecycle/requirements"});
}

Result<Finding> validation_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, in_service));
  if (systems.empty()) {
    return Finding{Status::not_applicable,
                   "No AI system in scope is in deployment or operation, so none needs a "
                   "signed-off validation yet.",
                   {},
                   {}};
  }
  TRY_ASSIGN(const auto passed,
             records::list_all(db, validations(), org, {.filters = {{"state", "passed"}}}));
  std::set<std::pair<int64_t, int64_t>> validated;  // (system, model)
  for (const auto& v : passed)
    for (int64_t s : v.ids("ai_system_id"))
      for (int64_t m : v.ids("model_id"))
        validated.insert({s, m});
  std::vector<Link> gaps;
  for (const auto& s : systems) {
    const auto models = s.ids("model_ids");
    const bool all = !models.empty() && std::all_of(models.begin(), models.end(), [&](int64_t m) {
      return validated.count({s.id, m}) > 0;
    });
    if (!all) gaps.push_back(link_to(inventory::ai_systems(), s));
  }
  return finding_of(systems.size(), std::move(gaps),
                    "in deployment or operation have a model without a signed-off validation.",
                    "Every model of every AI system in scope in deployment or operation has a "
                    "signed-off validation.",
                    {"Validations", "/lifecycle/validations"});
}

// The stages each system was cleared into: by a passed gate check or an approved stage change.
Result<std::set<std::pair<int64_t, std::string>>> cleared(store::Database& db, int64_t org,
                                                          const std::vector<Record>& systems) {
  std::set<std::pair<int64_t, std::string>> out;
  TRY_ASSIGN(const auto approved,
             records::list_all(db, stage_changes(), org, {.filters = {{"state", "approved"}}}));
  for (const auto& c : approved)
    for (int64_t id : c.ids("ai_system_id"))
      out.insert({id, c.text("to_stage")});
  for (const auto& s : systems) {
    TRY_ASSIGN(const auto checks, gate_checks_of(db, org, s.id, 200));
    for (const auto& c : checks)
      if (c.passed) out.insert({s.id, c.stage});
  }
  return out;
}

bool in_service_or_retired(const Record& system) {
  return in_service(system) || system.text("lifecycle_stage") == "retirement";
}

// Operation follows deployment: a system in operation whose deployment gate passed was cleared.
bool cleared_into(const std::set<std::pair<int64_t, std::string>>& stages, const Record& system) {
  const std::string stage = system.text("lifecycle_stage");
  if (stages.count({system.id, stage})) return true;
  return stage == "operation_monitoring" && stages.count({system.id, "deployment"});
}

Result<Finding> operation_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, in_service_or_retired));
  if (systems.empty()) {
    return Finding{Status::not_applicable,
                   "No AI system in scope is in deployment, operation or retirement, so none "
                   "has yet been cleared into service.",
                   {},
                   {}};
  }
  TRY_ASSIGN(const auto stages, cleared(db, org, systems));
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!cleared_into(stages, s)) gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps),
                    "in deployment, operation or retirement entered their stage with no passed "
                    "gate check and no approved stage change.",
                    "Every AI system in scope in deployment, operation or retirement was cleared "
                    "into its stage by a passed gate check or an approved stage change.",
                    {"Stage changes", "/lifecycle/stage-changes"});
}

Result<Finding> process_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, past_design));
  if (systems.empty()) {
    return Finding{Status::not_met,
                   "No AI system in scope is past design, so the lifecycle's gates are not yet "
                   "shown to be applied.",
                   {},
                   {"AI systems", "/inventory/systems"}};
  }
  TRY_ASSIGN(const auto changes, records::list_all(db, stage_changes(), org));
  std::set<int64_t> applied;
  for (const auto& c : changes)
    for (int64_t id : c.ids("ai_system_id"))
      applied.insert(id);
  std::vector<Link> gaps;
  for (const auto& s : systems) {
    if (applied.count(s.id)) continue;
    TRY_ASSIGN(const auto checks, gate_checks_of(db, org, s.id, 1));
    if (checks.empty()) gaps.push_back(link_to(inventory::ai_systems(), s));
  }
  return finding_of(systems.size(), std::move(gaps),
                    "past design have never had a stage gate checked or a stage change raised.",
                    "The lifecycle policy sets each stage's entry criteria by risk tier, and every "
                    "AI system in scope past design has had its gates checked.",
                    {"Stage changes", "/lifecycle/stage-changes"});
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {kIso42001,
         "A.6.2.2",
         {"AI systems (stage, scope)", "Requirements (agreed, acceptance criteria)"},
         requirements_finding});
    readiness::add_rule({kIso42001,
                         "A.6.2.4",
                         {"AI systems (stage, models)", "Validations (signed off)"},
                         validation_finding});
    readiness::add_rule({kIso42001,
                         "A.6.1.3",
                         {"AI systems (stage)", "Gate checks", "Stage changes"},
                         process_finding});
    readiness::add_rule({kIso42001,
                         "8.1",
                         {"AI systems (stage)", "Gate checks (passed)", "Stage changes (approved)"},
                         operation_finding});
  });
}

}  // namespace aims::lifecycle
