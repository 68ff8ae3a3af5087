// Writing records in steps (private to records/), so an import can check every row first and then
// create them all in one transaction, and a workflow can write what a transition changed.
#pragma once

#include "records/records.h"

namespace aims::records {

// References, title, the insert, its references, search entry, audit event and after_write hook.
Result<Record> insert_prepared(const WriteContext& ctx, const Description& d, Record prepared);
// `before` with `changes` applied and checked as prepare does.
Result<Record> apply_changes(const Description& d, const Record& before, const Record& changes);
// Writes `after` over `before` (a no-op when nothing differs) with its audit event `action`;
// `notes` (a transition's name and reason) are recorded in the event beside the changed fields.
Result<Record> write_update(const WriteContext& ctx, const Description& d, const Record& before,
                            Record after, const std::string& action,
                            const trail::Fields& notes = {});
// What the audit trail records of a record: every field, the state, whether it is archived.
trail::Fields trail_fields(const Description& d, const Record& r);

}  // namespace aims::records
