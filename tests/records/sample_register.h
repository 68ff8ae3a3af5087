// Registers that exist only in the tests: one field of every type, a computed field, references
// to itself and to a second register, a workflow with two approvals that freezes versions, and a
// move only a module's own route makes.
#pragma once

#include <string>

#include "records/records.h"
#include "store/database.h"

namespace aims::testing {

// "sample": every field type, unique titles, a draft -> in review -> approved workflow.
const records::Description& samples();
// "note": a plain register whose notes refer to samples (references across registers).
const records::Description& notes();

// "errand": one move, "finish", taken only through its own route (Transition::own_route), that
// collects one approval and writes what the route prepared into "receipt".
const records::Description& errands();

// Defines the three registers and creates their tables (they are not in the product's migrations).
Status install_sample_registers(store::Database& db);

}  // namespace aims::testing
