#include "notify/worker.h"

#include <spdlog/spdlog.h>

#include "base/time.h"
#include "notify/destinations.h"
#include "notify/settings.h"
#include "notify/signature.h"
#include "notify/transport.h"

namespace aims::notify {
namespace {
constexpr auto kPassInterval = std::chrono::seconds(5);
constexpr int kPassesPerDigestRun = 720;  // an hour of 5-second passes
}  // namespace

Deliverer::Deliverer(store::Database& db, const trail::SigningKeys& keys, WorkerOptions options)
    : db_(db), keys_(keys), options_(std::move(options)) {}

int64_t Deliverer::now() const {
  return options_.clock ? options_.clock() : now_micros();
}

Result<int> Deliverer::deliver_due() {
  TRY_ASSIGN(const auto ids, due_deliveries(db_, format_timestamp(now()), options_.batch));
  int attempted = 0;
  for (const int64_t id : ids) {
    TRY_ASSIGN(const auto claimed, claim(db_, id, now(), options_.lease));
    if (!claimed) continue;  // another worker has it
    const Attempt outcome = attempt(*claimed);
    TRY(finish(db_, *claimed, outcome, now()));
    ++attempted;
  }
  return attempted;
}

Attempt Deliverer::attempt(const Delivery& d) {
  return d.channel == kEmailChannel ? attempt_email(d) : attempt_webhook(d);
}

Attempt Deliverer::attempt_webhook(const Delivery& d) {
  auto target = db_.read([&](store::Tx& tx) -> Result<std::pair<std::string, std::string>> {
    TRY_ASSIGN(auto row, tx.query_row("SELECT url FROM webhooks WHERE org_id = $1 AND id = $2",
                                      {d.org_id, d.webhook_id}));
    if (!row) return Error::not_found("the webhook was removed");
    TRY_ASSIGN(std::string secret, webhook_secret(tx, keys_, d.org_id, *d.webhook_id));
    return std::make_pair(row->text(0), std::move(secret));
  });
  if (!target) return {false, std::nullopt, target.error().message};
  // Checked again at every send: the name may resolve elsewhere since the webhook was saved.
  auto destination = resolve_destination(target->first, options_.allow_private);
  if (!destination) return {false, std::nullopt, destination.error().message};
  const int64_t timestamp = now() / 1'000'000;
  auto signature = webhook_signature(target->second, d.message_id, timestamp, d.body);
  if (!signature) return {false, std::nullopt, signature.error().message};
  return post_webhook(
      *destination,
      {"webhook-id: " + d.message_id, "webhook-timestamp: " + std::to_string(timestamp),
       "webhook-signature: " + *signature},
      d.body);
}

Attempt Deliverer::attempt_email(const Delivery& d) {
  auto server = db_.read([&](store::Tx& tx) { return mail_server(tx, keys_, d.org_id); });
  if (!server) return {false, std::nullopt, server.error().message};
  if (!*server) return {false, std::nullopt, "email is not set up (Settings, Email)"};
  std::string body = d.body;
  if (!d.link.empty()) body += "\n\n" + options_.public_url + d.link;
  const Status sent = send_mail(**server, {d.recipient, d.subject, body, d.message_id}, now());
  if (!sent) return {false, std::nullopt, sent.error().message};
  return {true, std::nullopt, ""};
}

Worker::Worker(store::Database& db, const trail::SigningKeys& keys, WorkerOptions options)
    : deliverer_(db, keys, std::move(options)) {
  timer_ = std::make_unique<Periodic>(kPassInterval, [this] {
    if (passes_++ % kPassesPerDigestRun == 0) {
      if (auto queued = deliverer_.queue_digests(); !queued)
        spdlog::warn("email digests: {}", queued.error().message);
    }
    if (auto sent = deliverer_.deliver_due(); !sent)
      spdlog::warn("notification deliveries: {}", sent.error().message);
  });
}

}  // namespace aims::notify
