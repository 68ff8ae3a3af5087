// The Art. 73 reporting clock as a pure function of the kind, the instants and now.
#include "improvement/clock.h"

#include "base/time.h"

namespace aims::improvement {
namespace {

constexpr int64_t kMicros = 1'000'000;
constexpr int64_t kMinute = 60, kHour = 3600, kDay = 86400;

std::string plural(int64_t n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

}  // namespace

std::optional<int> report_days(std::string_view kind) {
  if (kind == "general") return kGeneralReportDays;
  if (kind == "death") return kDeathReportDays;
  if (kind == "critical") return kCriticalReportDays;
  return std::nullopt;
}

Result<ReportingClock> reporting_clock(std::string_view kind, std::string_view aware_at,
                                       std::optional<std::string_view> sent_at,
                                       std::string_view now) {
  const auto days = report_days(kind);
  if (!days) return Error::invalid("serious_kind", "choose the kind of serious incident");
  const auto aware = parse_timestamp(aware_at);
  if (!aware) return Error::invalid("became_aware_at", "say when the organisation became aware");
  const auto at = parse_timestamp(now);
  if (!at) return Error::invalid("now", "now must be a timestamp");
  ReportingClock clock;
  const int64_t deadline = *aware + int64_t{*days} * kDay * kMicros;
  clock.deadline = format_timestamp(deadline);
  if (sent_at) {
    const auto sent = parse_timestamp(*sent_at);
    if (!sent) return Error::invalid("report_sent_at", "report sent at must be a date and time");
    clock.state = ClockState::stopped;
    clock.seconds_left = (deadline - *sent) / kMicros;
    clock.late = *sent > deadline;
    return clock;
  }
  clock.seconds_left = (deadline - *at) / kMicros;
  clock.state = clock.seconds_left < 0       ? ClockState::overdue
                : clock.seconds_left <= kDay ? ClockState::due_within_day
                                             : ClockState::running;
  return clock;
}

std::string span_text(int64_t seconds) {
  const int64_t s = seconds < 0 ? -seconds : seconds;
  if (s >= kDay) {
    const int64_t hours = (s % kDay) / kHour;
    return plural(s / kDay, "day") + (hours ? " " + plural(hours, "hour") : "");
  }
  if (s >= kHour) return plural(s / kHour, "hour");
  return plural(s / kMinute, "minute");
}

std::string_view state_label(ClockState state) {
  switch (state) {
    case ClockState::running:
      return "Running";
    case ClockState::due_within_day:
      return "Due within a day";
    case ClockState::overdue:
      return "Overdue";
    case ClockState::stopped:
      return "Stopped by the report";
  }
  return "";
}

std::string_view state_key(ClockState state) {
  switch (state) {
    case ClockState::running:
      return "running";
    case ClockState::due_within_day:
      return "due_within_day";
    case ClockState::overdue:
      return "overdue";
    case ClockState::stopped:
      return "stopped";
  }
  return "";
}

}  // namespace aims::improvement
