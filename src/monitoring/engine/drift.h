// Drift of one feature or of the score: the analysed log's distribution against the reference
// profile's bins (numeric) or categories (categorical).
#pragma once

#include "monitoring/engine/analysis_accumulator.h"
#include "monitoring/engine/current_distribution.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

// Evidently's floor on the reference standard deviation when normalising W1.
inline constexpr double kMinNormalisingStd = 0.001;

// `current` is null when the column has no usable reference; every metric is then undefined with
// the column's no_reference_reason.
ColumnDrift numeric_drift(const AnalysisPlan::DriftColumn& column, const BinCounter* current);
ColumnDrift categorical_drift(const AnalysisPlan::DriftColumn& column,
                              const CategoryCounter* current);

}  // namespace aims::monitoring
