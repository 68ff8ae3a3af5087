// What resource records prove for readiness: 7.1 (an approved resource plan for today, with the
// AIMS roles staffed), A.4.2 (each system's resources documented), A.4.4 (tools) and A.4.5
// (compute). A.4.4 and A.4.5 replace the inventory's earlier rules, which could read only the
// models and the deployment environment because tools and compute had no register of their own.
#include <map>
#include <mutex>
#include <set>

#include "base/time.h"
#include "inventory/inventory.h"
#include "resources/resources.h"
#include "roles/roles.h"

namespace aims::resources {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

// The AI systems in scope past design: those whose resources Annex A.4 expects on record (the
// inventory's A.4.3 rule asks the same systems).
Result<std::vector<Record>> systems_past_design(store::Database& db, int64_t org) {
  TRY_ASSIGN(auto systems, records::list_all(db, inventory::ai_systems(), org,
                                             {.filters = {{"in_scope", "true"}}}));
  std::erase_if(systems, [](const Record& s) { return s.text("lifecycle_stage") == "design"; });
  return systems;
}

// AI system id -> the records of `d` that say the system uses them.
Result<std::map<int64_t, std::vector<Record>>> used_by_system(store::Database& db,
                                                              const records::Description& d,
                                                              int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, d, org));
  std::map<int64_t, std::vector<Record>> out;
  for (const auto& r : all)
    for (int64_t system : r.ids("system_ids"))
      out[system].push_back(r);
  return out;
}

std::string joined(const std::vector<std::string>& parts, const char* last = " and ") {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? last : ", ") + parts[i];
  return out;
}

// The finding over systems past design of which `short_of` fall short (with what each lacks):
// not met when all do, partly met when some do.
Finding systems_finding(const std::vector<Record>& systems,
                        const std::vector<std::pair<Record, std::string>>& short_of,
                        const std::string& met_reason, readiness::Link fix) {
  Finding f;
  if (systems.empty()) {
    f.reason = "No AI system in scope is past design yet, so no resources are recorded for one.";
    f.fix = {"AI systems", inventory::ai_systems().page_path};
    return f;
  }
  if (short_of.empty()) {
    f.status = Status::met;
    f.reason = met_reason;
    return f;
  }
  f.status = short_of.size() == systems.size() ? Status::not_met : Status::partial;
  std::vector<std::string> each;
  for (const auto& [system, lacks] : short_of) {
    f.links.push_back(link_to(inventory::ai_systems(), system));
    each.push_back(f.links.back().label + " " + lacks);
  }
  f.reason = readiness::counted(int64_t(short_of.size()), "AI system", "AI systems") + " of " +
             std::to_string(systems.size()) + " in scope past design fall" +
             (short_of.size() == 1 ? "s" : "") + " short: " + joined(each, "; ") + ".";
  f.fix = fix.href.empty() ? Link{fix.label, f.links.front().href + "/edit"} : std::move(fix);
  return f;
}

std::string each_of(const std::vector<Record>& systems) {
  return "Each of the " + readiness::counted(int64_t(systems.size()), "AI system", "AI systems") +
         " in scope past design";
}

Finding combined(Finding plan, const Finding& staffing) {
  Finding f = std::move(plan);
  if (f.status == Status::met && staffing.status == Status::met)
    f.status = Status::met;
  else if (f.status == Status::not_met && staffing.status == Status::not_met)
    f.status = Status::not_met;
  else
    f.status = Status::partial;
  f.reason += " " + staffing.reason;
  f.links.insert(f.links.end(), staffing.links.begin(), staffing.links.end());
  if (f.fix.label.empty()) f.fix = staffing.fix;
  return f;
}

Result<Finding> resources_rule(store::Database& db, int64_t org) {
  const std::string today = now_timestamp().substr(0, 10);
  TRY_ASSIGN(Finding plan, plan_finding(db, org, today));
  TRY_ASSIGN(const Finding staffing, roles::staffing_finding(db, org));
  return combined(std::move(plan), staffing);
}

Result<Finding> tools_rule(store::Database& db, int64_t org) {
  return tools_finding(db, org, now_timestamp().substr(0, 10));
}

}  // namespace

Result<Finding> plan_finding(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto plans, records::list_all(db, resource_plans(), org));
  Finding f;
  f.fix = {"Resource plans", resource_plans().page_path};
  const Record* current = nullptr;
  const Record* pending = nullptr;
  for (const auto& p : plans) {
    if (!(p.text("period_start") <= today && today <= p.text("period_end"))) continue;
    if (p.state == "approved") current = &p;
    if (p.state == "draft" || p.state == "submitted") pending = &p;
  }
  if (current) {
    f.status = Status::met;
    f.reason = "The resource plan \"" + resource_plans().display_name(*current) + "\" (" +
               current->text("period_start") + " to " + current->text("period_end") +
               ") is approved by top management.";
    f.links.push_back(link_to(resource_plans(), *current));
    f.fix = {};
    return f;
  }
  if (pending) {
    f.status = Status::partial;
    f.reason = "The resource plan \"" + resource_plans().display_name(*pending) +
               "\" for today is not yet approved by top management.";
    f.links.push_back(link_to(resource_plans(), *pending));
    f.fix = f.links.back();
    return f;
  }
  f.reason = "No approved resource plan's period includes today (" + today + ").";
  return f;
}

Result<Finding> documented_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_past_design(db, org));
  TRY_ASSIGN(const auto tools_of, used_by_system(db, tools(), org));
  TRY_ASSIGN(const auto compute_of, used_by_system(db, compute_resources(), org));
  std::vector<std::pair<Record, std::string>> short_of;
  for (const auto& s : systems) {
    std::vector<std::string> missing;
    if (s.ids("model_ids").empty()) missing.push_back("models");
    if (s.ids("dataset_ids").empty()) missing.push_back("datasets");
    if (!tools_of.count(s.id)) missing.push_back("tools");
    if (!compute_of.count(s.id)) missing.push_back("compute");
    if (!s.is_set("owner_id")) missing.push_back("an owner");
    if (!missing.empty()) short_of.emplace_back(s, "names no " + joined(missing, " or "));
  }
  return systems_finding(
      systems, short_of,
      each_of(systems) + " names its models, datasets, tools, compute and accountable owner.",
      {"Record the missing resources", ""});
}

Result<Finding> tools_finding(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto systems, systems_past_design(db, org));
  TRY_ASSIGN(const auto tools_of, used_by_system(db, tools(), org));
  std::vector<std::pair<Record, std::string>> short_of;
  std::set<int64_t> used;
  for (const auto& s : systems) {
    const auto found = tools_of.find(s.id);
    if (found == tools_of.end()) {
      short_of.emplace_back(s, "uses no tool on record");
      continue;
    }
    std::vector<std::string> problems;
    for (const auto& t : found->second) {
      used.insert(t.id);
      const std::string name = tools().display_name(t);
      if (!t.is_set("tool_version")) problems.push_back(name + " states no version");
      if (t.is_set("next_review_on") && t.text("next_review_on") < today)
        problems.push_back(name + " is past its review (" + t.text("next_review_on") + ")");
    }
    if (!problems.empty()) short_of.emplace_back(s, "uses tools where " + joined(problems));
  }
  return systems_finding(systems, short_of,
                         each_of(systems) + " uses tools on record (" +
                             std::to_string(used.size()) +
                             "), each with its version and within its review date.",
                         {"Record the tools", std::string(tools().page_path) + "/new"});
}

Result<Finding> compute_finding(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto systems, systems_past_design(db, org));
  TRY_ASSIGN(const auto compute_of, used_by_system(db, compute_resources(), org));
  std::vector<std::pair<Record, std::string>> short_of;
  for (const auto& s : systems)
    if (!compute_of.count(s.id)) short_of.emplace_back(s, "runs on no compute resource on record");
  return systems_finding(
      systems, short_of, each_of(systems) + " runs on a compute resource on record.",
      {"Record the compute", std::string(compute_resources().page_path) + "/new"});
}

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "7.1",
                         {"resource plans: approved for today", "AIMS roles: minimum holders"},
                         resources_rule});
    readiness::add_rule(
        {kIso42001,
         "A.4.2",
         {"AI system inventory: models, datasets and owner", "tools", "compute resources"},
         [](store::Database& db, int64_t org) { return documented_finding(db, org); }});
    readiness::add_rule(
        {kIso42001, "A.4.4", {"tools: version and review per AI system"}, tools_rule});
    readiness::add_rule(
        {kIso42001,
         "A.4.5",
         {"compute resources per AI system"},
         [](store::Database& db, int64_t org) { return compute_finding(db, org); }});
  });
}

}  // namespace aims::resources
