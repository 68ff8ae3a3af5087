#include "trail/verify.h"

#include <limits>

#include "base/crypto.h"
#include "trail/checkpoint.h"
#include "trail/disposal.h"

namespace aims::trail {
namespace {

std::string event_label(int64_t seq) {
  return "event #" + std::to_string(seq);
}

// Why a checkpoint that is not signed by another key cannot be used.
std::string unusable(const std::string& where, note::Opened outcome) {
  switch (outcome) {
    case note::Opened::bad_signature:
      return where +
             " names the given key but its signature does not verify: the checkpoint was "
             "forged or altered";
    case note::Opened::verified:
      return where + " is signed by the given key but is not an aims checkpoint";
    default:
      return where + " is not a signed checkpoint: it was altered";
  }
}

}  // namespace

std::string Anchor::source() const {
  return signed_at.empty() ? "the head recorded earlier" : "the checkpoint signed at " + signed_at;
}

CheckpointReview review_checkpoints(const std::vector<SignedNote>& notes,
                                    const note::VerifierKey& key) {
  CheckpointReview review;
  for (const auto& signed_note : notes) {
    const note::OpenedNote opened = note::open(signed_note.note, key);
    if (opened.outcome == note::Opened::unknown_key) {
      ++review.unknown_key;
      continue;
    }
    auto head = opened.outcome == note::Opened::verified ? parse_checkpoint_text(opened.text)
                                                         : Error::malformed("not verified");
    if (!head) {
      review.forged = unusable(signed_note.where, opened.outcome);
      return review;
    }
    review.anchors.push_back({head->seq, head->head_hash, head->signed_at});
  }
  return review;
}

ChainChecker::ChainChecker(int64_t seq, std::string hash)
    : expected_seq_(seq + 1), prev_hash_(std::move(hash)) {}

void ChainChecker::fail_at(int64_t seq, std::string problem) {
  result_.intact = false;
  result_.bad_seq = seq;
  result_.problem = std::move(problem);
}

void ChainChecker::fail(const Event& event, std::string problem) {
  fail_at(event.seq, std::move(problem));
  result_.bad_id = event.id;
}

void ChainChecker::expect(Anchor anchor) {
  anchors_.emplace(anchor.seq, std::move(anchor));
}

void ChainChecker::expect_signed(const CheckpointReview& review) {
  result_.key_given = true;
  result_.checkpoints_unknown_key += review.unknown_key;
  if (!review.forged.empty()) {
    result_.intact = false;
    result_.problem = review.forged;
    return;
  }
  for (const auto& anchor : review.anchors) {
    const auto& latest = result_.latest_signed;
    if (!latest || anchor.seq > latest->seq ||
        (anchor.seq == latest->seq && anchor.signed_at > latest->signed_at)) {
      result_.latest_signed = anchor;
    }
    expect(anchor);
  }
  result_.checkpoints_verified += static_cast<int64_t>(review.anchors.size());
}

bool ChainChecker::feed(const Sealed& sealed, const std::string& recomputed_hash) {
  if (!result_.intact) return false;
  const Event& event = sealed.event;
  const std::string label = event_label(event.seq);
  if (event.seq != expected_seq_) {
    Event missing = event;
    missing.seq = expected_seq_;
    fail(missing, event.seq > expected_seq_
                      ? event_label(expected_seq_) + " is missing: the chain jumps to #" +
                            std::to_string(event.seq) + " (an event was removed)"
                      : label + " appears out of order after #" +
                            std::to_string(expected_seq_ - 1) + " (events were reordered)");
    return false;
  }
  // A redacted event of form 1 cannot be recomputed (its hash covered the removed text): the
  // disposal event that names it, checked in finish, and the next event's link vouch for it.
  const bool attested = is_redacted(event) && sealed.form < 2;
  if (!attested && recomputed_hash != event.hash) {
    fail(event, label + " (id " + std::to_string(event.id) +
                    ") was altered: its content no longer matches its hash");
    return false;
  }
  if (!check_content(sealed)) return false;
  if (event.prev_hash != prev_hash_) {
    fail(event, label + " (id " + std::to_string(event.id) +
                    ") does not follow the event before it: an earlier event was removed, "
                    "replaced or reordered");
    return false;
  }
  const auto [first, last] = anchors_.equal_range(event.seq);
  for (auto it = first; it != last; ++it) {
    const Anchor& anchor = it->second;
    if (anchor.hash != event.hash) {
      fail(event, label + " does not have the hash " + anchor.source() + " holds for it (" +
                      anchor.hash.substr(0, 12) +
                      "…): the chain was rewritten at this event or before");
      return false;
    }
  }
  prev_hash_ = event.hash;
  result_.head_hash = event.hash;
  ++expected_seq_;
  ++result_.events_checked;
  return true;
}

bool ChainChecker::check_content(const Sealed& sealed) {
  const Event& event = sealed.event;
  if (is_redacted(event)) {
    unconfirmed_redactions_[event.seq] = event.hash;
    ++result_.events_redacted;
    return true;
  }
  if (sealed.form >= 2 && crypto::sha256_hex(event.changes) != sealed.changes_sha256) {
    fail(event, event_label(event.seq) + " (id " + std::to_string(event.id) +
                    ") was altered: its changes no longer match the digest its hash covers");
    return false;
  }
  if (event.action == kDisposeAction) confirm_redactions(event);
  return true;
}

// The disposal event's list as trail::dispose writes it, canonical JSON inside a hashed event:
// "redacted_events":{"after":[{"hash":"<64 hex>","seq":N},...],"before":null}. Read by hand, so
// the trail needs no JSON library; an item of another shape confirms nothing.
void ChainChecker::confirm_redactions(const Event& disposal) {
  const std::string& text = disposal.changes;
  const std::string start = R"("redacted_events":{"after":[)";
  size_t at = text.find(start);
  if (at == std::string::npos) return;
  at += start.size();
  const std::string item_start = R"({"hash":")";
  while (text.compare(at, item_start.size(), item_start) == 0) {
    at += item_start.size();
    const std::string hash = text.substr(at, 64);
    at += 64;
    if (text.compare(at, 8, R"(","seq":)") != 0) return;
    at += 8;
    const size_t digits = text.find_first_not_of("0123456789", at);
    if (digits == std::string::npos || digits == at || digits - at > 18 || text[digits] != '}')
      return;
    const int64_t seq = std::stoll(text.substr(at, digits - at));
    const auto found = unconfirmed_redactions_.find(seq);
    if (found != unconfirmed_redactions_.end() && found->second == hash)
      unconfirmed_redactions_.erase(found);
    at = digits + 1;
    if (at < text.size() && text[at] == ',') ++at;
  }
}

void ChainChecker::finish(int64_t head_seq, const std::string& head_hash) {
  if (!result_.intact) return;
  if (!unconfirmed_redactions_.empty()) {
    const int64_t seq = unconfirmed_redactions_.begin()->first;
    fail_at(seq, event_label(seq) +
                     "'s content was removed, but no disposal event names it with its hash: it "
                     "was redacted outside a disposal");
    return;
  }
  const int64_t last = expected_seq_ - 1;
  if (!anchors_.empty() && anchors_.rbegin()->first > last) {
    const Anchor& beyond = anchors_.rbegin()->second;
    fail_at(last + 1, "the trail was truncated: it ends at event #" + std::to_string(last) +
                          " but " + beyond.source() + " has event #" + std::to_string(beyond.seq) +
                          " (events #" + std::to_string(last + 1) + " to #" +
                          std::to_string(beyond.seq) + " were removed)");
    return;
  }
  if (head_seq != last || head_hash != prev_hash_) {
    fail_at(last + 1,
            head_seq > last
                ? "event #" + std::to_string(last + 1) + " to #" + std::to_string(head_seq) +
                      " are missing: the chain ends early (events were removed)"
                : "the recorded chain head does not match the last event #" + std::to_string(last));
  }
}

void ChainChecker::require_signed_end() {
  if (!result_.intact) return;
  const int64_t last = expected_seq_ - 1;
  const auto& latest = result_.latest_signed;
  if (!latest) {
    const int64_t others = result_.checkpoints_unknown_key;
    fail_at(last,
            "no checkpoint signed by the given key vouches for this trail" +
                (others ? " (" + std::to_string(others) + " signed by other keys were ignored)"
                        : std::string()));
  } else if (latest->seq < last) {
    fail_at(latest->seq + 1, "events #" + std::to_string(latest->seq + 1) + " to #" +
                                 std::to_string(last) +
                                 " are not covered by a checkpoint signed by the given key (" +
                                 latest->source() + " ends at #" + std::to_string(latest->seq) +
                                 "): they were added or rewritten after signing");
  }
}

Result<Verification> verify(store::Database& db, int64_t org_id, const VerifyOptions& options) {
  return db.read([&](store::Tx& tx) -> Result<Verification> {
    TRY_ASSIGN(Head head, current_head(tx, org_id));

    ChainChecker checker;
    if (options.key) {
      TRY_ASSIGN(auto stored, checkpoints_up_to(tx, org_id, std::numeric_limits<int64_t>::max()));
      std::vector<SignedNote> notes;
      for (auto& checkpoint : stored)
        notes.push_back(
            {"checkpoint " + std::to_string(checkpoint.id), std::move(checkpoint.note)});
      checker.expect_signed(review_checkpoints(notes, *options.key));
    }
    for (const auto& anchor : options.anchors)
      checker.expect(anchor);
    TRY(scan_sealed(tx, org_id, [&](const Sealed& e) { return checker.feed(e, compute_hash(e)); }));
    checker.finish(head.seq, head.hash);
    return checker.result();
  });
}

}  // namespace aims::trail
