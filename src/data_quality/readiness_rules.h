// A.7.4 from the data-quality requirements and runs.
#pragma once

namespace aims::data_quality {

// Adds the readiness rule for A.7.4; once.
void define_readiness_rules();

}  // namespace aims::data_quality
