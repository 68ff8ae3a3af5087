// Disposal of one record when its retention ends (clause 7.5.3): its content leaves every store
// of the records platform and the audit trail, a tombstone stays, and the trail still verifies.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "records/description.h"
#include "trail/trail.h"

namespace aims::records {

struct Disposed {
  std::string content_sha256;  // SHA-256 of what was removed (docs/audit-trail.md, "Disposal")
  int64_t trail_seq = 0;       // the disposal event
};

// In ctx.tx: replaces every column of the record's row beyond the platform's own with its empty
// value (read from the schema, so a register added later is covered without joining a list), its
// title with `tombstone` ("Disposed of on 7 December 2026 under rule ..."), and archives it;
// removes its comments, attachments (and files no other attachment uses), outgoing references and
// approval reasons; empties its frozen versions' snapshots; re-indexes it for search under the
// tombstone; redacts its audit events and appends the disposal event with `notes`.
// Errors: not_found; failed_precondition when it was disposed of already.
Result<Disposed> dispose(const WriteContext& ctx, const Description& d, int64_t id,
                         const std::string& tombstone, trail::Fields notes);

// Whether the record was disposed of (a disposal event names it).
Result<bool> is_disposed(store::Tx& tx, const Description& d, int64_t org, int64_t id);

struct Dependant {
  const Description* register_ = nullptr;
  int64_t id = 0;
};
// The records not yet disposed of that cannot exist without this one: they refer to it through a
// required reference (a dataset's versions, a risk's treatment actions) and may carry its name in
// theirs, so a disposal of the record waits for theirs.
Result<std::vector<Dependant>> dependants(store::Tx& tx, const Description& d, int64_t org,
                                          int64_t id);

}  // namespace aims::records
