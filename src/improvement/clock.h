// The EU AI Act Art. 73 reporting clock of a serious incident: when the report to the market
// surveillance authority is due, how long is left and whether the report sent stopped it. Pure,
// so the time is a parameter and tests fix it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "records/record.h"
#include "store/database.h"

namespace aims::improvement {

// Art. 73(2), (4) and (3): the days from awareness to the report, by kind of serious incident.
constexpr int kGeneralReportDays = 15;
constexpr int kDeathReportDays = 10;
constexpr int kCriticalReportDays = 2;

enum class ClockState {
  running,         // more than a day left
  due_within_day,  // a day or less left: shown red
  overdue,         // the deadline passed without a report
  stopped,         // the report was sent (on time or late: see ReportingClock::late)
};

struct ReportingClock {
  std::string deadline;      // the instant the report is due, as a stored timestamp
  int64_t seconds_left = 0;  // until the deadline from now (negative once passed); at the report
                             // when stopped
  ClockState state = ClockState::running;
  bool late = false;  // stopped by a report sent after the deadline
};

// Art. 73 binds providers of high-risk AI systems: the clock runs only for an incident of a
// system classed high-risk in the inventory.
bool clock_applies_to(const records::Record& system);

// The days a kind allows: "general" 15, "death" 10, "critical" (widespread infringement or
// serious and irreversible disruption of critical infrastructure) 2. nullopt for any other text.
std::optional<int> report_days(std::string_view kind);

// The clock of an incident of `kind` the organisation became aware of at `aware_at`, reported at
// `sent_at` (nullopt: not yet), read at `now`; instants as base/time.h parses them.
// Errors: invalid_argument naming serious_kind, became_aware_at or report_sent_at.
Result<ReportingClock> reporting_clock(std::string_view kind, std::string_view aware_at,
                                       std::optional<std::string_view> sent_at,
                                       std::string_view now);

// "2 days 4 hours", "5 hours", "40 minutes": a span as people read it (the sign is ignored).
std::string span_text(int64_t seconds);
std::string_view state_label(ClockState state);  // "Running", "Due within a day", ...
std::string_view state_key(ClockState state);    // "running", "due_within_day", ...

}  // namespace aims::improvement

namespace aims::improvement {

// An incident's clock as its pages show it: whether it applies (and why not), the clock, the
// kind's label.
struct IncidentClock {
  bool applies = false;
  std::string why_not;  // when it does not apply: the system is not classed high-risk
  ReportingClock clock;
  std::string kind;
};

// The clock of `incident` at `now`; nullopt unless it is marked serious with its kind and the
// moment of awareness. Reads the incident's AI system for its EU AI Act class.
Result<std::optional<IncidentClock>> incident_clock(store::Database& db, int64_t org,
                                                    const records::Record& incident,
                                                    std::string_view now);

}  // namespace aims::improvement

namespace aims::improvement {

// Warns once about each serious incident whose report has a day or less left at `now` (or is
// overdue): the incident.clock webhook event and an email to its owner, or its AI system's owner,
// with the warning noted on the incident in the same transaction. Returns how many were warned.
Result<int> warn_reporting_clocks(store::Database& db, int64_t org, std::string_view now);
// The same for every organisation: what aims serve runs every few minutes.
Result<int> warn_reporting_clocks(store::Database& db, std::string_view now);

// Adds the readiness rule for A.8.4 (incidents owned, serious ones reported within their clock);
// once.
void define_incident_readiness_rule();

}  // namespace aims::improvement
