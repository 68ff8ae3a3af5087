#include "auth/credential_cache.h"

#include "auth/store.h"

namespace aims::auth {

Result<Principal> CredentialCache::authenticate(store::Database& db, const std::string& key,
                                                int64_t now, const LookUp& look_up,
                                                std::optional<store::Precondition>* unconfirmed) {
  if (auto entry = reusable(key, now)) {
    if (unconfirmed) {
      unconfirmed->emplace(
          sql::credentials_generation_is(entry->principal.org_id, entry->generation));
      return std::move(entry->principal);
    }
    TRY_ASSIGN(const int64_t current, current_generation(db, entry->principal.org_id));
    if (current == entry->generation) return std::move(entry->principal);
  }
  auto found = look_up();
  if (!found) {
    forget(key);
    return found.error();
  }
  remember(key, *found);
  return std::move(found->principal);
}

Result<int64_t> CredentialCache::current_generation(store::Database& db, int64_t org_id) {
  FreshRead<int64_t>* shared = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto& slot = generations_[org_id];
    if (!slot) slot = std::make_unique<FreshRead<int64_t>>();
    shared = slot.get();
  }
  return shared->get([&] {
    return db.read([&](store::Tx& tx) { return sql::credentials_generation(tx, org_id); });
  });
}

std::optional<CredentialCache::Entry> CredentialCache::reusable(const std::string& key,
                                                                int64_t now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || now >= it->second.reuse_until) return std::nullopt;
  return it->second;
}

void CredentialCache::remember(const std::string& key, const Entry& entry) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(key)) entries_.clear();
  entries_.insert_or_assign(key, entry);
}

void CredentialCache::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

}  // namespace aims::auth
