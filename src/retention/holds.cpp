// The records a legal hold covers. Hand-written beside the legal_hold register because a hold
// spans records of several registers (an incident with its risks, evidence and documents), and a
// record_ref field points at one register only.
#include <map>

#include "base/json_text.h"
#include "base/time.h"
#include "retention/retention.h"

namespace aims::retention {

Result<std::vector<std::string>> holds_on(store::Tx& tx, int64_t org, const std::string& type,
                                          int64_t id) {
  TRY_ASSIGN(auto rows, tx.query("SELECT h.title FROM legal_hold_records r JOIN legal_holds h"
                                 " ON h.id = r.hold_id AND h.org_id = r.org_id"
                                 " WHERE r.org_id = $1 AND r.record_type = $2 AND r.record_id = $3"
                                 " AND h.state = 'active' AND h.archived_at IS NULL ORDER BY h.id",
                                 {org, type, id}));
  std::vector<std::string> names;
  for (auto& row : rows)
    names.push_back(row.text(0));
  return names;
}

Result<std::vector<HeldRecord>> held_records(store::Tx& tx, int64_t org, int64_t hold_id) {
  TRY_ASSIGN(auto rows, tx.query("SELECT record_type, record_id, added_at FROM legal_hold_records"
                                 " WHERE org_id = $1 AND hold_id = $2"
                                 " ORDER BY record_type, record_id",
                                 {org, hold_id}));
  std::vector<HeldRecord> held;
  std::map<std::string, std::map<int64_t, std::string>> names;  // by register, read once each
  for (auto& row : rows) {
    store::RowReader r(row);
    const std::string type = r.text();
    const int64_t id = r.int64();
    const auto* d = records::find(type);
    const auto target = records::reference_target(type);
    if (!d || !target) continue;  // a register this program no longer defines
    if (!names.contains(type)) {
      TRY_ASSIGN(const auto all, target->names(tx, org));
      for (const auto& named : all)
        names[type][named.id] = named.name;
    }
    held.push_back({d, id, names[type][id], r.text()});
  }
  return held;
}

Status hold_record(store::Database& db, int64_t org, int64_t hold_id, const std::string& type,
                   int64_t record_id, const records::Caller& caller) {
  const auto* d = records::find(type);
  if (!d || type == "legal_hold" || type == "disposal" || type == "retention_rule")
    return Error::invalid("record_type", "choose the register of the record to hold");
  return db.write([&](store::Tx& tx) -> Status {
    records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(auto hold, records::find(ctx, holds(), hold_id));
    if (!hold) return Error::not_found("legal hold not found");
    if (hold->state != "active" || hold->archived_at) {
      return Error{
          ErrorCode::failed_precondition, "the hold is released: it holds nothing new", {}};
    }
    TRY_ASSIGN(const bool exists, records::exists(tx, *d, org, record_id));
    if (!exists)
      return Error::invalid("record_id", std::string("no ") + d->singular + " has this number");
    TRY_ASSIGN(auto already, tx.query_row("SELECT 1 FROM legal_hold_records WHERE org_id = $1"
                                          " AND hold_id = $2 AND record_type = $3"
                                          " AND record_id = $4",
                                          {org, hold_id, type, record_id}));
    if (already) {
      return Error{ErrorCode::failed_precondition, "the hold covers this record already", {}};
    }
    TRY(
        tx.exec("INSERT INTO legal_hold_records (org_id, hold_id, record_type, record_id,"
                " added_by_label, added_at) VALUES ($1, $2, $3, $4, $5, $6)",
                {org, hold_id, type, record_id, caller.actor.label, ctx.now}));
    TRY(trail::record(
        tx, org, caller.actor,
        {holds().type,
         hold_id,
         "hold_record",
         {},
         {{"record_type", json_text::quote(type)}, {"record_id", json_text::number(record_id)}}}));
    return {};
  });
}

}  // namespace aims::retention
