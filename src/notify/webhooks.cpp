// The organisation's webhooks (settings.h): saved only for a destination the SSRF guard accepts,
// with a secret sealed by the server key and shown to the administrator once.
#include <algorithm>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "notify/destinations.h"
#include "notify/notify.h"
#include "notify/sealed.h"
#include "notify/settings.h"
#include "notify/signature.h"

namespace aims::notify {
namespace {

constexpr std::string_view kColumns = "id, url, description, event_types, created_at";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : " ") + item;
  return out;
}

Webhook webhook_of(store::Row& row) {
  store::RowReader r(row);
  Webhook w;
  w.id = r.int64();
  w.url = r.text();
  w.description = r.text();
  const std::string types = r.text();  // split's views point into it
  for (const auto part : split(types, ' '))
    if (!part.empty()) w.event_types.emplace_back(part);
  w.created_at = r.text();
  return w;
}

trail::Fields trail_fields(const Webhook& w) {
  return {{"url", json_text::quote(w.url)},
          {"description", json_text::quote(w.description)},
          {"event_types", json_text::string_array(w.event_types)}};
}

Status check(const WebhookInput& in) {
  if (in.event_types.empty())
    return Error::invalid("event_types", "choose at least one kind of event to send");
  for (const auto& type : in.event_types)
    if (!is_event_type(type)) return Error::invalid("event_types", "no such event type: " + type);
  if (in.description.size() > 200 || !is_one_line(in.description))
    return Error::invalid("description", "the description is one line of at most 200 characters");
  return {};
}

}  // namespace

Result<NewWebhook> create_webhook(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                                  const WebhookInput& input, const trail::Actor& actor,
                                  bool allow_private) {
  TRY(resolve_destination(input.url, allow_private));
  return store_webhook(db, keys, org, input, actor);
}

Result<NewWebhook> store_webhook(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                                 const WebhookInput& input, const trail::Actor& actor) {
  TRY(check(input));
  std::vector<std::string> types = input.event_types;
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  NewWebhook created{{0, input.url, input.description, types, now_timestamp()},
                     new_webhook_secret()};
  const std::string sealed = seal(keys, org, kWebhookSecretContext, created.secret);
  TRY(db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(created.webhook.id,
               tx.insert("INSERT INTO webhooks (org_id, url, description, event_types,"
                         " secret_sealed, created_by, created_at, updated_at) VALUES ($1, $2, $3,"
                         " $4, $5, $6, $7, $7) RETURNING id",
                         {org, input.url, input.description, joined(types), sealed, actor.user_id,
                          created.webhook.created_at}));
    // The secret never reaches the trail.
    TRY(trail::record(
        tx, org, actor,
        {"webhook", created.webhook.id, "create", {}, trail_fields(created.webhook)}));
    return Status{};
  }));
  return created;
}

Result<std::vector<Webhook>> webhooks(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Webhook>> {
    TRY_ASSIGN(auto rows, tx.query("SELECT " + std::string(kColumns) +
                                       " FROM webhooks WHERE org_id = $1 ORDER BY id",
                                   {org}));
    std::vector<Webhook> out;
    for (auto& row : rows)
      out.push_back(webhook_of(row));
    return out;
  });
}

Result<Webhook> webhook(store::Database& db, int64_t org, int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<Webhook> {
    TRY_ASSIGN(auto row, tx.query_row("SELECT " + std::string(kColumns) +
                                          " FROM webhooks WHERE org_id = $1 AND id = $2",
                                      {org, id}));
    if (!row) return Error::not_found("no such webhook");
    return webhook_of(*row);
  });
}

Status delete_webhook(store::Database& db, int64_t org, int64_t id, const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(auto row, tx.query_row("SELECT " + std::string(kColumns) +
                                          " FROM webhooks WHERE org_id = $1 AND id = $2",
                                      {org, id}));
    if (!row) return Error::not_found("no such webhook");
    const Webhook w = webhook_of(*row);
    TRY(tx.exec("DELETE FROM notify_deliveries WHERE org_id = $1 AND webhook_id = $2", {org, id}));
    TRY(tx.exec("DELETE FROM webhooks WHERE org_id = $1 AND id = $2", {org, id}));
    TRY(trail::record(tx, org, actor, {"webhook", id, "delete", trail_fields(w), {}}));
    return Status{};
  });
}

Status resend_delivery(store::Database& db, int64_t org, int64_t webhook_id, int64_t delivery_id,
                       const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY(resend(tx, org, webhook_id, delivery_id, now_timestamp()));
    TRY(trail::record(
        tx, org, actor,
        {"webhook", webhook_id, "resend", {}, {{"delivery", json_text::number(delivery_id)}}}));
    return Status{};
  });
}

Result<std::string> webhook_secret(store::Tx& tx, const trail::SigningKeys& keys, int64_t org,
                                   int64_t id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT secret_sealed FROM webhooks WHERE org_id = $1 AND"
                                    " id = $2",
                                    {org, id}));
  if (!row) return Error::not_found("no such webhook");
  return unseal(keys, org, kWebhookSecretContext, row->text(0));
}

}  // namespace aims::notify
