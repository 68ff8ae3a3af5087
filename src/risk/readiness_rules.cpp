// What risk records prove for readiness: criteria adopted and risks recorded (6.1.1), each AI
// system in scope assessed against them (6.1.2), assessments kept current (8.2), and treatment
// carried out and checked (8.3).
#include <map>
#include <mutex>
#include <set>

#include "base/time.h"
#include "inventory/inventory.h"
#include "readiness/readiness.h"
#include "risk/risk.h"

namespace aims::risk {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

readiness::Link link_to(const records::Record& r) {
  return {r.text("title"), "/risk/risks/" + std::to_string(r.id)};
}

std::string today() {
  return now_timestamp().substr(0, 10);
}

Result<Finding> criteria_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const Criteria c, current_criteria(db, org));
  TRY_ASSIGN(const auto all, open_risks(db, org));
  Finding f;
  f.fix = {"Risk criteria", "/risk/criteria"};
  if (c.version == 0) {
    f.status = all.empty() ? Status::not_met : Status::partial;
    f.reason =
        "The organisation has not adopted risk criteria; risks are scored with aims' "
        "default scales.";
    return f;
  }
  const std::string adopted = "Risk criteria version " + std::to_string(c.version) +
                              " adopted on " + c.changed_at.substr(0, 10) +
                              " (owners accept up to " + level_label(c.threshold) + ")";
  if (all.empty()) {
    f.status = Status::partial;
    f.reason = adopted + ", but no risk is recorded yet.";
    f.fix = {"Add a risk from the library", "/risk/library"};
    return f;
  }
  f.status = Status::met;
  f.reason = adopted + "; " +
             readiness::counted(int64_t(all.size()), "open risk is", "open risks are") +
             " recorded with owners.";
  f.links = {{"Risk criteria", "/risk/criteria"}, {"Risk register", "/risk/risks"}};
  f.fix = {};
  return f;
}

// Each AI system in scope needs a risk about it that has been scored.
Result<Finding> assessment_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto scope, inventory::scope(db, org));
  TRY_ASSIGN(const auto all, open_risks(db, org));
  std::map<int64_t, int> assessed;
  for (const auto& r : all)
    if (r.state != "identified" && r.is_set("inherent_level"))
      for (int64_t id : r.ids("system_ids"))
        ++assessed[id];
  Finding f;
  for (const auto& s : scope.in_scope)
    if (!assessed.count(s.id))
      f.links.push_back({s.name, "/inventory/systems/" + std::to_string(s.id)});
  const size_t total = scope.in_scope.size();
  if (total == 0) {
    f.reason = "No AI system is in scope, so none has been assessed.";
    f.fix = {"AI systems", "/inventory/systems"};
    return f;
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason =
        (total == 1 ? std::string("The one AI system in scope has")
                    : "Every one of the " + std::to_string(total) + " AI systems in scope has") +
        " risks assessed against the criteria.";
    return f;
  }
  f.status = f.links.size() == total ? Status::not_met : Status::partial;
  f.reason =
      std::to_string(f.links.size()) + " of " +
      readiness::counted(int64_t(total), "AI system in scope has", "AI systems in scope have") +
      " no assessed risk.";
  f.fix = {"Add a risk from the library", "/risk/library"};
  return f;
}

Result<Finding> currency_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, open_risks(db, org));
  Finding f;
  f.fix = {"Risk register", "/risk/risks"};
  if (all.empty()) {
    f.reason = "No risk is recorded, so none has been assessed or reviewed.";
    return f;
  }
  const std::string now = today();
  int64_t overdue = 0, raised = 0;
  for (const auto& r : all) {
    const bool late = r.is_set("next_review") && r.text("next_review") < now;
    overdue += late;
    raised += r.is_set("review_raised_on");
    if (late || r.is_set("review_raised_on")) f.links.push_back(link_to(r));
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (all.size() == 1 ? std::string("The one open risk is")
                                : "All " + std::to_string(all.size()) + " open risks are") +
               " within their review dates and no indicator breach awaits review.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason =
      std::to_string(overdue) + " of " +
      (all.size() == 1 ? std::string("1 open risk is past its review date")
                       : std::to_string(all.size()) + " open risks are past their review date") +
      "; " + std::to_string(raised) + (raised == 1 ? " has" : " have") +
      " a review raised by an indicator breach.";
  f.fix = f.links.front();
  return f;
}

Result<Finding> treatment_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, open_risks(db, org));
  TRY_ASSIGN(const auto actions, records::list_all(db, treatment_actions(), org));
  std::set<int64_t> live;
  for (const auto& r : all)
    live.insert(r.id);
  std::map<int64_t, int> per_risk;
  int64_t counted_actions = 0, done = 0, late = 0;
  const std::string now = today();
  for (const auto& a : actions) {
    const auto risk = a.ids("risk_id");
    if (risk.empty() || !live.count(risk.front())) continue;  // a closed risk's actions are moot
    ++per_risk[risk.front()];
    ++counted_actions;
    done += a.state == "done";
    late += (a.state == "planned" || a.state == "in_progress") && a.text("due_date") < now;
  }
  Finding f;
  f.fix = {"Treatment actions", "/risk/actions"};
  for (const auto& r : all)
    if (r.state == "in_treatment" && !per_risk.count(r.id)) f.links.push_back(link_to(r));
  if (counted_actions == 0) {
    f.reason = "No treatment action is recorded for an open risk.";
    return f;
  }
  const std::string counts =
      readiness::counted(counted_actions, "treatment action", "treatment actions") + ", " +
      std::to_string(done) + " done with their effect checked, " + std::to_string(late) +
      " overdue";
  if (f.links.empty() && late == 0) {
    f.status = Status::met;
    f.reason = counts + "; every risk in treatment has actions.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = counts + "; " +
             readiness::counted(int64_t(f.links.size()), "risk in treatment has",
                                "risks in treatment have") +
             " no action.";
  if (!f.links.empty()) f.fix = f.links.front();
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001, "6.1.1", {"risk criteria", "risk register"}, criteria_rule});
    readiness::add_rule(
        {kIso42001, "6.1.2", {"risk register: risks per AI system in scope"}, assessment_rule});
    readiness::add_rule(
        {kIso42001, "8.2", {"risk register: review dates and indicator breaches"}, currency_rule});
    readiness::add_rule(
        {kIso42001, "8.3", {"treatment actions and their effectiveness checks"}, treatment_rule});
  });
}

}  // namespace aims::risk
