// A deterministic synthetic prediction log for benchmarks: 4 groups, 3 numeric features, 1
// categorical feature, score, prediction, label, id and timestamp.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring::bench {

// The column mapping that fits the generated logs.
MonitorConfig synthetic_config();

// Writes `rows` CSV rows to `path`. The same seed gives the same bytes; `shifted` moves the
// distributions so a current log drifts from a reference one.
Status write_synthetic_log(const std::string& path, uint64_t rows, uint64_t seed, bool shifted);

}  // namespace aims::monitoring::bench
