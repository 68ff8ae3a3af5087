// Fairness of one sensitive attribute: per-group rates compared across groups the way fairlearn
// does (max - min, or min / max, over all groups), naming the groups at either end.
#pragma once

#include <string>
#include <vector>

#include "monitoring/engine/engine.h"

namespace aims::monitoring {

// Disparate impact at or above this satisfies the four-fifths rule (29 CFR 1607.4(D)).
inline constexpr double kFourFifths = 0.8;

// `groups` sorted by name, each with its metrics and `compared` set from the minimum group size.
AttributeFairness compare_groups(std::string attribute, std::vector<GroupPerformance> groups,
                                 const MonitorConfig& config);

}  // namespace aims::monitoring
