// The demo's webhook: Meridian's integration hub receives workflow moves and monitoring alerts.
// Its delivery log shows one delivered and one retrying; the rows are written through notify's
// own store functions and never sent, so seeding makes no network call (the host is fictional).
#include <chrono>

#include "base/time.h"
#include "cli/demo.h"
#include "notify/notify.h"
#include "notify/outbox.h"
#include "notify/settings.h"

namespace aims::cli {
namespace {

using nlohmann::json;

// Queues `body` for `webhook` and records one attempt at `at` with its answer.
Status logged_attempt(store::Database& db, int64_t org, int64_t webhook, std::string_view type,
                      const json& data, int64_t at, const notify::Attempt& answer) {
  notify::Delivery d;
  d.org_id = org;
  d.channel = notify::kWebhookChannel;
  d.webhook_id = webhook;
  d.event_type = type;
  d.message_id = notify::new_message_id();
  d.body =
      json{{"type", type}, {"timestamp", format_timestamp(at).substr(0, 19) + "Z"}, {"data", data}}
          .dump();
  TRY(db.write([&](store::Tx& tx) -> Status {
    TRY(notify::enqueue(tx, d, format_timestamp(at)));
    return Status{};
  }));
  TRY_ASSIGN(auto due, notify::due_deliveries(db, format_timestamp(at), 10));
  for (const int64_t id : due) {
    TRY_ASSIGN(auto claimed, notify::claim(db, id, at, std::chrono::seconds(60)));
    if (claimed) TRY(notify::finish(db, *claimed, answer, at));
  }
  return {};
}

}  // namespace

Status seed_demo_notify(store::Database& db, int64_t org, const DemoPeople& people,
                        const trail::SigningKeys& keys) {
  TRY_ASSIGN(const notify::NewWebhook hook,
             notify::store_webhook(db, keys, org,
                                   {"https://hooks.meridian.example/aims",
                                    "Integration hub: workflow moves to the ticketing system, "
                                    "alerts to the on-call channel",
                                    {std::string(notify::event::record_transitioned),
                                     std::string(notify::event::alert_raised)}},
                                   people.admin));
  const int64_t now = now_micros();
  const int64_t hour = int64_t(3600) * 1'000'000;
  TRY(logged_attempt(db, org, hook.webhook.id, notify::event::record_transitioned,
                     {{"register", "risk"},
                      {"name", "Credit bureau data drifts away from what the PD model learned"},
                      {"state", "in_treatment"},
                      {"previous_state", "assessed"},
                      {"actor", people.manager.label}},
                     now - 3 * hour, {true, 200, ""}));
  // The hub was down for maintenance: the alert waits for its next attempt.
  return logged_attempt(db, org, hook.webhook.id, notify::event::alert_raised,
                        {{"monitor", "Weekly credit decisions"},
                         {"metric", "fairness.disparate_impact"},
                         {"scope", "attribute:age_band"},
                         {"severity", "critical"}},
                        now - 60 * 1'000'000,
                        {false, 503, "HTTP 503: Service Unavailable (maintenance window)"});
}

}  // namespace aims::cli
