// Removing a disposed record's content from its audit events while every organisation's chain,
// and every checkpoint signed before, still verifies (docs/audit-trail.md, "Disposal").
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::trail {

// The action of the event that records a disposal; its "redacted_events" change lists every
// event it redacted as {"hash","seq"}, and the verifier accepts a redacted event only when a later
// disposal event names it with its hash.
inline constexpr const char* kDisposeAction = "dispose";

// In `tx`: replaces the changes of every event about `entity_type`/`entity_id` (earlier disposal
// events aside) with kRedactedChanges, then appends the disposal event for the record, carrying
// `notes` (the rule applied, the approver, the digest of the content removed) and the redacted
// events. Returns the disposal event's sequence number.
Result<int64_t> dispose(store::Tx& tx, int64_t org_id, const Actor& actor,
                        const std::string& entity_type, int64_t entity_id, Fields notes);

}  // namespace aims::trail
