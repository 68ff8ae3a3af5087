// What the inventory proves for readiness: the scope (clause 4.3) from the scope statement and
// every system's in-or-out decision; the data resources of Annex A.4.3 from the datasets each
// system past design names. Tools (A.4.4) and compute (A.4.5) have registers of their own in the
// resources module, whose rules prove them.
#include <mutex>

#include "inventory/inventory.h"
#include "readiness/readiness.h"
#include "records/records.h"

namespace aims::inventory {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

// A record as the finding links it: its name, and its page.
Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
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

// The AI systems in scope past design: those whose resources Annex A.4 expects on record.
Result<std::vector<Record>> systems_past_design(store::Database& db, int64_t org) {
  TRY_ASSIGN(auto systems,
             records::list_all(db, ai_systems(), org, {.filters = {{"in_scope", "true"}}}));
  std::erase_if(systems, [](const Record& s) { return s.text("lifecycle_stage") == "design"; });
  return systems;
}

// How a reason counts one kind of record that falls short of a resource rule.
struct Words {
  const char* one;         // "AI system"
  const char* many;        // "AI systems"
  const char* among;       // "in scope past design"
  const char* lacks_one;   // "names no model"
  const char* lacks_many;  // "name no model"
  const char* fix;         // "Record the models"
};

Words systems_that(const char* lacks_one, const char* lacks_many, const char* fix) {
  return {"AI system", "AI systems", "in scope past design", lacks_one, lacks_many, fix};
}

// What one question of a resource rule found: how many records it asked, and those short of it.
struct Ask {
  Words words;
  size_t of = 0;
  std::vector<Link> short_of;
};

template <typename FallsShort>
Ask ask(const Words& words, const records::Description& d, const std::vector<Record>& asked,
        FallsShort falls_short) {
  Ask a{words, asked.size(), {}};
  for (const auto& r : asked) {
    if (falls_short(r)) a.short_of.push_back(link_to(d, r));
  }
  return a;
}

// "1 AI system of 2 in scope past design names no model"
std::string shortfall(const Ask& a) {
  const size_t n = a.short_of.size();
  const Words& w = a.words;
  return count_of(n, w.one, w.many) + " of " + std::to_string(a.of) + " " + w.among + " " +
         (n == 1 ? w.lacks_one : w.lacks_many);
}

// "Each of the 2 AI systems in scope past design"
std::string each_of(const std::vector<Record>& systems) {
  return "Each of the " + count_of(systems.size(), "AI system", "AI systems") +
         " in scope past design";
}

// The finding of an Annex A.4 resource rule: not met while every system past design falls short,
// partly met while any system, or any record they refer to, does.
Finding resource_finding(const char* resources, const Ask& systems,
                         const std::vector<Ask>& referred, std::string met_reason) {
  Finding f;
  if (systems.of == 0) {
    f.reason = std::string("No AI system in scope is past design yet, so no ") + resources +
               " are recorded.";
    f.fix = {"AI systems", "/inventory/systems"};
    return f;
  }
  std::vector<const Ask*> gaps;
  if (!systems.short_of.empty()) gaps.push_back(&systems);
  for (const Ask& a : referred) {
    if (!a.short_of.empty()) gaps.push_back(&a);
  }
  if (gaps.empty()) {
    f.status = Status::met;
    f.reason = std::move(met_reason);
    return f;
  }
  f.status = systems.short_of.size() == systems.of ? Status::not_met : Status::partial;
  for (const Ask* a : gaps) {
    f.reason += (f.reason.empty() ? "" : "; ") + shortfall(*a);
    f.links.insert(f.links.end(), a->short_of.begin(), a->short_of.end());
  }
  f.reason += ".";
  f.fix = {gaps.front()->words.fix, gaps.front()->short_of.front().href + "/edit"};
  return f;
}

// A system past design that learns from or runs on data should say which datasets it uses.
Result<Finding> data_resources_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_past_design(db, org));
  const Ask named =
      ask(systems_that("names no dataset", "name no dataset", "Record the datasets"), ai_systems(),
          systems, [](const Record& s) { return s.ids("dataset_ids").empty(); });
  return resource_finding("data resources", named, {},
                          each_of(systems) + " names the datasets it uses.");
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
