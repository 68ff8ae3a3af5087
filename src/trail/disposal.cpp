#include "trail/disposal.h"

#include "base/json_text.h"
#include "trail/sealed.h"

namespace aims::trail {

Result<int64_t> dispose(store::Tx& tx, int64_t org_id, const Actor& actor,
                        const std::string& entity_type, int64_t entity_id, Fields notes) {
  // Locks the chain first, so no event about the record slips in between reading and redacting.
  TRY(lock_head(tx, org_id));
  TRY_ASSIGN(auto rows, tx.query("SELECT seq, hash FROM trail_events WHERE org_id = $1"
                                 " AND entity_type = $2 AND entity_id = $3 AND action <> $4"
                                 " AND changes <> $5 ORDER BY seq",
                                 {org_id, entity_type, entity_id, std::string(kDisposeAction),
                                  kRedactedChanges}));
  std::string listed = "[";
  for (auto& row : rows) {
    store::RowReader r(row);
    const int64_t seq = r.int64();
    const std::string hash = r.text();
    if (listed.size() > 1) listed += ',';
    listed +=
        json_text::object({{"hash", json_text::quote(hash)}, {"seq", json_text::number(seq)}});
  }
  listed += ']';
  TRY(
      tx.exec("UPDATE trail_events SET changes = $4 WHERE org_id = $1 AND entity_type = $2"
              " AND entity_id = $3 AND action <> $5 AND changes <> $4",
              {org_id, entity_type, entity_id, kRedactedChanges, std::string(kDisposeAction)}));
  notes["redacted_events"] = listed;
  return record(tx, org_id, actor, {entity_type, entity_id, kDisposeAction, {}, std::move(notes)});
}

}  // namespace aims::trail
