// Events as stored since migration 0036: each carries its canonical form's number and, in form 2,
// the SHA-256 of its changes, which is what its hash covers, so a disposal can redact the changes
// while every hash still holds (docs/audit-trail.md, "Disposal"). Verification, export and the
// signing check read events this way; the trail's readers (lists, pages) need only Event.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/result.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::trail {

struct Sealed {
  Event event;
  // 1: the hash covers event.changes itself (events written before migration 0036). 2: it covers
  // changes_sha256 instead.
  int form = 1;
  std::string changes_sha256;  // form 2: SHA-256 (hex) of the changes as first written
};

// The form every new event is written in.
inline constexpr int kCurrentForm = 2;
// What a redacted event's changes hold once a disposal removed its content.
extern const std::string kRedactedChanges;
inline bool is_redacted(const Event& event) {
  return event.changes == kRedactedChanges;
}

// Form 1: canonical_form(sealed.event). Form 2: the same keys with "changes_sha256" and "form" in
// place of "changes", sorted.
std::string canonical_form(const Sealed& sealed);
// SHA-256 (hex) of canonical_form(sealed).
std::string compute_hash(const Sealed& sealed);

// scan, with each event's form and digest.
Status scan_sealed(store::Tx& tx, int64_t org_id, const std::function<bool(const Sealed&)>& visit,
                   int64_t after_seq = 0);

}  // namespace aims::trail
