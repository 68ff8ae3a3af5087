// AI objectives (ISO/IEC 42001 clause 6.2): measurable objectives on the records platform,
// measured by hand, from a monitor's stored runs, or from the organisation's own records (the
// share of AI systems in scope with an approved impact assessment), with their progress against
// the target.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "objectives/progress.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::objectives {

// The objective register: title, statement (and the AI policy it is consistent with), owner, AI
// systems, plan and resources, how it is measured (by hand, a monitor's metric and scope, or the
// impact-assessment share), unit, baseline value and date, target and direction, start and due
// dates. Workflow: planned -> active -> achieved, missed or withdrawn.
const records::Description& objectives();
// Measurements entered by hand: objective, date, value, note. Only for objectives measured by
// hand; the others read their values from where they are kept.
const records::Description& measurements();
void define_registers();
// Adds the readiness rule objectives prove (6.2); once.
void define_readiness_rules();

// The measure kinds of an objective's "measure" field.
inline constexpr const char* kByHand = "manual";
inline constexpr const char* kFromMonitor = "monitor";
inline constexpr const char* kImpactShare = "impact_share";

// What an objective aims at, as progress() reads it.
Plan plan_of(const records::Record& objective);

// The series an objective is measured by, oldest first: its measurements by hand, its monitor's
// stored values of the metric and scope, or, for the impact-assessment share, today's share in
// percent alone: the inventory keeps no history of what was in scope when, so no earlier share
// can be worked out honestly, and the chart draws the baseline and today (YYYY-MM-DD).
Result<std::vector<Sample>> series_of(store::Database& db, int64_t org,
                                      const records::Record& objective, const std::string& today);

// The share of AI systems in scope with an approved impact assessment, in percent (0 with none in
// scope).
Result<double> impact_share(store::Database& db, int64_t org);

struct Standing {
  Plan plan;
  std::vector<Sample> series;
  Progress progress;
  std::string sentence;
};
// An objective's series and progress as of `today` (YYYY-MM-DD).
Result<Standing> standing(store::Database& db, int64_t org, const records::Record& objective,
                          const std::string& today);

}  // namespace aims::objectives
