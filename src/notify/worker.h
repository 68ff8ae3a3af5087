// The background side of notify in aims serve: delivering what the outbox holds (a bounded batch
// per pass, one at a time on this thread, so no request ever waits for a receiver) and queueing
// each person's daily digest. The clock is injected so tests can move through the retry delays.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/periodic.h"
#include "base/result.h"
#include "notify/outbox.h"
#include "records/due.h"
#include "store/database.h"
#include "trail/keys.h"

namespace aims::notify {

struct WorkerOptions {
  bool allow_private = false;      // --allow-private-webhooks
  int batch = 20;                  // deliveries attempted per pass at most
  std::chrono::seconds lease{60};  // a claim a crashed worker left is taken over after this
  std::string public_url;          // put before the links of emails
  std::function<int64_t()> clock;  // microseconds since the epoch; now_micros when empty
};

class Deliverer {
 public:
  Deliverer(store::Database& db, const trail::SigningKeys& keys, WorkerOptions options);
  // Attempts the deliveries due now, at most options.batch; returns how many were attempted.
  Result<int> deliver_due();
  // Queues today's digest for each person who has work and wants it and has not had one today,
  // in organisations that have set up email. Returns how many were queued.
  Result<int> queue_digests();

 private:
  int64_t now() const;
  Attempt attempt(const Delivery& d);
  Attempt attempt_webhook(const Delivery& d);
  Attempt attempt_email(const Delivery& d);

  store::Database& db_;
  const trail::SigningKeys& keys_;
  WorkerOptions options_;
};

// The text of a digest from what My work holds for a person; empty when there is nothing to do.
std::string digest_text(const records::MyWork& work);

// Runs a Deliverer every few seconds (and the digests once an hour) until destroyed.
class Worker {
 public:
  Worker(store::Database& db, const trail::SigningKeys& keys, WorkerOptions options);

 private:
  Deliverer deliverer_;
  int passes_ = 0;
  std::unique_ptr<Periodic> timer_;
};

}  // namespace aims::notify
