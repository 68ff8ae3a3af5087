// Checks an organisation's chain of audit events and names the first one that was altered,
// removed or reordered, and checks the chain against its signed checkpoints; used on the live
// database and on an exported file alike.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "trail/note.h"
#include "trail/sealed.h"
#include "trail/trail.h"

namespace aims::trail {

// A head the chain must pass through: event `seq` must have `hash`. Either one recorded outside
// aims earlier (an anchor given by hand) or one a checkpoint signed by the trusted key vouches for.
struct Anchor {
  int64_t seq = 0;
  std::string hash;
  std::string signed_at;  // the checkpoint's signing time; empty for an anchor given by hand

  // How messages name it: "the checkpoint signed at ..." or "the head recorded earlier".
  std::string source() const;
};

// A signed checkpoint as found, and where ("line 9", "checkpoint 4"), for messages.
struct SignedNote {
  std::string where;
  std::string note;
};

// What the checkpoints say once checked with the trusted public key.
struct CheckpointReview {
  std::vector<Anchor> anchors;  // one per checkpoint the key signed
  int64_t unknown_key = 0;      // checkpoints signed by other keys: ignored
  std::string forged;           // names the first one that is not a valid checkpoint; else empty
};

// Checks each note's signature with `key` (the key of one organisation).
CheckpointReview review_checkpoints(const std::vector<SignedNote>& notes,
                                    const note::VerifierKey& key);

struct Verification {
  int64_t events_checked = 0;
  bool intact = true;
  std::optional<int64_t> bad_seq;  // the first event found wrong
  std::optional<int64_t> bad_id;
  std::string problem;          // what is wrong with it, in words
  std::string head_hash;        // the hash of the last event checked
  int64_t events_redacted = 0;  // events whose content a disposal removed (docs/audit-trail.md)
  // Signed checkpoints, checked only when a public key was given.
  bool key_given = false;
  int64_t checkpoints_verified = 0;
  int64_t checkpoints_unknown_key = 0;
  std::optional<Anchor> latest_signed;  // the signed checkpoint that covers the most events
};

// Consumes events in chain order, one at a time, so memory does not grow with the trail.
class ChainChecker {
 public:
  ChainChecker() = default;
  // Checks only the events after event `seq`, whose hash is `hash` (a head verified earlier).
  ChainChecker(int64_t seq, std::string hash);

  // `recomputed_hash` is the hash of the event's canonical bytes as the verifier computed them
  // (compute_hash for database rows; the hash of the exported text for a file). The event needs
  // its seq, prev_hash, hash, action and changes, and its form and digest. A redacted event must
  // be named, with its hash, by a later disposal event (checked by finish). Returns false once a
  // problem has been found (the result then names it).
  bool feed(const Sealed& sealed, const std::string& recomputed_hash);
  // An event of form 1.
  bool feed(const Event& event, const std::string& recomputed_hash) {
    return feed(Sealed{event}, recomputed_hash);
  }
  // Compares the end of the chain with the recorded head (seq and hash) and with every anchor,
  // catching removed last events. Call once after the last feed.
  void finish(int64_t head_seq, const std::string& head_hash);
  // Demands that the chain passes through `anchor`. Call before feeding.
  void expect(Anchor anchor);
  // Demands that the chain passes through every head the key signed; a forged checkpoint fails
  // the verification at once. Call before feeding.
  void expect_signed(const CheckpointReview& review);
  // Fails unless a checkpoint signed by the key covers the last event, as an export's must.
  // Call after finish().
  void require_signed_end();
  const Verification& result() const { return result_; }

 private:
  void fail(const Event& event, std::string problem);
  // The content check of a form-2 event, and the bookkeeping of redactions; false on a problem.
  bool check_content(const Sealed& sealed);
  void confirm_redactions(const Event& disposal);
  void fail_at(int64_t seq, std::string problem);
  Verification result_;
  int64_t expected_seq_ = 1;
  std::multimap<int64_t, Anchor> anchors_;  // by seq, so each event finds its own at once
  std::string prev_hash_ = kGenesisHash;
  std::map<int64_t, std::string> unconfirmed_redactions_;  // seq -> hash, until a disposal names it
};

struct VerifyOptions {
  std::vector<Anchor> anchors;
  // Checks the organisation's stored checkpoints with this key, and the chain against them.
  std::optional<note::VerifierKey> key;
};

// Verifies one organisation's chain in the database. Errors: not_found for an unknown
// organisation; store errors.
Result<Verification> verify(store::Database& db, int64_t org_id, const VerifyOptions& options = {});

}  // namespace aims::trail
