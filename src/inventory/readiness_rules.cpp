// What the inventory proves for readiness: the scope (clause 4.3) from the scope statement and
// every system's in-or-out decision, and data resources (Annex A.4.3) from each system's datasets.
#include <mutex>

#include "inventory/inventory.h"
#include "readiness/readiness.h"
#include "records/records.h"

namespace aims::inventory {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

std::string systems_href(int64_t id) {
  return "/inventory/systems/" + std::to_string(id);
}

// "3 AI systems", "1 AI system"
std::string count_of(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

Result<Finding> scope_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Scope s, scope(db, org));
  Finding f;
  f.fix = {"AIMS scope", "/inventory/scope"};
  f.links.push_back({"AIMS scope statement", "/inventory/scope"});
  const size_t total = s.in_scope.size() + s.excluded.size();
  if (s.statement.empty()) {
    f.status = total > 0 ? Status::partial : Status::not_met;
    f.reason = "No scope statement is written yet" +
               std::string(total > 0 ? "; the inventory already decides which " +
                                           count_of(total, "AI system is", "AI systems are") +
                                           " in or out."
                                     : ", and the inventory holds no AI system.");
    return f;
  }
  if (total == 0) {
    f.status = Status::partial;
    f.reason =
        "The scope statement is written, but the inventory holds no AI system to be in or "
        "out of it.";
    f.fix = {"Add an AI system", "/inventory/systems/new"};
    return f;
  }
  // The inventory refuses an exclusion without a reason, so every system here is decided.
  f.status = Status::met;
  f.reason = "A scope statement is written, and each of the " +
             count_of(total, "AI system", "AI systems") + " in the inventory is in scope (" +
             std::to_string(s.in_scope.size()) + ") or excluded with a reason (" +
             std::to_string(s.excluded.size()) + ").";
  return f;
}

// A system past design that learns from or runs on data should say which datasets it uses.
Result<Finding> data_resources_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems,
             records::list_all(db, ai_systems(), org, {.filters = {{"in_scope", "true"}}}));
  Finding f;
  size_t built = 0;
  for (const auto& s : systems) {
    if (s.text("lifecycle_stage") == "design") continue;
    ++built;
    if (s.ids("dataset_ids").empty()) f.links.push_back({s.text("name"), systems_href(s.id)});
  }
  if (built == 0) {
    f.status = Status::not_met;
    f.reason = "No AI system in scope is past design yet, so no data resources are recorded.";
    f.fix = {"AI systems", "/inventory/systems"};
    return f;
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = "Each of the " + count_of(built, "AI system", "AI systems") +
               " in scope past design names the datasets it uses.";
    return f;
  }
  f.status = f.links.size() == built ? Status::not_met : Status::partial;
  f.reason = count_of(f.links.size(), "AI system", "AI systems") + " of " + std::to_string(built) +
             " in scope past design name no dataset.";
  f.fix = {"Record the datasets", f.links.front().href + "/edit"};
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {kIso42001, "4.3", {"AIMS scope statement", "AI system inventory"}, scope_rule});
    readiness::add_rule(
        {kIso42001, "A.4.3", {"AI system inventory: datasets per system"}, data_resources_rule});
  });
}

}  // namespace aims::inventory
