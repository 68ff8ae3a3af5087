// The invariants analyze() relies on in a reference profile, checked on every profile it is given
// (one read back from JSON, or one assembled in code).
#pragma once

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

// Errors: invalid_argument naming the offending member, e.g. "profile.columns[0].fine.edges".
Status validate_profile(const ReferenceProfile& profile);

}  // namespace aims::monitoring
