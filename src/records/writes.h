// Writing records in steps (private to records/), so an import can check every row first and then
// create them all in one transaction, and a workflow can write what a transition changed.
#pragma once

#include <string>
#include <unordered_set>

#include "records/records.h"
#include "records/search.h"

namespace aims::records {

// References, title, the insert, its references, search entry, audit event and after_write hook.
Result<Record> insert_prepared(const WriteContext& ctx, const Description& d, Record prepared);

// What creating a prepared record writes beyond its row, worked out apart from the transaction,
// so that an import works out each row's while the rows before it are being written.
struct CreatePlan {
  Record record;        // as the database will hold it; the insert fills in id and times
  std::string changes;  // the audit event's changes
  search::Text text;    // the search index's entry
};
// Only for a register without a before_write hook (which may change the record in the
// transaction). `prepared` is what prepare() returned.
CreatePlan plan_create(const Description& d, Record prepared, const Caller& caller);
// insert_prepared's work for a planned record: references and title checked, the row, its
// references, search entry and audit event written, the after_write hook run. Returns the id.
// `taken_titles`, when given, holds every title key of the register as this transaction sees it
// and is checked and kept up to date instead of asking the database per record.
Result<int64_t> insert_planned(const WriteContext& ctx, const Description& d, CreatePlan& plan,
                               std::unordered_set<std::string>* taken_titles = nullptr);
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
