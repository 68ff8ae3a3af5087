// What instructions for use and public pages prove about the AI systems in scope that are in
// deployment or operation: each has approved instructions for its users (A.8.2), and the people
// it affects can read about it, on a published transparency page or through instructions sent to
// its customers (A.8.5).
#include <mutex>
#include <set>

#include "customers/customers.h"
#include "inventory/inventory.h"
#include "readiness/readiness.h"
#include "transparency/transparency.h"

namespace aims::transparency {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

Result<std::vector<Record>> systems_in_service(store::Database& db, int64_t org) {
  TRY_ASSIGN(auto systems, records::list_all(db, inventory::ai_systems(), org,
                                             {.filters = {{"in_scope", "true"}}}));
  std::erase_if(systems, [](const Record& s) {
    const std::string stage = s.text("lifecycle_stage");
    return stage != "deployment" && stage != "operation_monitoring";
  });
  return systems;
}

Finding finding_of(const std::vector<Record>& systems, const std::set<int64_t>& covered,
                   const std::string& missing, const std::string& all_met, Link fix) {
  std::vector<Link> gaps;
  for (const auto& s : systems)
    if (!covered.count(s.id))
      gaps.push_back(
          {inventory::ai_systems().display_name(s), "/inventory/systems/" + std::to_string(s.id)});
  if (gaps.empty()) return {Status::met, all_met, {}, {}};
  Finding f;
  f.status = gaps.size() < systems.size() ? Status::partial : Status::not_met;
  f.reason = readiness::counted(static_cast<int64_t>(gaps.size()), "AI system", "AI systems") +
             " of " + std::to_string(systems.size()) + " " + missing;
  f.links = std::move(gaps);
  f.fix = std::move(fix);
  return f;
}

Finding none_in_service() {
  return {Status::not_applicable,
          "No AI system in scope is in deployment or operation, so nobody uses one yet.",
          {},
          {}};
}

Result<std::set<int64_t>> with_approved_instructions(store::Database& db, int64_t org) {
  std::set<int64_t> covered;
  TRY_ASSIGN(const auto all, records::list_all(db, instructions(), org));
  for (const auto& r : all)
    if (r.frozen > 0 && r.state != "superseded")
      for (int64_t id : r.ids("ai_system_id"))
        covered.insert(id);
  return covered;
}

Result<Finding> instructions_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_service(db, org));
  if (systems.empty()) return none_in_service();
  TRY_ASSIGN(const auto covered, with_approved_instructions(db, org));
  return finding_of(systems, covered,
                    "in deployment or operation have no approved instructions for use.",
                    "Every AI system in scope in deployment or operation has approved "
                    "instructions for use.",
                    {"Instructions for use", "/lifecycle/instructions"});
}

Result<Finding> information_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_in_service(db, org));
  if (systems.empty()) return none_in_service();
  std::set<int64_t> covered;
  for (const auto& s : systems) {
    TRY_ASSIGN(const auto page, page_state(db, org, s.id));
    if (page.published) covered.insert(s.id);
  }
  TRY_ASSIGN(const auto notices, records::list_all(db, customers::customer_notices(), org,
                                                   {.filters = {{"kind", "new_instructions"}}}));
  for (const auto& n : notices)
    if (n.is_set("sent_at"))
      for (int64_t id : n.ids("system_id"))
        covered.insert(id);
  return finding_of(systems, covered,
                    "in deployment or operation tell interested parties nothing: no published "
                    "transparency page and no instructions sent to customers.",
                    "Every AI system in scope in deployment or operation has a published "
                    "transparency page or instructions sent to its customers.",
                    {"Instructions for use", "/lifecycle/instructions"});
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "A.8.2",
                         {"AI systems (stage, scope)", "Instructions for use (approved)"},
                         instructions_finding});
    readiness::add_rule({kIso42001,
                         "A.8.5",
                         {"AI systems (stage, scope)", "Transparency pages (published)",
                          "Customer notices (new instructions, sent)"},
                         information_finding});
  });
}

}  // namespace aims::transparency
