// The outbox: deliveries (a webhook call or an email) queued in the transaction of the change
// they announce, claimed one at a time by a worker (a conditional update, so several servers on
// one PostgreSQL never send one twice), and retried with back-off for up to a day.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/database.h"

namespace aims::notify {

inline constexpr std::string_view kWebhookChannel = "webhook";
inline constexpr std::string_view kEmailChannel = "email";

struct Delivery {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string channel;  // kWebhookChannel or kEmailChannel
  std::optional<int64_t> webhook_id;
  std::string recipient;  // an email address
  std::string event_type;
  std::string message_id;  // webhook-id: the same on every attempt, so receivers drop repeats
  std::string subject;
  std::string link;  // a path of aims an email points to
  std::string body;
  std::string status;  // pending, sending, delivered, failed
  int64_t attempts = 0;
  std::string next_attempt_at;
  std::optional<std::string> last_attempt_at;
  std::optional<int64_t> last_response_code;
  std::string last_error;
  std::string created_at;
};

// Waits after the 1st, 2nd, ... failed attempt; after the last the delivery has failed. They add
// up to about 17 hours: a receiver down for most of a day still gets every event.
const std::vector<std::chrono::seconds>& retry_delays();

// The next attempt after `attempts` failed ones, or nullopt when the delivery has failed for good.
std::optional<int64_t> next_attempt_micros(int64_t attempts, int64_t failed_at_micros);

// A new message id: "msg_" and random base64url, as Standard Webhooks shows them.
std::string new_message_id();

// Queues a delivery (status pending, due at once). Returns its id.
Result<int64_t> enqueue(store::Tx& tx, const Delivery& d, const std::string& now);

// Ids of deliveries due at `now` (pending and due, or claimed by a worker whose lease ran out),
// oldest first, at most `limit`.
Result<std::vector<int64_t>> due_deliveries(store::Database& db, const std::string& now, int limit);

// Claims delivery `id` for `lease` from `now`; nullopt when another worker got it first or it is
// no longer due.
Result<std::optional<Delivery>> claim(store::Database& db, int64_t id, int64_t now_micros,
                                      std::chrono::seconds lease);

struct Attempt {
  bool delivered = false;
  std::optional<int64_t> response_code;
  std::string error;  // a short excerpt: never a whole response body
};
// Records the outcome of the claimed delivery `d`'s attempt at `now`: delivered, pending again
// with the next attempt per retry_delays(), or failed.
Status finish(store::Database& db, const Delivery& d, const Attempt& attempt, int64_t now_micros);

// A webhook's deliveries, newest first, at most `limit`.
Result<std::vector<Delivery>> deliveries_of(store::Database& db, int64_t org, int64_t webhook_id,
                                            int limit);

// Queues delivery `id` of webhook `webhook_id` again, due at once with its attempts reset (the
// resend button). Errors: not_found.
Status resend(store::Tx& tx, int64_t org, int64_t webhook_id, int64_t id, const std::string& now);

}  // namespace aims::notify
