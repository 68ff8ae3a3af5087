// What someone with write access to the database can do to the audit trail, for the tests that
// prove verification catches it.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "store/database.h"

namespace aims::testing {

// Drops the triggers that keep trail_events and trail_checkpoints append-only.
Status drop_append_only_guards(store::Tx& tx);

// Changes event #seq's actor label and recomputes the hash of every event from there on and the
// chain head: the chain is consistent again, as a careful administrator would leave it.
Status rewrite_chain_from(store::Tx& tx, int64_t org_id, int64_t seq);

}  // namespace aims::testing
