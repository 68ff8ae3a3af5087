// Remembers whom recently used API tokens and sessions belong to, so that a request checks one
// number, its organisation's credentials generation, instead of looking its credential up again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "auth/auth.h"
#include "base/fresh_read.h"
#include "store/precondition.h"

namespace aims::auth {

// Entries are keyed by the kind of credential and the SHA-256 of its secret (never the secret).
// An entry is reused only while (1) the organisation's credentials generation is the one read
// with it, which every revocation, disabling, role change, password change and sign-out advances
// in its own transaction (auth/store.h), so a change made by any server is seen by the next
// request at every server; and (2) its reuse time lasts: never past the credential's expiry, and
// at most a minute, after which the lookup records the use again (last_used_at, last_seen_at
// and a session's sliding idle deadline) as it did without the cache. Requests of one
// organisation that wait together share one read of its generation, though never one that
// started before they arrived (base/fresh_read.h): a change committed before a request arrives
// is always seen.
class CredentialCache {
 public:
  struct Entry {
    Principal principal;
    int64_t generation = 0;   // as read in the same statement as the credential
    int64_t reuse_until = 0;  // microseconds since the epoch
  };
  // Looks the credential up in the database, refusing it or returning what to remember.
  using LookUp = std::function<Result<Entry>()>;

  // Beyond this many entries the cache starts again empty: only valid credentials are
  // remembered, so only a server with that many in use pays for the lookups.
  explicit CredentialCache(size_t capacity = 10'000) : capacity_(capacity) {}

  // The principal `key` stands for: the remembered one when it may be reused (one read of its
  // organisation's generation), otherwise what `look_up` finds, then remembered. A refused
  // credential is forgotten.
  //
  // With `unconfirmed`, a remembered principal comes back without that read: *unconfirmed is
  // set to the condition that its generation is still current, which the caller must see hold
  // before it acts on the principal (store/precondition.h: a request sends it with its first
  // statement). When the condition fails, the caller authenticates again without `unconfirmed`.
  Result<Principal> authenticate(store::Database& db, const std::string& key, int64_t now,
                                 const LookUp& look_up,
                                 std::optional<store::Precondition>* unconfirmed = nullptr);

 private:
  std::optional<Entry> reusable(const std::string& key, int64_t now) const;
  Result<int64_t> current_generation(store::Database& db, int64_t org_id);
  void remember(const std::string& key, const Entry& entry);
  void forget(const std::string& key);

  size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  // One per organisation, never removed: there are few organisations, and a reader may hold one.
  std::unordered_map<int64_t, std::unique_ptr<FreshRead<int64_t>>> generations_;
};

}  // namespace aims::auth
