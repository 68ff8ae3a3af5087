// Frozen versions (private to records/): when a move completes an approval, the record as it then
// is becomes a numbered version that the database keeps unchanged for good.
#pragma once

#include "records/records.h"

namespace aims::records {

// Stores `record` (already written with its new frozen number) as that version.
Status freeze(const WriteContext& ctx, const Description& d, const Record& record,
              const std::string& reason);

}  // namespace aims::records
