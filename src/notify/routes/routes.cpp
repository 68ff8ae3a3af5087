// Notify's JSON API. Email and webhook settings are the administrator's alone (manage_tokens):
// like an API token, each sends the organisation's data outside aims.
#include "notify/routes/routes.h"

#include "base/time.h"
#include "http/json_io.h"
#include "notify/notify.h"
#include "notify/routes/routes_internal.h"

namespace aims::notify {
namespace routes {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Shared& mutable_shared() {
  static Shared s;
  return s;
}

constexpr int kLogLength = 50;

Result<Response> smtp_get_api(Context& ctx) {
  TRY_ASSIGN(const auto s, smtp_settings(ctx.db, ctx.org()));
  return http::json_response(200, smtp_json(s));
}

Result<Response> smtp_put_api(Context& ctx) {
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  SmtpInput input;
  input.host = in.required_string("host", 253);
  input.port = in.required_int("port", 1, 65535);
  input.security = in.required_string("security", 20);
  input.username = in.optional_string("username", 200).value_or("");
  input.password = in.optional_string("password", 500);
  input.from_address = in.required_string("from_address", 254);
  TRY(in.finish());
  TRY(save_smtp_settings(ctx.db, *shared().keys, ctx.org(), input, ctx.who().actor()));
  TRY_ASSIGN(const auto s, smtp_settings(ctx.db, ctx.org()));
  return http::json_response(200, smtp_json(s));
}

Result<Response> smtp_test_api(Context& ctx) {
  TRY(send_test_email(ctx.db, *shared().keys, ctx.org(), ctx.who().email));
  return http::json_response(200, {{"sent_to", ctx.who().email}});
}

Result<Response> webhooks_api(Context& ctx) {
  TRY_ASSIGN(const auto all, webhooks(ctx.db, ctx.org()));
  json items = json::array();
  for (const auto& w : all)
    items.push_back(webhook_json(w));
  return http::json_list(items, std::nullopt);
}

Result<Response> webhook_create_api(Context& ctx) {
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  WebhookInput input;
  input.url = in.required_string("url", 2000);
  input.description = in.optional_string("description", 200).value_or("");
  input.event_types =
      in.optional_string_list("event_types", 20, 50).value_or(std::vector<std::string>{});
  TRY(in.finish());
  TRY_ASSIGN(const NewWebhook created,
             create_webhook(ctx.db, *shared().keys, ctx.org(), input, ctx.who().actor(),
                            shared().options.allow_private));
  json body = webhook_json(created.webhook);
  body["secret"] = created.secret;
  return http::json_response(201, body);
}

Result<Response> webhook_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Webhook w, webhook(ctx.db, ctx.org(), id));
  return http::json_response(200, webhook_json(w));
}

Result<Response> webhook_delete_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(delete_webhook(ctx.db, ctx.org(), id, ctx.who().actor()));
  return Response::no_content();
}

Result<Response> deliveries_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(webhook(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto log, deliveries_of(ctx.db, ctx.org(), id, kLogLength));
  json items = json::array();
  for (const auto& d : log)
    items.push_back(delivery_json(d));
  return http::json_list(items, std::nullopt);
}

Result<Response> resend_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t delivery, ctx.path_id("delivery"));
  TRY(resend_delivery(ctx.db, ctx.org(), id, delivery, ctx.who().actor()));
  return http::json_response(202, {{"id", delivery}, {"status", "pending"}});
}

Result<Response> my_notifications_api(Context& ctx) {
  TRY_ASSIGN(const bool on, digest_enabled(ctx.db, ctx.org(), ctx.who().user_id));
  return http::json_response(200, {{"daily_digest", on}});
}

Result<Response> my_notifications_put_api(Context& ctx) {
  TRY_ASSIGN(http::JsonInput in, http::read_json(ctx));
  const auto on = in.optional_bool("daily_digest");
  if (!on) in.reject("daily_digest", "say true or false");
  TRY(in.finish());
  TRY(set_digest_enabled(ctx.db, ctx.org(), ctx.who().user_id, *on, ctx.who().actor()));
  return http::json_response(200, {{"daily_digest", *on}});
}

}  // namespace

const Shared& shared() {
  return mutable_shared();
}

json webhook_json(const Webhook& w) {
  return {{"id", w.id},
          {"url", w.url},
          {"description", w.description},
          {"event_types", w.event_types},
          {"created_at", w.created_at}};
}

json delivery_json(const Delivery& d) {
  return {
      {"id", d.id},
      {"event_type", d.event_type},
      {"message_id", d.message_id},
      {"status", d.status},
      {"attempts", d.attempts},
      {"next_attempt_at", d.status == "pending" ? json(d.next_attempt_at) : json(nullptr)},
      {"last_attempt_at", d.last_attempt_at ? json(*d.last_attempt_at) : json(nullptr)},
      {"last_response_code", d.last_response_code ? json(*d.last_response_code) : json(nullptr)},
      {"last_error", d.last_error},
      {"created_at", d.created_at}};
}

json smtp_json(const std::optional<SmtpSettings>& s) {
  if (!s) return {{"configured", false}};
  return {{"configured", true},
          {"host", s->host},
          {"port", s->port},
          {"security", s->security},
          {"username", s->username},
          {"password_set", s->password_set},
          {"from_address", s->from_address},
          {"updated_at", s->updated_at}};
}

}  // namespace routes

void register_routes(http::Router& router, const trail::SigningKeys& keys, RouteOptions options) {
  routes::mutable_shared() = {&keys, options};
  using auth::Action;
  using namespace routes;
  router.api("GET", "/api/v1/settings/email", Action::manage_tokens, smtp_get_api);
  router.api("PUT", "/api/v1/settings/email", Action::manage_tokens, smtp_put_api);
  router.api("POST", "/api/v1/settings/email/test", Action::manage_tokens, smtp_test_api);
  router.api("GET", "/api/v1/webhooks", Action::manage_tokens, webhooks_api);
  router.api("POST", "/api/v1/webhooks", Action::manage_tokens, webhook_create_api);
  router.api("GET", "/api/v1/webhooks/{id}", Action::manage_tokens, webhook_api);
  router.api("DELETE", "/api/v1/webhooks/{id}", Action::manage_tokens, webhook_delete_api);
  router.api("GET", "/api/v1/webhooks/{id}/deliveries", Action::manage_tokens, deliveries_api);
  router.api("POST", "/api/v1/webhooks/{id}/deliveries/{delivery}/resend", Action::manage_tokens,
             resend_api);
  router.api("GET", "/api/v1/me/notifications", Action::read, my_notifications_api);
  router.api("PUT", "/api/v1/me/notifications", Action::read, my_notifications_put_api);
  register_pages(router);
}

}  // namespace aims::notify
