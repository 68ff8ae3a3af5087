// Checks an organisation's chain of audit events and names the first one that was altered,
// removed or reordered; used on the live database and on an exported file alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"
#include "trail/trail.h"

namespace aims::trail {

struct Verification {
  int64_t events_checked = 0;
  bool intact = true;
  std::optional<int64_t> bad_seq;  // the first event found wrong
  std::optional<int64_t> bad_id;
  std::string problem;    // what is wrong with it, in words
  std::string head_hash;  // the hash of the last event checked
};

// Consumes events in chain order, one at a time, so memory does not grow with the trail.
class ChainChecker {
 public:
  // `recomputed_hash` is the hash of the event's canonical bytes as the verifier computed them
  // (compute_hash for database rows; the hash of the exported text for a file). Returns false
  // once a problem has been found (the result then names it).
  bool feed(const Event& event, const std::string& recomputed_hash);
  // Compares the end of the chain with the recorded head (seq and hash), catching a removed
  // last event. Call once after the last feed.
  void finish(int64_t head_seq, const std::string& head_hash);
  // Demands that event `seq` has `hash`: a head recorded outside aims earlier (an anchor). A
  // chain rewritten from before that point cannot pass. Call before feeding.
  void expect(int64_t seq, std::string hash) { anchors_.emplace_back(seq, std::move(hash)); }
  const Verification& result() const { return result_; }

 private:
  void fail(const Event& event, std::string problem);
  Verification result_;
  int64_t expected_seq_ = 1;
  std::vector<std::pair<int64_t, std::string>> anchors_;
  std::string prev_hash_ = kGenesisHash;
};

// Verifies one organisation's chain in the database, also against `anchors` (seq, hash) recorded
// earlier. Errors: not_found for an unknown organisation; store errors.
Result<Verification> verify(store::Database& db, int64_t org_id,
                            const std::vector<std::pair<int64_t, std::string>>& anchors = {});

}  // namespace aims::trail
