// The oversight module's own read of the queue table for its metrics (private to the module).
#pragma once

#include <string>
#include <vector>

#include "oversight/oversight.h"

namespace aims::oversight {

// What the metrics need of each decision of the system submitted at or after `since`.
Result<std::vector<DecisionFacts>> facts_since(store::Database& db, int64_t org, int64_t system_id,
                                               const std::string& since);

}  // namespace aims::oversight
