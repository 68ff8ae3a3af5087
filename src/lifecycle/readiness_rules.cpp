// What requirements, validations, gate checks and stage changes prove about the AI systems in
// scope that are past design: agreed requirements with a measurable acceptance criterion, agreed
// again after an approved change of purpose or population (A.6.2.2), each model of a system in
// deployment or operation validated and signed off after its latest approved significant change
// (A.6.2.4), the lifecycle's gates applied to each of them (A.6.1.3), and each system in service
// or retired cleared into its stage by a passed gate check or an approved stage change (8.1).
#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>

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

// `what_is_missing` says "{have}" and "{their}", which agree with the number of systems found.
std::string agreeing(std::string text, bool one) {
  for (const auto& [word, single, plural] :
       {std::tuple{"{have}", "has", "have"}, std::tuple{"{their}", "its", "their"}}) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at))
      text.replace(at, std::string_view(word).size(), one ? single : plural);
  }
  return text;
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
             " of " + std::to_string(total) + " " + agreeing(what_is_missing, gaps.size() == 1);
  f.links = std::move(gaps);
  f.fix = std::move(fix);
  return f;
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
                    "in deployment, operation or retirement entered {their} stage with no passed "
                    "gate check and no approved stage change.",
                    "Every AI system in scope in deployment, operation or retirement was cleared "
                    "into its stage by a passed gate check or an approved stage change.",
                    {"Stage changes", "/lifecycle/stage-changes"});
}

// A.6.2.5: the systems in service went through the deployment gate (a passed check of it, or an
// approved stage change into deployment, whose approval is such a check).
Result<Finding> deployment_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_scope(db, org, in_service));
  if (systems.empty()) {
    return Finding{Status::not_applicable,
                   "No AI system in scope is in deployment or operation, so none has yet been "
                   "deployed under the plan.",
                   {},
                   {}};
  }
  TRY_ASSIGN(const auto stages, cleared(db, org, systems));
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!stages.count({s.id, "deployment"})) gaps.push_back(link_to(inventory::ai_systems(), s));
  return finding_of(systems.size(), std::move(gaps),
                    "in deployment or operation {have} never passed the deployment gate.",
                    "Every AI system in scope in deployment or operation passed the deployment "
                    "gate, whose criteria are its deployment plan's requirements.",
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
                    "past design {have} never had a stage gate checked or a stage change raised.",
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
