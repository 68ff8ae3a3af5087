// What requirements and validations prove, about the AI systems in scope that are past design:
// agreed requirements with a measurable acceptance criterion (A.6.2.2), and each model of a
// system in deployment or operation validated and signed off (A.6.2.4).
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
  });
}

}  // namespace aims::lifecycle
