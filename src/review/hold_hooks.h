// The hooks of a management review's hold (private to review/): the pack staged for the hold's
// transaction, and the check that top management attended.
#pragma once

#include "records/records.h"

namespace aims::review {

// Refuses the hold unless it runs inside review::hold (which staged the compiled pack) and an
// attendee holds, on the day held, an AIMS role marked as top management.
Status check_hold(const records::WriteContext& ctx, const records::Record& review,
                  const records::Transition& t);
// Writes the staged pack into the review as it moves to held.
Status write_pack(const records::WriteContext& ctx, records::Record& after,
                  const records::Record* before);
// Why the platform's own Hold button is closed: the review page's hold form compiles the pack.
Result<std::optional<std::string>> hold_closed(store::Tx& tx, int64_t org,
                                               const records::Record& review,
                                               const records::Transition& t,
                                               const records::Caller& caller);

}  // namespace aims::review
