// What the inventory proves for readiness: the scope (clause 4.3) from the scope statement and
// every system's in-or-out decision; the resources of Annex A.4 from what each system past design
// records: its datasets (A.4.3), its models (A.4.4), where it runs and on whose platform (A.4.5).
#include <mutex>
#include <set>

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

// The records of `d` that `systems` refer to through `key`. Archived ones are included: a system
// that still names an archived model still runs on it.
Result<std::vector<Record>> referred_by(store::Database& db, const records::Description& d,
                                        int64_t org, const std::vector<Record>& systems,
                                        const char* key) {
  std::set<int64_t> ids;
  for (const auto& s : systems) {
    for (int64_t id : s.ids(key))
      ids.insert(id);
  }
  if (ids.empty()) return std::vector<Record>{};
  TRY_ASSIGN(auto all, records::list_all(db, d, org, {.archived = records::Archived::include}));
  std::erase_if(all, [&](const Record& r) { return !ids.count(r.id); });
  return all;
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

// A model is traceable once its version and where it comes from are known: in-house, or the
// supplier named. The register asks for both, so a gap here is a record written around its
// checks (an older import, a direct database write).
bool untraceable(const Record& m) {
  const std::string provider = m.text("provider");
  const bool source_known =
      provider == "in_house" || (provider == "supplier" && m.is_set("supplier_id"));
  return !m.is_set("model_version") || !source_known;
}

// Tooling resources: each system past design names the models it runs, and each of those models
// its version and source.
Result<Finding> tooling_resources_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_past_design(db, org));
  TRY_ASSIGN(const auto used, referred_by(db, models(), org, systems, "model_ids"));
  const Ask named =
      ask(systems_that("names no model", "name no model", "Record the models"), ai_systems(),
          systems, [](const Record& s) { return s.ids("model_ids").empty(); });
  const Ask traced = ask({"model", "models", "they run", "records no version or no source",
                          "record no version or no source", "Record the version and source"},
                         models(), used, untraceable);
  return resource_finding("tooling resources", named, {traced},
                          each_of(systems) + " names the models it runs, and each model (" +
                              std::to_string(used.size()) + ") records its version and source.");
}

// System and computing resources: each system past design says where it runs, and each supplier
// whose platform it runs on has at least begun to be assessed.
Result<Finding> computing_resources_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_past_design(db, org));
  TRY_ASSIGN(auto platforms, referred_by(db, suppliers(), org, systems, "supplier_ids"));
  std::erase_if(platforms, [](const Record& v) { return v.text("provides") != "platform"; });
  const Ask placed = ask(systems_that("records no deployment environment",
                                      "record no deployment environment", "Record where it runs"),
                         ai_systems(), systems,
                         [](const Record& s) { return !s.is_set("deployment_environment"); });
  const Ask assessed = ask({"platform supplier", "platform suppliers", "they run on",
                            "is not yet assessed", "are not yet assessed", "Start the assessment"},
                           suppliers(), platforms, [](const Record& v) {
                             return v.text("assessment_status") == "not_started";
                           });
  return resource_finding(
      "computing resources", placed, {assessed},
      each_of(systems) + " records where it runs" +
          (platforms.empty()
               ? std::string("; none runs on a supplier's platform.")
               : ", and each platform supplier they run on (" + std::to_string(platforms.size()) +
                     ") is assessed or being assessed."));
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {kIso42001, "4.3", {"AIMS scope statement", "AI system inventory"}, scope_rule});
    readiness::add_rule(
        {kIso42001, "A.4.3", {"AI system inventory: datasets per system"}, data_resources_rule});
    readiness::add_rule({kIso42001,
                         "A.4.4",
                         {"AI system inventory: models per system", "models: version and source"},
                         tooling_resources_rule});
    readiness::add_rule({kIso42001,
                         "A.4.5",
                         {"AI system inventory: deployment environment per system",
                          "suppliers: platform suppliers' assessment"},
                         computing_resources_rule});
  });
}

}  // namespace aims::inventory
