// A.7.2, A.7.3, A.7.5 and A.7.6 from the data registers and the inventory's datasets and models.
#pragma once

namespace aims::data {

// Adds the readiness rules for A.7.2, A.7.3, A.7.5 and A.7.6; once.
void define_readiness_rules();

}  // namespace aims::data
