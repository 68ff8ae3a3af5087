#include "support/tamper.h"

#include <string>
#include <vector>

#include "trail/sealed.h"
#include "trail/trail.h"

namespace aims::testing {

Status drop_append_only_guards(store::Tx& tx) {
  return tx.run_script(
      tx.dialect() == store::Dialect::sqlite
          ? "DROP TRIGGER IF EXISTS trail_events_no_update;"
            "DROP TRIGGER IF EXISTS trail_events_no_delete;"
            "DROP TRIGGER IF EXISTS trail_checkpoints_no_update;"
            "DROP TRIGGER IF EXISTS trail_checkpoints_no_delete;"
          : "DROP TRIGGER IF EXISTS trail_events_no_update ON trail_events;"
            "DROP TRIGGER IF EXISTS trail_checkpoints_no_update ON trail_checkpoints;");
}

Status rewrite_chain_from(store::Tx& tx, int64_t org_id, int64_t seq) {
  std::vector<trail::Sealed> events;
  TRY(trail::scan_sealed(tx, org_id, [&](const trail::Sealed& e) {
    events.push_back(e);
    return true;
  }));
  std::string prev = trail::kGenesisHash;
  for (auto& sealed : events) {
    trail::Event& e = sealed.event;
    if (e.seq == seq) e.actor_label = "someone else";
    if (e.seq >= seq) {
      e.prev_hash = prev;
      e.hash = trail::compute_hash(sealed);
      TRY(tx.exec(
          "UPDATE trail_events SET actor_label = $1, prev_hash = $2, hash = $3 WHERE id = $4",
          {e.actor_label, e.prev_hash, e.hash, e.id}));
    }
    prev = e.hash;
  }
  TRY(tx.exec("UPDATE trail_heads SET head_hash = $1 WHERE org_id = $2", {prev, org_id}));
  return {};
}

}  // namespace aims::testing
