// Signed checkpoints of the audit trail: an organisation's chain head (its length and hash) signed
// with the organisation's key as a C2SP checkpoint, stored beside the chain and exported with it,
// so a verifier holding the public key detects a truncated or rewritten trail.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/database.h"
#include "trail/keys.h"

namespace aims::trail {

// What a checkpoint vouches for.
struct SignedHead {
  int64_t org_id = 0;
  int64_t seq = 0;        // the tree size: events #1 to #seq
  std::string head_hash;  // the hash of event #seq, hex
  std::string signed_at;  // when it was signed
};

// The signed text (docs/audit-trail.md): "aims/org/<id>\n<seq>\n<base64 of the head hash>\n"
// and the extension line "time <signed_at>\n".
std::string checkpoint_text(const SignedHead& head);
// Reads checkpoint_text() back. Errors: malformed.
Result<SignedHead> parse_checkpoint_text(std::string_view text);

struct Checkpoint {
  int64_t id = 0;
  SignedHead head;     // as stored beside the note, for lists; verifiers read the note
  std::string key_id;  // the signer's C2SP key ID, 8 hex digits
  std::string note;    // the signed note exactly as signed
};

struct SignOptions {
  // Do nothing when the last checkpoint already covers the head (the timer's case).
  bool only_if_moved = false;
  // Accept that the last checkpoint was signed with another key (after replacing a lost key
  // file); otherwise that is refused, as it means this process was given the wrong key file.
  bool new_key = false;
};

// Signs the organisation's current head and stores the checkpoint; nullopt when only_if_moved
// and nothing moved. Never signs a head that does not extend the last checkpoint of the same key
// (nor, with no such checkpoint, a chain that does not verify): a log must not sign two
// inconsistent histories. Errors: failed_precondition when it refuses (the message says why),
// not_found for an organisation without a chain, store errors.
Result<std::optional<Checkpoint>> sign_head(store::Database& db, int64_t org_id,
                                            const SigningKeys& keys, SignOptions options = {});

// Signs every organisation whose head moved since its last checkpoint. One that cannot be signed
// goes to `on_error` and the others are still signed. Returns how many were signed.
Result<int> sign_moved_heads(store::Database& db, const SigningKeys& keys,
                             const std::function<void(int64_t org_id, const Error&)>& on_error);

// The checkpoints that cover events up to #up_to_seq, oldest first.
Result<std::vector<Checkpoint>> checkpoints_up_to(store::Tx& tx, int64_t org_id, int64_t up_to_seq);
// The newest checkpoints first, `limit` at a time; `before_id` continues a page.
Result<std::vector<Checkpoint>> recent_checkpoints(store::Tx& tx, int64_t org_id,
                                                   std::optional<int64_t> before_id, int limit);

}  // namespace aims::trail
