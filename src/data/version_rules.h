// The rules of a dataset version that need the write's transaction: its version is unique within
// its dataset, and its lineage has no cycle.
#pragma once

#include "records/records.h"

namespace aims::data {

// Errors: already_exists ("version_label") when another version of the same dataset has this
// version.
Status check_version_unique(const records::WriteContext& ctx, const records::Record& version);
// Errors: invalid_argument ("derived_from_ids") when the version is derived from itself, or from
// a version that is (through any number of steps) derived from it.
Status check_no_cycle(const records::WriteContext& ctx, const records::Record& version);

}  // namespace aims::data
