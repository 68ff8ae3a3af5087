// Flattens a RunResult into metric samples: one stable key and scope per value, the form the
// governance layer compares with thresholds and stores as time series.
#pragma once

#include <vector>

#include "monitoring/engine/engine.h"

namespace aims::monitoring {

std::vector<MetricSample> metric_samples(const RunResult& result);

}  // namespace aims::monitoring
