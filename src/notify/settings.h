// The organisation's settings for email (SMTP server, credentials, sender) and its webhooks, each
// change in the audit trail without its secret.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "notify/transport.h"
#include "store/database.h"
#include "trail/keys.h"
#include "trail/trail.h"

namespace aims::notify {

struct SmtpSettings {
  std::string host;
  int port = 587;
  std::string security = "starttls";  // starttls, tls, none (a server on this machine only)
  std::string username;
  bool password_set = false;
  std::string from_address;
  std::string updated_at;
};

struct SmtpInput {
  std::string host;
  int64_t port = 587;
  std::string security;
  std::string username;
  std::optional<std::string> password;  // nullopt keeps the stored one
  std::string from_address;
};

// The settings, or nullopt before any were saved.
Result<std::optional<SmtpSettings>> smtp_settings(store::Database& db, int64_t org);

// Checks and saves the settings; the trail records the change, the password only as "changed".
// Errors: invalid_argument naming each field that breaks a rule.
Status save_smtp_settings(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                          const SmtpInput& input, const trail::Actor& actor);

// The server to send through, password unsealed, or nullopt when email is not set up.
Result<std::optional<MailServer>> mail_server(store::Tx& tx, const trail::SigningKeys& keys,
                                              int64_t org);

// Sends a test message to `to` at once (the settings page shows whether it arrived at the server).
Status send_test_email(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                       const std::string& to);

struct Webhook {
  int64_t id = 0;
  std::string url;
  std::string description;
  std::vector<std::string> event_types;
  std::string created_at;
};

struct WebhookInput {
  std::string url;
  std::string description;
  std::vector<std::string> event_types;
};

// A new webhook and its secret, which is shown this once.
struct NewWebhook {
  Webhook webhook;
  std::string secret;
};

// Errors: invalid_argument on "url" (see resolve_destination), "event_types" (none, or unknown),
// "description" (over 200 characters).
Result<NewWebhook> create_webhook(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                                  const WebhookInput& input, const trail::Actor& actor,
                                  bool allow_private);
// Saves a webhook whose destination the caller has already checked, without resolving it again:
// create_webhook's second half, and the demo's way to name a host that does not exist.
Result<NewWebhook> store_webhook(store::Database& db, const trail::SigningKeys& keys, int64_t org,
                                 const WebhookInput& input, const trail::Actor& actor);
Result<std::vector<Webhook>> webhooks(store::Database& db, int64_t org);
// Errors: not_found (also for another organisation's webhook).
Result<Webhook> webhook(store::Database& db, int64_t org, int64_t id);
// Removes the webhook and its delivery log. Errors: not_found.
Status delete_webhook(store::Database& db, int64_t org, int64_t id, const trail::Actor& actor);
// Queues one of its deliveries again at once. Errors: not_found.
Status resend_delivery(store::Database& db, int64_t org, int64_t webhook_id, int64_t delivery_id,
                       const trail::Actor& actor);
// The webhook's signing secret, unsealed, for the worker. Errors: not_found, failed_precondition.
Result<std::string> webhook_secret(store::Tx& tx, const trail::SigningKeys& keys, int64_t org,
                                   int64_t id);

// Whether `person` gets the daily digest (yes until they turn it off).
Result<bool> digest_enabled(store::Database& db, int64_t org, int64_t person);
Status set_digest_enabled(store::Database& db, int64_t org, int64_t person, bool enabled,
                          const trail::Actor& actor);

}  // namespace aims::notify
