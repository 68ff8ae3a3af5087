// The inventory's registers on the records platform: AI systems and the models, datasets and
// suppliers they are built from (clauses 4.1, 4.3; Annex A.4, A.6.2.2, A.7, A.9.4, A.10.3).
#pragma once

#include <vector>

#include "records/records.h"

namespace aims::inventory {

const records::Description& ai_systems();
const records::Description& models();
const records::Description& datasets();
const records::Description& suppliers();
const std::vector<const records::Description*>& registers();

// Makes the four registers known to the records platform (idempotent).
void define_registers();
// Adds the readiness rules the inventory's records prove (4.3 scope; A.4.3, A.4.4 and A.4.5 the
// data, tooling and computing resources of each system); once.
void define_readiness_rules();

}  // namespace aims::inventory
