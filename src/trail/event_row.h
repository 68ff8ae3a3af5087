// Reading trail_events rows into Event (private to trail/): one column list, one decoder.
#pragma once

#include "store/database.h"
#include "trail/sealed.h"
#include "trail/trail.h"

namespace aims::trail {

#define AIMS_TRAIL_EVENT_COLUMNS                                                             \
  "id, org_id, seq, at, actor_type, actor_id, actor_label, entity_type, entity_id, action, " \
  "changes, prev_hash, hash"

Event event_from_row(store::Row& row);

// The same columns, then the form and the digest of the changes (trail/sealed.h).
#define AIMS_TRAIL_SEALED_COLUMNS AIMS_TRAIL_EVENT_COLUMNS ", form, changes_sha256"
Sealed sealed_from_row(store::Row& row);

}  // namespace aims::trail
