#include "trail/verify.h"

namespace aims::trail {

void ChainChecker::fail(const Event& event, std::string problem) {
  result_.intact = false;
  result_.bad_seq = event.seq;
  result_.bad_id = event.id;
  result_.problem = std::move(problem);
}

bool ChainChecker::feed(const Event& event, const std::string& recomputed_hash) {
  if (!result_.intact) return false;
  const std::string label = "event #" + std::to_string(event.seq);
  if (event.seq != expected_seq_) {
    Event missing = event;
    missing.seq = expected_seq_;
    fail(missing, event.seq > expected_seq_
                      ? "event #" + std::to_string(expected_seq_) +
                            " is missing: the chain jumps to #" + std::to_string(event.seq) +
                            " (an event was removed)"
                      : label + " appears out of order after #" +
                            std::to_string(expected_seq_ - 1) + " (events were reordered)");
    return false;
  }
  if (recomputed_hash != event.hash) {
    fail(event, label + " (id " + std::to_string(event.id) +
                    ") was altered: its content no longer matches its hash");
    return false;
  }
  if (event.prev_hash != prev_hash_) {
    fail(event, label + " (id " + std::to_string(event.id) +
                    ") does not follow the event before it: an earlier event was removed, "
                    "replaced or reordered");
    return false;
  }
  for (const auto& [seq, hash] : anchors_) {
    if (seq == event.seq && hash != event.hash) {
      fail(event, label + " does not have the hash recorded for it earlier (" + hash.substr(0, 12) +
                      "…): the chain was rewritten from this event or before");
      return false;
    }
  }
  prev_hash_ = event.hash;
  result_.head_hash = event.hash;
  ++expected_seq_;
  ++result_.events_checked;
  return true;
}

void ChainChecker::finish(int64_t head_seq, const std::string& head_hash) {
  if (!result_.intact) return;
  const int64_t last = expected_seq_ - 1;
  for (const auto& [seq, hash] : anchors_) {
    if (seq > last) {
      result_.intact = false;
      result_.bad_seq = seq;
      result_.problem = "the chain ends at #" + std::to_string(last) + " but event #" +
                        std::to_string(seq) + " was recorded earlier (events were removed)";
      return;
    }
  }
  if (head_seq != last || head_hash != prev_hash_) {
    result_.intact = false;
    result_.bad_seq = last + 1;
    result_.problem =
        head_seq > last
            ? "event #" + std::to_string(last + 1) + " to #" + std::to_string(head_seq) +
                  " are missing: the chain ends early (events were removed)"
            : "the recorded chain head does not match the last event #" + std::to_string(last);
  }
}

Result<Verification> verify(store::Database& db, int64_t org_id,
                            const std::vector<std::pair<int64_t, std::string>>& anchors) {
  return db.read([&](store::Tx& tx) -> Result<Verification> {
    auto head = tx.query_row("SELECT seq, head_hash FROM trail_heads WHERE org_id = $1", {org_id});
    if (!head) return head.error();
    if (!head->has_value()) return Error::not_found("no audit trail for this organisation");

    ChainChecker checker;
    for (const auto& [seq, hash] : anchors)
      checker.expect(seq, hash);
    Status scanned =
        scan(tx, org_id, [&](const Event& e) { return checker.feed(e, compute_hash(e)); });
    if (!scanned) return scanned.error();
    checker.finish((*head)->int64(0), (*head)->text(1));
    return checker.result();
  });
}

}  // namespace aims::trail
