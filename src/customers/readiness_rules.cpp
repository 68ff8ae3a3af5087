// What customers and responsibilities prove: every duty of an in-scope AI system's EU AI Act role
// carried by a party and agreed (A.10.2), and every customer of an in-scope system informed, its
// obligations acknowledged and told of the incidents of the systems it receives (A.10.4).
#include "customers/readiness_rules.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "customers/customers.h"
#include "inventory/inventory.h"
#include "readiness/readiness.h"
#include "records/registry.h"

namespace aims::customers {
namespace {

using readiness::Finding;
using readiness::Status;

std::string split_href(int64_t system_id) {
  return "/inventory/systems/" + std::to_string(system_id) + "/responsibilities";
}

std::string customer_href(int64_t id) {
  return "/third-parties/customers/" + std::to_string(id);
}

Result<Finding> allocation_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const inventory::Scope scope, inventory::scope(db, org));
  Finding f;
  int with_duties = 0;
  for (const auto& s : scope.in_scope) {
    TRY_ASSIGN(const Matrix m, matrix(db, org, s.id));
    if (std::none_of(m.rows.begin(), m.rows.end(), [](const auto& r) { return r.of_role; }))
      continue;
    ++with_duties;
    if (m.gaps > 0)
      f.links.push_back(
          {s.name + " (" + readiness::counted(m.gaps, "gap", "gaps") + ")", split_href(s.id)});
  }
  if (with_duties == 0) {
    f.status = Status::met;
    f.reason =
        "No AI system in scope is high-risk or has transparency obligations under the EU "
        "AI Act, so no duty waits to be allocated.";
    return f;
  }
  const std::string systems =
      readiness::counted(with_duties, "AI system in scope has", "AI systems in scope have");
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = systems + " EU AI Act duties; each duty is carried by a named party and agreed.";
    f.links = {{"Responsibilities", "/third-parties/responsibilities"}};
    return f;
  }
  f.status = f.links.size() < size_t(with_duties) ? Status::partial : Status::not_met;
  f.reason = systems + " EU AI Act duties; " +
             readiness::counted(int64_t(f.links.size()), "of them has", "of them have") +
             " duties nobody carries yet or not yet agreed.";
  f.fix = {"Split of " + f.links.front().label, f.links.front().href};
  return f;
}

// The incidents of `systems` that no customer notice names.
Result<std::vector<readiness::Link>> unnotified_incidents(store::Database& db, int64_t org,
                                                          const std::set<int64_t>& systems) {
  const auto* incidents = records::find("incident");
  std::vector<readiness::Link> out;
  if (!incidents || systems.empty()) return out;
  TRY_ASSIGN(const auto notices, records::list_all(db, customer_notices(), org));
  std::set<int64_t> notified;
  for (const auto& n : notices)
    for (int64_t id : n.ids("incident_id"))
      notified.insert(id);
  for (int64_t system : systems) {
    TRY_ASSIGN(const auto found,
               records::list_all(db, *incidents, org,
                                 {.filters = {{"system_id", std::to_string(system)}}}));
    for (const auto& i : found)
      if (!notified.count(i.id))
        out.push_back({incidents->display_name(i),
                       std::string(incidents->page_path) + "/" + std::to_string(i.id)});
  }
  return out;
}

Result<Finding> customers_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const inventory::Scope scope, inventory::scope(db, org));
  std::set<int64_t> in_scope;
  for (const auto& s : scope.in_scope)
    in_scope.insert(s.id);
  TRY_ASSIGN(const auto all, records::list_all(db, customers(), org));
  Finding f;
  f.fix = {"Customers", "/third-parties/customers"};
  std::set<int64_t> received;
  int counted = 0;
  for (const auto& c : all) {
    bool of_scope = false;
    for (int64_t id : c.ids("system_ids"))
      if (in_scope.count(id)) {
        received.insert(id);
        of_scope = true;
      }
    if (!of_scope) continue;
    ++counted;
    const bool informed = c.is_set("information_received") || !c.ids("document_ids").empty();
    if (!informed || !c.is_set("acknowledged_on"))
      f.links.push_back({c.text("name") + (informed ? " (obligations not acknowledged)"
                                                    : " (no information recorded)"),
                         customer_href(c.id)});
  }
  if (counted == 0) {
    f.reason =
        "No customer of an AI system in scope is recorded; record the customers, or "
        "exclude A.10.4 in the Statement of Applicability if there are none.";
    return f;
  }
  TRY_ASSIGN(const auto unnotified, unnotified_incidents(db, org, received));
  const std::string customers_text =
      readiness::counted(counted, "customer receives", "customers receive") +
      " AI systems in scope";
  if (f.links.empty() && unnotified.empty()) {
    f.status = Status::met;
    f.reason = customers_text +
               "; each was informed and acknowledged its obligations, and every "
               "incident of those systems was notified.";
    f.links = {{"Customers", "/third-parties/customers"},
               {"Customer notices", "/third-parties/customer-notices"}};
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  std::string gaps;
  if (!f.links.empty())
    gaps = readiness::counted(int64_t(f.links.size()), "customer lacks", "customers lack") +
           " information or an acknowledgement";
  if (!unnotified.empty()) {
    if (!gaps.empty()) gaps += ", and ";
    gaps += readiness::counted(int64_t(unnotified.size()), "incident", "incidents") +
            " of their systems no customer notice names";
    if (f.links.empty()) f.fix = {"Send a customer notice", "/third-parties/customer-notices/new"};
  }
  f.links.insert(f.links.end(), unnotified.begin(), unnotified.end());
  f.reason = customers_text + "; " + gaps + ".";
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({"iso-iec-42001-2023",
                         "A.10.2",
                         {"AI system inventory", "responsibilities: duties by party"},
                         allocation_rule});
    readiness::add_rule(
        {"iso-iec-42001-2023",
         "A.10.4",
         {"customers: information and acknowledgements", "customer notices", "incidents"},
         customers_rule});
  });
}

}  // namespace aims::customers
