// A register that exists only in the tests: one field of every type, a computed field, references
// to itself and to a second register, a workflow with two approvals that freezes versions.
#pragma once

#include <string>

#include "records/records.h"
#include "store/database.h"

namespace aims::testing {

// "sample": every field type, unique titles, a draft -> in review -> approved workflow.
const records::Description& samples();
// "note": a plain register whose notes refer to samples (references across registers).
const records::Description& notes();

// Defines both registers and creates their tables (they are not in the product's migrations).
Status install_sample_registers(store::Database& db);

}  // namespace aims::testing
