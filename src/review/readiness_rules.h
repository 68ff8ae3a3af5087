// The readiness rules of the review module with the day they judge by passed in, so tests fix it
// (private to review/ and its tests).
#pragma once

#include "readiness/readiness.h"
#include "store/database.h"

namespace aims::review {

// A management review held within the last 12 months, or the next planned one not yet overdue.
inline constexpr int64_t kReviewIntervalDays = 365;
// An objective measured by hand counts as measured within its interval when its latest value is
// at most this old: objectives carry no interval of their own, and a quarter is the longest the
// AIMS manager's quarterly report to top management allows.
inline constexpr int64_t kMeasurementIntervalDays = 92;

// 9.1: every active monitor has a run within its interval and every active objective a value
// within kMeasurementIntervalDays of `now` (a timestamp). Here rather than in monitoring/ or
// objectives/ because it reads both, as the review's pack does.
Result<readiness::Finding> monitoring_rule(store::Database& db, int64_t org,
                                           const std::string& now);
// 9.3.1: reviews held within the planned interval of `today` (YYYY-MM-DD).
Result<readiness::Finding> held_rule(store::Database& db, int64_t org, const std::string& today);
// 9.3.2: the last held review's frozen pack has every input section.
Result<readiness::Finding> inputs_rule(store::Database& db, int64_t org);
// 9.3.3: the last held review's decisions are actions with owner and due date, none overdue.
Result<readiness::Finding> outputs_rule(store::Database& db, int64_t org, const std::string& today);

}  // namespace aims::review
