// What requirements, validations, gate checks and stage changes prove about the AI systems in
// scope that are past design: agreed requirements with a measurable acceptance criterion, agreed
// again after an approved change of purpose or population (A.6.2.2), each model of a system in
// deployment or operation validated and signed off after its latest approved significant change
// (A.6.2.4), the lifecycle's gates applied to each of them (A.6.1.3), each of them covered by an
// objective in force and its gates applied (A.6.1.2), and each system in service or retired
// cleared into its stage by a passed gate check or an approved stage change (8.1).
#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "inventory/inventory.h"
#include "lifecycle/lifecycle.h"
#include "objectives/objectives.h"
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

// The gaps among the systems found, counted: "2 AI systems of 5 past design have ...".
Finding finding_of(size_t total, std::vector<Link> gaps, const std::string& what_is_missing,
                   const std::string& all_met, Link fix) {
  return readiness::counted_gaps(total, std::move(gaps), "AI system", "AI systems", what_is_missing,
                                 all_met, std::move(fix));
}

// The systems with an approved change of purpose or population newer than their last agreed
// requirement: a material change asks for its requirements to be specified again.
Result<std::set<int64_t>> purpose_changed_since(store::Database& db, int64_t org,
                                                const std::map<int64_t, std::string>& last_agreed) {
  TRY_ASSIGN(const auto changes, records::list_all(db, change_requests(), org,
                                                   {.filters = {{"kind", "purpose_population"}}}));
  std::set<int64_t> out;
  for (const auto& c : changes) {
    if (c.state != "approved" && c.state != "implemented") continue;
    for (int64_t id : c.ids("ai_system_id")) {
      const auto agreed = last_agreed.find(id);
      if (agreed != last_agreed.end() && c.text("approved_at") > agreed->second) out.insert(id);
    }
  }
  return out;
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
  std::map<int64_t, std::string> last_agreed;  // system -> when a measurable one was last agreed
  for (const auto& r : agreed)
    if (criterion_of(r))
      for (int64_t id : r.ids("ai_system_id"))
        last_agreed[id] = std::max(last_agreed[id], r.state_since);
  TRY_ASSIGN(const auto changed, purpose_changed_since(db, org, last_agreed));
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!last_agreed.count(s.id) || changed.count(s.id))
      gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps),
                    "past design {have} no agreed requirement with a measurable acceptance "
                    "criterion, or none agreed since an approved change of {their} purpose or "
                    "population.",
                    "Every AI system in scope past design has agreed requirements with a "
                    "measurable acceptance criterion.",
                    {"Requirements", "/lifecycle/requirements"});
}

// Whether each model of the system has a validation signed off after the system's latest approved
// significant change, as the gates read it.
Result<bool> validated_since_change(store::Database& db, int64_t org, const Record& system,
                                    const std::vector<Record>& passed) {
  TRY_ASSIGN(const auto change, latest_significant_change(db, org, system.id));
  const std::string after = change ? change->text("approved_at") : "";
  const auto models = system.ids("model_ids");
  return !models.empty() && std::all_of(models.begin(), models.end(), [&](int64_t m) {
    return std::any_of(passed.begin(), passed.end(), [&](const Record& v) {
      return v.ids("ai_system_id") == records::Ids{system.id} &&
             v.ids("model_id") == records::Ids{m} && v.state_since > after;
    });
  });
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
  std::vector<Link> gaps;
  for (const auto& s : systems) {
    TRY_ASSIGN(const bool all, validated_since_change(db, org, s, passed));
    if (!all) gaps.push_back(link_to(inventory::ai_systems(), s));
  }
  return finding_of(systems.size(), std::move(gaps),
                    "in deployment or operation {have} a model without a validation signed off "
                    "since {their} latest significant change.",
                    "Every model of every AI system in scope in deployment or operation has a "
                    "signed-off validation.",
                    {"Validations", "/lifecycle/validations"});
}

// (system, stage) pairs of the organisation's gate checks: every one checked, and those passed.
struct Checked {
  std::set<std::pair<int64_t, std::string>> any;
  std::set<std::pair<int64_t, std::string>> passed;
};

// One query for the whole organisation, rather than one per system.
Result<Checked> gate_checks(store::Database& db, int64_t org) {
  TRY_ASSIGN(auto rows, db.read([&](store::Tx& tx) {
    return tx.query(
        "SELECT system_id, stage, MAX(passed) FROM gate_checks WHERE org_id = $1 "
        "GROUP BY system_id, stage",
        {org});
  }));
  Checked out;
  for (auto& row : rows) {
    out.any.insert({row.int64(0), row.text(1)});
    if (row.boolean(2)) out.passed.insert({row.int64(0), row.text(1)});
  }
  return out;
}

using Stages = std::set<std::pair<int64_t, std::string>>;

// The stages each system was cleared into: by a passed gate check or an approved stage change.
Result<Stages> cleared(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto checked, gate_checks(db, org));
  Stages out = checked.passed;
  TRY_ASSIGN(const auto approved,
             records::list_all(db, stage_changes(), org, {.filters = {{"state", "approved"}}}));
  for (const auto& c : approved)
    for (int64_t id : c.ids("ai_system_id"))
      out.insert({id, c.text("to_stage")});
  return out;
}

bool in_service_or_retired(const Record& system) {
  return in_service(system) || system.text("lifecycle_stage") == "retirement";
}

// Operation follows deployment: a system in operation whose deployment gate passed was cleared.
bool cleared_into_stage(const Stages& stages, const Record& system) {
  const std::string stage = system.text("lifecycle_stage");
  if (stages.count({system.id, stage})) return true;
  return stage == "operation_monitoring" && stages.count({system.id, "deployment"});
}

bool cleared_into_deployment(const Stages& stages, const Record& system) {
  return stages.count({system.id, "deployment"}) > 0;
}

// What 8.1 and A.6.2.5 read alike: the systems `which` picks, each cleared as `cleared_as` asks.
struct ClearedRule {
  bool (*which)(const Record&);
  bool (*cleared_as)(const Stages&, const Record&);
  const char* none;
  const char* what_is_missing;
  const char* all_met;
};

Result<Finding> cleared_finding(store::Database& db, int64_t org, const ClearedRule& rule) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, rule.which));
  if (systems.empty()) return Finding{Status::not_applicable, rule.none, {}, {}};
  TRY_ASSIGN(const auto stages, cleared(db, org));
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!rule.cleared_as(stages, s)) gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps), rule.what_is_missing, rule.all_met,
                    {"Stage changes", "/lifecycle/stage-changes"});
}

Result<Finding> operation_finding(store::Database& db, int64_t org) {
  return cleared_finding(
      db, org,
      {in_service_or_retired, cleared_into_stage,
       "No AI system in scope is in deployment, operation or retirement, so none has yet been "
       "cleared into service.",
       "in deployment, operation or retirement entered {their} stage with no passed gate check "
       "and no approved stage change.",
       "Every AI system in scope in deployment, operation or retirement was cleared into its "
       "stage by a passed gate check or an approved stage change."});
}

// A.6.2.5: the systems in service went through the deployment gate (a passed check of it, or an
// approved stage change into deployment, whose approval is such a check).
Result<Finding> deployment_finding(store::Database& db, int64_t org) {
  return cleared_finding(
      db, org,
      {in_service, cleared_into_deployment,
       "No AI system in scope is in deployment or operation, so none has yet been deployed under "
       "the plan.",
       "in deployment or operation {have} never passed the deployment gate.",
       "Every AI system in scope in deployment or operation passed the deployment gate, whose "
       "criteria are its deployment plan's requirements."});
}

// The systems whose gates were applied: a gate check or a stage change of any outcome.
Result<std::set<int64_t>> gates_applied(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto checked, gate_checks(db, org));
  std::set<int64_t> applied;
  for (const auto& [id, stage] : checked.any)
    applied.insert(id);
  TRY_ASSIGN(const auto changes, records::list_all(db, stage_changes(), org));
  for (const auto& c : changes)
    for (int64_t id : c.ids("ai_system_id"))
      applied.insert(id);
  return applied;
}

Finding nothing_past_design(const std::string& what) {
  return {Status::not_met,
          "No AI system in scope is past design, so " + what,
          {},
          {"AI systems", "/inventory/systems"}};
}

Result<Finding> process_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, past_design));
  if (systems.empty())
    return nothing_past_design("the lifecycle's gates are not yet shown to be applied.");
  TRY_ASSIGN(const auto applied, gates_applied(db, org));
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!applied.count(s.id)) gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps),
                    "past design {have} never had a stage gate checked or a stage change raised.",
                    "The lifecycle policy sets each stage's entry criteria by risk tier, and every "
                    "AI system in scope past design has had its gates checked.",
                    {"Stage changes", "/lifecycle/stage-changes"});
}

// The systems an objective in force (active, or achieved) names: what the organisation set out
// to achieve in developing them.
Result<std::set<int64_t>> with_objective(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, objectives::objectives(), org));
  std::set<int64_t> out;
  for (const auto& o : all)
    if (o.state == "active" || o.state == "achieved")
      for (int64_t id : o.ids("system_ids"))
        out.insert(id);
  return out;
}

// A.6.1.2: objectives for responsible development are set (an active or achieved objective names
// the system) and applied through the development process (its gates were checked).
Result<Finding> objectives_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, past_design));
  if (systems.empty())
    return nothing_past_design("no objective is yet shown to guide its development.");
  TRY_ASSIGN(const auto aimed, with_objective(db, org));
  if (aimed.empty())
    return Finding{Status::not_met,
                   "No active or achieved AI objective names an AI system, so no objective for "
                   "responsible development is set.",
                   {},
                   {"Objectives", "/governance/objectives"}};
  TRY_ASSIGN(const auto applied, gates_applied(db, org));
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!aimed.count(s.id) || !applied.count(s.id))
      gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps),
                    "past design {have} no active or achieved objective naming {their} "
                    "development, or never had a stage gate checked.",
                    "Every AI system in scope past design is named by an objective in force and "
                    "developed through the lifecycle's gates.",
                    {"Objectives", "/governance/objectives"});
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
                         "A.6.1.2",
                         {"AI systems (stage, scope)", "Objectives (active, achieved)",
                          "Gate checks", "Stage changes"},
                         objectives_finding});
    readiness::add_rule({kIso42001,
                         "A.6.2.5",
                         {"AI systems (stage)", "Gate checks (deployment, passed)",
                          "Stage changes (into deployment, approved)"},
                         deployment_finding});
    readiness::add_rule({kIso42001,
                         "8.1",
                         {"AI systems (stage)", "Gate checks (passed)", "Stage changes (approved)"},
                         operation_finding});
  });
}

}  // namespace aims::lifecycle
