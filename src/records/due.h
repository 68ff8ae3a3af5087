// Due dates as people's work: what one person must act on (overdue, due this week, later in the
// next 30 days), the approvals waiting for them, and the organisation's overdue counts, across
// every register. Days are UTC calendar days, and `today` is a parameter so tests fix the clock.
// Archived records and records in a done state (State::done) are nobody's work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/records.h"

namespace aims::records {

constexpr int kWeekDays = 7;      // "this week": today and the six days after it
constexpr int kHorizonDays = 30;  // My work looks this far ahead

struct DueItem {
  const Description* register_ = nullptr;
  const Field* field = nullptr;  // which of the record's due dates
  int64_t id = 0;
  std::string name;
  std::string date;       // YYYY-MM-DD
  int64_t days_left = 0;  // 0 on the day itself; negative: overdue by that many days
};

struct AwaitingApproval {
  const Description* register_ = nullptr;
  int64_t id = 0;
  std::string name;
  const State* state = nullptr;
  const Transition* transition = nullptr;  // the move the approval counts towards
  int given = 0;                           // approvals given so far, of transition->approvals
  std::string since;                       // when the record entered its state
};

struct MyWork {
  std::vector<DueItem> overdue;    // before today, the longest overdue first
  std::vector<DueItem> this_week;  // from today to today + 6
  std::vector<DueItem> later;      // from today + 7 to today + 30
  std::vector<AwaitingApproval> awaiting;
};

// The work of `person` (a signed-in user: their id and role) in the organisation. A record is
// theirs when one of its responsible fields names them, or none is set and they wrote it.
// Errors: invalid_argument on "today" when it is not a date.
Result<MyWork> my_work(store::Database& db, int64_t org, const Caller& person,
                       std::string_view today);

// Every due date `person` answers for, up to `days_ahead` days after today (overdue ones
// included), by date: the calendar feed. Errors: invalid_argument on "today".
Result<std::vector<DueItem>> due_for(store::Database& db, int64_t org, int64_t person,
                                     std::string_view today, int days_ahead);

struct OverdueCount {
  const Description* register_ = nullptr;
  int64_t records = 0;  // records with at least one due date before today
};
// The registers that have overdue records, with how many; with `person`, only theirs.
// Errors: invalid_argument on "today".
Result<std::vector<OverdueCount>> overdue_counts(store::Database& db, int64_t org,
                                                 std::string_view today,
                                                 std::optional<int64_t> person = std::nullopt);

// The UTC day of a stored timestamp ("2026-12-06T08:30:00.000000Z" -> "2026-12-06").
std::string day_of(std::string_view timestamp);

}  // namespace aims::records
