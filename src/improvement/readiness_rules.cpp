// What nonconformities and corrective actions prove for readiness: that they are acted on in time
// and checked for effect (10.1), and that each is analysed, corrected and closed only once found
// effective (10.2).
#include <map>
#include <mutex>

#include "base/time.h"
#include "improvement/improvement.h"
#include "readiness/readiness.h"

namespace aims::improvement {
namespace {

using readiness::Finding;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";
// A major nonconformity still without a corrective action a month after it was raised: the
// reaction 10.2 asks for has not happened. Certification bodies commonly want a corrective action
// plan for a major finding within about this time, so past it the requirement reads not met.
constexpr int64_t kMajorWithoutActionDays = 30;

std::string today() {
  return now_timestamp().substr(0, 10);
}

readiness::Link link_to(const records::Description& d, const Record& r) {
  return {r.text("title"), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

// "A, B and C"
std::string names_of(const std::vector<readiness::Link>& links) {
  std::string out;
  for (size_t i = 0; i < links.size(); ++i) {
    if (i > 0) out += i + 1 == links.size() ? " and " : ", ";
    out += "\"" + links[i].label + "\"";
  }
  return out;
}

// 10.1 reads the loop turning: corrective actions done by their due day and their effect checked
// when it falls due. Late work is named, since a person closes the gap by opening those records.
Result<Finding> improvement_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto ncs, records::list_all(db, nonconformities(), org));
  TRY_ASSIGN(const auto actions, records::list_all(db, corrective_actions(), org));
  const std::string now = today();
  Finding f;
  f.fix = {"Nonconformities", nonconformities().page_path};
  if (ncs.empty() && actions.empty()) {
    f.reason =
        "No nonconformity or corrective action is recorded, so nothing shows the AIMS being "
        "improved.";
    return f;
  }
  std::vector<readiness::Link> late_actions, late_checks;
  int64_t completed = 0, confirmed = 0;
  for (const auto& a : actions) {
    completed += a.state == "completed";
    if ((a.state == "planned" || a.state == "in_progress") && a.text("due_on") < now)
      late_actions.push_back(link_to(corrective_actions(), a));
  }
  for (const auto& nc : ncs) {
    confirmed += nc.state == "closed" && nc.text("effectiveness_result") == "effective";
    if (nc.state == "actions_done" && nc.is_set("effectiveness_due_on") &&
        nc.text("effectiveness_due_on") < now)
      late_checks.push_back(link_to(nonconformities(), nc));
  }
  const std::string counts =
      readiness::counted(int64_t(actions.size()), "corrective action", "corrective actions") +
      " (" + std::to_string(completed) + " completed), " +
      readiness::counted(confirmed, "nonconformity closed", "nonconformities closed") +
      " with the effect confirmed";
  if (!late_actions.empty() || !late_checks.empty()) {
    f.status = Status::partial;
    std::vector<std::string> parts;
    if (!late_actions.empty())
      parts.push_back(readiness::counted(int64_t(late_actions.size()), "corrective action is",
                                         "corrective actions are") +
                      " past due: " + names_of(late_actions));
    if (!late_checks.empty())
      parts.push_back(readiness::counted(int64_t(late_checks.size()), "effectiveness check is",
                                         "effectiveness checks are") +
                      " overdue: " + names_of(late_checks));
    f.reason = counts + "; " + parts.front() + (parts.size() > 1 ? "; " + parts.back() : "") + ".";
    f.links = late_actions;
    f.links.insert(f.links.end(), late_checks.begin(), late_checks.end());
    f.fix = f.links.front();
    return f;
  }
  if (completed == 0) {
    f.status = Status::partial;
    f.reason = counts + "; none is completed yet, so no improvement is shown so far.";
    f.fix = {"Corrective actions", corrective_actions().page_path};
    return f;
  }
  f.status = Status::met;
  f.reason = counts + "; none is past due and no effectiveness check is overdue.";
  f.fix = {};
  return f;
}

// 10.2 reads each nonconformity's handling: once past "open" it has its root cause and an action,
// once closed its effect checked; a major one left open without an action for a month is not met.
Result<Finding> nonconformity_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto ncs, records::list_all(db, nonconformities(), org));
  TRY_ASSIGN(const auto actions, records::list_all(db, corrective_actions(), org));
  Finding f;
  f.fix = {"Nonconformities", nonconformities().page_path};
  if (ncs.empty()) {
    f.reason =
        "No nonconformity is recorded, so nothing shows how nonconformities found by audits, "
        "incidents, monitoring or reviews are handled.";
    return f;
  }
  std::map<int64_t, int> acting;  // nonconformity -> its actions not cancelled
  for (const auto& a : actions)
    if (a.state != "cancelled" && !a.ids("nonconformity_id").empty())
      ++acting[a.ids("nonconformity_id").front()];
  const auto stale = parse_date_days(today()).value_or(0) - kMajorWithoutActionDays;
  std::vector<readiness::Link> unhandled, unchecked, majors_waiting;
  int64_t closed = 0;
  for (const auto& nc : ncs) {
    const bool has_action = acting.count(nc.id) > 0;
    if (nc.state != "open" && (!nc.is_set("root_cause") || !has_action))
      unhandled.push_back(link_to(nonconformities(), nc));
    if (nc.state == "closed") {
      ++closed;
      if (nc.text("effectiveness_result") != "effective")
        unchecked.push_back(link_to(nonconformities(), nc));
    }
    const auto raised = parse_date_days(nc.text("raised_on"));
    if (nc.state == "open" && nc.text("grade") == "major" && !has_action && raised &&
        *raised < stale)
      majors_waiting.push_back(link_to(nonconformities(), nc));
  }
  const std::string counts =
      readiness::counted(int64_t(ncs.size()), "nonconformity", "nonconformities") + " (" +
      std::to_string(closed) + " closed)";
  if (!majors_waiting.empty()) {
    f.status = Status::not_met;
    f.reason = counts + "; " +
               readiness::counted(int64_t(majors_waiting.size()), "major nonconformity has",
                                  "major nonconformities have") +
               " been open for more than " + std::to_string(kMajorWithoutActionDays) +
               " days without a corrective action: " + names_of(majors_waiting) + ".";
    f.links = majors_waiting;
    f.fix = f.links.front();
    return f;
  }
  if (!unhandled.empty() || !unchecked.empty()) {
    f.status = Status::partial;
    std::vector<std::string> parts;
    if (!unhandled.empty())
      parts.push_back(names_of(unhandled) + (unhandled.size() == 1 ? " lacks" : " lack") +
                      " a root cause or a corrective action");
    if (!unchecked.empty())
      parts.push_back(names_of(unchecked) + (unchecked.size() == 1 ? " was" : " were") +
                      " closed without its effect confirmed");
    f.reason = counts + "; " + parts.front() + (parts.size() > 1 ? "; " + parts.back() : "") + ".";
    f.links = unhandled;
    f.links.insert(f.links.end(), unchecked.begin(), unchecked.end());
    f.fix = f.links.front();
    return f;
  }
  f.status = Status::met;
  f.reason =
      counts + "; every one past open has its root cause and a corrective action, and " +
      (closed == 0 ? std::string("none is closed yet") : "every closed one was found effective") +
      ".";
  f.links = {{"Nonconformities", nonconformities().page_path}};
  f.fix = {};
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "10.1",
                         {"corrective actions: due dates", "nonconformities: effectiveness checks"},
                         improvement_rule});
    readiness::add_rule(
        {kIso42001,
         "10.2",
         {"nonconformities: root cause, actions and effectiveness", "corrective actions"},
         nonconformity_rule});
  });
}

}  // namespace aims::improvement
