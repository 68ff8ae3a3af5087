// What objective records prove for readiness (6.2): objectives are set, each owned, measurable
// (measure, target, due date) and measured, and none has passed its due date unreached without
// being closed as missed.
#include <mutex>

#include "base/time.h"
#include "objectives/objectives.h"
#include "readiness/readiness.h"

namespace aims::objectives {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

readiness::Link link_to(const records::Record& r) {
  return {r.text("title"), "/governance/objectives/" + std::to_string(r.id)};
}

// Owner, measure, target and due date are required fields; a monitor measure whose monitor
// reference is gone leaves the objective unmeasurable.
bool measurable(const records::Record& r) {
  if (!r.is_set("owner_id") || !r.is_set("target_value") || !r.is_set("due_on")) return false;
  return r.text("measure") != kFromMonitor || !r.ids("monitor_id").empty();
}

Result<Finding> objectives_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, objectives(), org));
  const std::string today = now_timestamp().substr(0, 10);
  Finding f;
  f.fix = {"Objectives", "/governance/objectives"};
  int64_t live = 0, unmeasurable = 0, unmeasured = 0, late = 0;
  for (const auto& o : all) {
    if (o.state == "withdrawn") continue;
    ++live;
    TRY_ASSIGN(const Standing s, standing(db, org, o, today));
    const bool bad_measure = !measurable(o), none = s.series.empty();
    // Closed as missed is an honest end, with its reason on the record; open and late is a gap.
    const bool overdue = s.progress.past_due && s.progress.verdict != Verdict::achieved &&
                         o.state != "achieved" && o.state != "missed";
    unmeasurable += bad_measure;
    unmeasured += none;
    late += overdue;
    if (bad_measure || none || overdue) f.links.push_back(link_to(o));
  }
  if (live == 0) {
    f.reason = "No AI objective is set.";
    return f;
  }
  const std::string counts = readiness::counted(live, "objective is", "objectives are") +
                             " set, each with an owner, a measure, a target and a due date";
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = counts + "; every one is measured and none is past due without reaching its target.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = readiness::counted(live, "objective is", "objectives are") +
             " set: " + std::to_string(unmeasurable) + " without a usable measure, " +
             std::to_string(unmeasured) + " not measured yet, " + std::to_string(late) +
             " past due without reaching the target.";
  f.fix = f.links.front();
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule(
        {kIso42001,
         "6.2",
         {"objectives: owners, measures, targets, due dates and their measurements"},
         objectives_rule});
  });
}

}  // namespace aims::objectives
