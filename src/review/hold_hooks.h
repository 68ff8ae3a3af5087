// The hooks of a management review's hold (private to review/): the pack compiled for the hold's
// transaction, and the check that top management attended.
#pragma once

#include "records/records.h"

namespace aims::review {

// Refuses the hold unless an attendee holds, on the day held, an AIMS role marked as top
// management (the platform refuses one that does not come through review::hold).
Status check_hold(const records::WriteContext& ctx, const records::Record& review,
                  const records::Transition& t);
// Writes the pack review::hold compiled into the review as it moves to held.
Status write_pack(const records::WriteContext& ctx, records::Record& after,
                  const records::Record* before);

}  // namespace aims::review
