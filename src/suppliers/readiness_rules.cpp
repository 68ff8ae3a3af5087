// What the supplier records prove for A.10.3: the suppliers the AI systems in scope rely on are
// assessed and approved, their conditions and reviews kept, what they deliver evaluated, and the
// critical ones can be left by a tested plan.
#include <map>
#include <mutex>
#include <set>

#include "base/time.h"
#include "documents/documents.h"
#include "inventory/inventory.h"
#include "suppliers/suppliers.h"

namespace aims::suppliers {
namespace {

using readiness::Finding;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";
constexpr int64_t kExitTestMonths = 12;

std::string page_of(const records::Description& d, int64_t id) {
  return std::string(d.page_path) + "/" + std::to_string(id);
}

// The suppliers named on the systems in scope or supplying one of their models.
Result<std::set<int64_t>> suppliers_in_scope(store::Database& db, int64_t org) {
  TRY_ASSIGN(const inventory::Scope scope, inventory::scope(db, org));
  TRY_ASSIGN(const auto systems, records::list_all(db, inventory::ai_systems(), org));
  TRY_ASSIGN(const auto models, records::list_all(db, inventory::models(), org));
  std::map<int64_t, int64_t> model_supplier;
  for (const auto& m : models)
    if (auto s = m.number("supplier_id")) model_supplier[m.id] = *s;
  std::set<int64_t> in_scope, out;
  for (const auto& s : scope.in_scope)
    in_scope.insert(s.id);
  for (const auto& system : systems) {
    if (!in_scope.count(system.id)) continue;
    for (int64_t id : system.ids("supplier_ids"))
      out.insert(id);
    for (int64_t model : system.ids("model_ids"))
      if (model_supplier.count(model)) out.insert(model_supplier[model]);
  }
  return out;
}

// The latest record of `all` for the supplier by the date `key`, among those `counts` accepts.
template <typename Pred>
const Record* latest_for(const std::vector<Record>& all, int64_t supplier, const char* key,
                         Pred counts) {
  const Record* best = nullptr;
  for (const auto& r : all)
    if (r.number("supplier_id") == supplier && counts(r) &&
        (!best || r.text(key) > best->text(key)))
      best = &r;
  return best;
}

bool approved(const Record& a) {
  return a.state == "approved" || a.state == "approved_with_conditions";
}

struct Records {
  std::vector<Record> assessments, evaluations, plans;
};

// What the supplier lacks on `today`, in words; empty when nothing.
std::vector<std::string> gaps_of(const Record& supplier, const Records& r,
                                 const std::string& today) {
  std::vector<std::string> gaps;
  const Record* a = latest_for(r.assessments, supplier.id, "decided_on", approved);
  if (!a)
    gaps.push_back("no approved assessment");
  else if (a->text("next_review_due") < today)
    gaps.push_back("assessment review overdue since " + a->text("next_review_due"));
  else if (a->state == "approved_with_conditions" && a->text("conditions_due") < today)
    gaps.push_back("conditions overdue since " + a->text("conditions_due"));
  const std::string provides = supplier.text("provides");
  if (provides == "model_api" || provides == "service") {
    const Record* e =
        latest_for(r.evaluations, supplier.id, "period_to", [](const Record&) { return true; });
    if (!e)
      gaps.push_back("no evaluation of what it delivers");
    else if (e->text("next_due") < today)
      gaps.push_back("evaluation overdue since " + e->text("next_due"));
  }
  if (supplier.text("criticality") == "high") {
    const std::string cutoff = documents::add_months(today, -kExitTestMonths).value_or(today);
    const Record* p =
        latest_for(r.plans, supplier.id, "last_tested_on", [](const Record&) { return true; });
    if (!p)
      gaps.push_back("no exit plan although critical");
    else if (p->text("last_tested_on") < cutoff)
      gaps.push_back("exit plan not tested within 12 months");
  }
  return gaps;
}

}  // namespace

Result<Finding> due_diligence_finding(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto ids, suppliers_in_scope(db, org));
  Finding f;
  f.fix = {"Supplier assessments", assessments().page_path};
  if (ids.empty()) {
    f.status = readiness::Status::met;
    f.reason = "No AI system in scope names a supplier or runs a supplier's model.";
    f.fix = {};
    return f;
  }
  Records r;
  TRY_ASSIGN(r.assessments, records::list_all(db, assessments(), org));
  TRY_ASSIGN(r.evaluations, records::list_all(db, evaluations(), org));
  TRY_ASSIGN(r.plans, records::list_all(db, exit_plans(), org));
  TRY_ASSIGN(const auto suppliers, records::list_all(db, inventory::suppliers(), org));
  int64_t kept = 0;
  std::string missing;
  for (const auto& s : suppliers) {
    if (!ids.count(s.id)) continue;
    const auto gaps = gaps_of(s, r, today);
    f.links.push_back({s.text("name"), page_of(inventory::suppliers(), s.id)});
    if (gaps.empty()) {
      ++kept;
      continue;
    }
    std::string said;
    for (const auto& g : gaps)
      said += (said.empty() ? "" : ", ") + g;
    missing += (missing.empty() ? "" : "; ") + s.text("name") + ": " + said;
    if (f.fix.href == assessments().page_path) f.fix = f.links.back();
  }
  const int64_t total = static_cast<int64_t>(f.links.size());
  if (kept == total) {
    f.status = readiness::Status::met;
    f.reason = "Each supplier the AI systems in scope rely on (" + std::to_string(total) +
               ") has an approved assessment within its review date, its conditions kept, its "
               "deliveries evaluated on time and, when critical, "
               "an exit plan tested within 12 months.";
    f.fix = {};
    return f;
  }
  f.status = kept > 0 ? readiness::Status::partial : readiness::Status::not_met;
  f.reason = "Of the " + readiness::counted(total, "supplier", "suppliers") +
             " the AI systems in scope rely on, " + std::to_string(total - kept) +
             (total - kept == 1 ? " falls" : " fall") + " short: " + missing + ".";
  return f;
}

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "A.10.3",
                         {"suppliers of the AI systems in scope: criticality and what they provide",
                          "supplier assessments: decision, review date and conditions",
                          "supplier evaluations: next one due", "exit plans: last test"},
                         [](store::Database& db, int64_t org) {
                           return due_diligence_finding(db, org, now_timestamp().substr(0, 10));
                         }});
  });
}

}  // namespace aims::suppliers
