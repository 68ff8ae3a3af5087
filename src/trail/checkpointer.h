// The checkpoint timer of `aims serve`: signs the trail of every organisation whose head moved,
// at a fixed interval and once more when it stops, off the request path.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "base/periodic.h"
#include "base/result.h"
#include "store/database.h"
#include "trail/keys.h"

namespace aims::trail {

class Checkpointer {
 public:
  // Reports an organisation it could not sign (the timer goes on with the others); org_id is 0
  // when the organisations could not be listed.
  using ErrorSink = std::function<void(int64_t org_id, const Error&)>;

  // Signs at once, then every `interval`. `db` and `keys` must outlive it.
  Checkpointer(store::Database& db, const SigningKeys& keys, std::chrono::seconds interval,
               ErrorSink on_error);
  // Stops the timer and signs a last time, so that a clean stop leaves every event covered.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  void sign();
  store::Database& db_;
  const SigningKeys& keys_;
  ErrorSink on_error_;
  std::optional<Periodic> timer_;
};

}  // namespace aims::trail
