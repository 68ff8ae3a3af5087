// Where an objective's values come from: its measurements by hand, its monitor's stored runs, or
// the inventory and impact assessments as they stand today.
#include <algorithm>
#include <set>

#include "impact/impact.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"

namespace aims::objectives {
namespace {

// A monitor's history as far back as a chart can show (line_chart draws the newest 1000).
constexpr int kMonitorPoints = 1000;

Result<std::vector<Sample>> measured_by_hand(store::Database& db, int64_t org, int64_t id) {
  TRY_ASSIGN(const auto all,
             records::list_all(db, measurements(), org,
                               {.filters = {{"objective_id", std::to_string(id)}}}));
  std::vector<Sample> out;
  for (const auto& m : all)
    if (auto v = m.decimal("value")) out.push_back({m.text("measured_on"), *v});
  // By date, as the chart and "latest values" read them: the list comes sorted by title.
  std::stable_sort(out.begin(), out.end(),
                   [](const Sample& a, const Sample& b) { return a.date < b.date; });
  return out;
}

Result<std::vector<Sample>> measured_by_monitor(store::Database& db, int64_t org,
                                                const records::Record& o) {
  const auto monitor = o.ids("monitor_id");
  if (monitor.empty()) return std::vector<Sample>{};
  TRY_ASSIGN(const auto points, monitoring::trend(db, org, monitor.front(), o.text("metric"),
                                                  o.text("metric_scope"), kMonitorPoints));
  std::vector<Sample> out;
  // A run with too few rows for the metric stores no value: a gap, not a measurement.
  for (const auto& p : points)
    if (p.value) out.push_back({p.at.substr(0, 10), *p.value});
  return out;
}

}  // namespace

Plan plan_of(const records::Record& o) {
  return {.baseline = o.decimal("baseline_value"),
          .target = o.decimal("target_value").value_or(0),
          .direction = o.text("direction") == "at_most" ? Direction::at_most : Direction::at_least,
          .start = o.text("start_on"),
          .due = o.text("due_on")};
}

Result<double> impact_share(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto scope, inventory::scope(db, org));
  if (scope.in_scope.empty()) return 0.0;
  TRY_ASSIGN(const auto approved, records::list_all(db, impact::assessments(), org,
                                                    {.filters = {{"state", "approved"}}}));
  std::set<int64_t> assessed;
  for (const auto& a : approved)
    for (int64_t id : a.ids("system_id"))
      assessed.insert(id);
  size_t covered = 0;
  for (const auto& s : scope.in_scope)
    covered += assessed.count(s.id);
  return 100.0 * double(covered) / double(scope.in_scope.size());
}

Result<std::vector<Sample>> series_of(store::Database& db, int64_t org, const records::Record& o,
                                      const std::string& today) {
  const std::string measure = o.text("measure");
  if (measure == kFromMonitor) return measured_by_monitor(db, org, o);
  if (measure == kImpactShare) {
    TRY_ASSIGN(const double share, impact_share(db, org));
    return std::vector<Sample>{{today, share}};
  }
  return measured_by_hand(db, org, o.id);
}

Result<Standing> standing(store::Database& db, int64_t org, const records::Record& o,
                          const std::string& today) {
  Standing s;
  s.plan = plan_of(o);
  TRY_ASSIGN(s.series, series_of(db, org, o, today));
  s.progress = progress(s.plan, s.series, today);
  s.sentence = sentence(s.plan, s.progress, o.text("unit"));
  return s;
}

}  // namespace aims::objectives
