// The readiness rules customers and responsibilities prove: A.10.2 and A.10.4.
#pragma once

namespace aims::customers {

// Adds the rules for A.10.2 (each in-scope system's duties allocated and agreed) and A.10.4
// (customers informed, obligations acknowledged, incidents notified); once.
void define_readiness_rules();

}  // namespace aims::customers
