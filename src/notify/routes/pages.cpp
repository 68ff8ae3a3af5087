// Notify's pages: /settings/email, /settings/webhooks (+ one webhook's delivery log) and
// /account/notifications. Each works without script; errors come back on the form by field.
#include "base/time.h"
#include "notify/notify.h"
#include "notify/routes/routes_internal.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::notify::routes {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

json errors_of(const Error& e) {
  json out = json::object();
  out[e.field.empty() ? "form" : e.field] = e.message;
  for (const auto& p : e.problems)
    out[p.field] = p.message;
  return out;
}

std::string notice(const Context& ctx) {
  return ctx.query_value("notice").value_or("");
}

// ---- email ------------------------------------------------------------------------------------

Result<Response> email_view(Context& ctx, int status, json form, json errors, std::string message) {
  json securities = json::array();
  const std::string chosen = form.value("security", "starttls");
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"starttls", "STARTTLS (usually port 587)"},
           {"tls", "TLS from the start (usually port 465)"},
           {"none", "None: a relay on this machine only"}})
    securities.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
  return web::page(ctx, status, {"Email", "settings-email"},
                   "notify/routes/templates/email.mustache",
                   {{"form", form},
                    {"errors", errors},
                    {"securities", securities},
                    {"message", message},
                    {"me", ctx.who().email}});
}

Result<Response> email_page(Context& ctx) {
  TRY_ASSIGN(const auto s, smtp_settings(ctx.db, ctx.org()));
  json form = smtp_json(s);
  if (s) form["updated_at"] = minute_text(s->updated_at);
  std::string message;
  if (notice(ctx) == "saved") message = "The email settings are saved.";
  if (notice(ctx) == "sent") message = "The test message was accepted by the mail server.";
  return email_view(ctx, 200, form, json::object(), message);
}

Result<Response> email_submit(Context& ctx) {
  SmtpInput input;
  input.host = ctx.form_value("host").value_or("");
  const std::string port = ctx.form_value("port").value_or("");
  input.port = port.empty() || port.size() > 5 ? 0 : std::strtol(port.c_str(), nullptr, 10);
  input.security = ctx.form_value("security").value_or("");
  input.username = ctx.form_value("username").value_or("");
  const std::string password = ctx.form_value("password").value_or("");
  if (!password.empty() || ctx.form_value("clear_password")) input.password = password;
  input.from_address = ctx.form_value("from_address").value_or("");
  const Status saved =
      save_smtp_settings(ctx.db, *shared().keys, ctx.org(), input, ctx.who().actor());
  if (saved) return Response::redirect("/settings/email?notice=saved");
  json form = {{"host", input.host},
               {"port", port},
               {"security", input.security},
               {"username", input.username},
               {"from_address", input.from_address},
               {"configured", true}};
  return email_view(ctx, 422, form, errors_of(saved.error()), "");
}

Result<Response> email_test_submit(Context& ctx) {
  const Status sent = send_test_email(ctx.db, *shared().keys, ctx.org(), ctx.who().email);
  if (sent) return Response::redirect("/settings/email?notice=sent");
  TRY_ASSIGN(const auto s, smtp_settings(ctx.db, ctx.org()));
  return email_view(ctx, 422, smtp_json(s), {{"test", sent.error().message}}, "");
}

// ---- webhooks ---------------------------------------------------------------------------------

json event_choices(const std::vector<std::string>& chosen) {
  json out = json::array();
  for (const auto& t : event_types())
    out.push_back({{"key", t.key},
                   {"label", t.label},
                   {"checked", std::find(chosen.begin(), chosen.end(), t.key) != chosen.end()}});
  return out;
}

std::string event_labels(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& t : event_types())
    if (std::find(keys.begin(), keys.end(), t.key) != keys.end())
      out += (out.empty() ? "" : "; ") + std::string(t.label);
  return out;
}

Result<Response> webhooks_view(Context& ctx, int status, const WebhookInput& form, json errors,
                               json created) {
  TRY_ASSIGN(const auto all, webhooks(ctx.db, ctx.org()));
  json rows = json::array();
  for (const auto& w : all) {
    json row = webhook_json(w);
    row["events"] = event_labels(w.event_types);
    row["created_at"] = minute_text(w.created_at);
    rows.push_back(row);
  }
  return web::page(ctx, status, {"Webhooks", "settings-webhooks"},
                   "notify/routes/templates/webhooks.mustache",
                   {{"webhooks", rows},
                    {"form", {{"url", form.url}, {"description", form.description}}},
                    {"events", event_choices(form.event_types)},
                    {"errors", errors},
                    {"created", created},
                    {"allow_private", shared().options.allow_private},
                    {"deleted", notice(ctx) == "deleted"}});
}

Result<Response> webhooks_page(Context& ctx) {
  return webhooks_view(ctx, 200, {"", "", {}}, json::object(), nullptr);
}

Result<Response> webhook_create_submit(Context& ctx) {
  WebhookInput input;
  input.url = ctx.form_value("url").value_or("");
  input.description = ctx.form_value("description").value_or("");
  for (const auto& t : event_types())
    if (ctx.form_value("event_" + std::string(t.key))) input.event_types.emplace_back(t.key);
  auto created = create_webhook(ctx.db, *shared().keys, ctx.org(), input, ctx.who().actor(),
                                shared().options.allow_private);
  if (!created) return webhooks_view(ctx, 422, input, errors_of(created.error()), nullptr);
  // The secret is shown on this answer alone, never again: no redirect that could be reloaded.
  return webhooks_view(ctx, 201, {"", "", {}}, json::object(),
                       {{"url", created->webhook.url}, {"secret", created->secret}});
}

std::string status_label(const Delivery& d) {
  if (d.status == "delivered") return "Delivered";
  if (d.status == "failed") return "Failed";
  if (d.status == "sending") return "Sending";
  return d.attempts > 0 ? "Retrying" : "Queued";
}

Result<Response> webhook_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Webhook w, webhook(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto log, deliveries_of(ctx.db, ctx.org(), id, 50));
  json rows = json::array();
  for (const auto& d : log) {
    json row = delivery_json(d);
    row["created_at"] = minute_text(d.created_at);
    row["last_attempt_at"] = d.last_attempt_at ? minute_text(*d.last_attempt_at) : "";
    row["next_attempt_at"] = d.status == "pending" ? minute_text(d.next_attempt_at) : "";
    row["code"] = d.last_response_code ? std::to_string(*d.last_response_code) : "";
    row["status_label"] = status_label(d);
    row["ok"] = d.status == "delivered";
    row["bad"] = d.status == "failed";
    row["can_resend"] = d.status != "sending";
    row["webhook_id"] = id;
    rows.push_back(row);
  }
  json view = webhook_json(w);
  view["events"] = event_labels(w.event_types);
  view["created_at"] = minute_text(w.created_at);
  view["deliveries"] = rows;
  view["resent"] = notice(ctx) == "resent";
  return web::page(ctx, 200, {"Webhook", "settings-webhooks"},
                   "notify/routes/templates/webhook.mustache", view);
}

Result<Response> webhook_delete_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY(delete_webhook(ctx.db, ctx.org(), id, ctx.who().actor()));
  return Response::redirect("/settings/webhooks?notice=deleted");
}

Result<Response> resend_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const int64_t delivery, ctx.path_id("delivery"));
  TRY(resend_delivery(ctx.db, ctx.org(), id, delivery, ctx.who().actor()));
  return Response::redirect("/settings/webhooks/" + std::to_string(id) + "?notice=resent");
}

// ---- the person's own choice ------------------------------------------------------------------

Result<Response> notifications_page(Context& ctx) {
  TRY_ASSIGN(const bool on, digest_enabled(ctx.db, ctx.org(), ctx.who().user_id));
  return web::page(ctx, 200, {"Email notifications", ""},
                   "notify/routes/templates/notifications.mustache",
                   {{"digest", on}, {"saved", notice(ctx) == "saved"}, {"email", ctx.who().email}});
}

Result<Response> notifications_submit(Context& ctx) {
  const std::string choice = ctx.form_value("daily_digest").value_or("");
  if (choice != "on" && choice != "off")
    return Error::invalid("daily_digest", "choose whether to receive the daily digest");
  const bool on = choice == "on";
  TRY(set_digest_enabled(ctx.db, ctx.org(), ctx.who().user_id, on, ctx.who().actor()));
  return Response::redirect("/account/notifications?notice=saved");
}

}  // namespace

void register_pages(http::Router& router) {
  using auth::Action;
  web::add_nav_entry({"Administration", 90, "settings-email", "Email", "/settings/email", 30,
                      Action::manage_tokens});
  web::add_nav_entry({"Administration", 90, "settings-webhooks", "Webhooks", "/settings/webhooks",
                      40, Action::manage_tokens});
  router.page("GET", "/settings/email", Action::manage_tokens, email_page);
  router.page("POST", "/settings/email", Action::manage_tokens, email_submit);
  router.page("POST", "/settings/email/test", Action::manage_tokens, email_test_submit);
  router.page("GET", "/settings/webhooks", Action::manage_tokens, webhooks_page);
  router.page("POST", "/settings/webhooks", Action::manage_tokens, webhook_create_submit);
  router.page("GET", "/settings/webhooks/{id}", Action::manage_tokens, webhook_page);
  router.page("POST", "/settings/webhooks/{id}/delete", Action::manage_tokens,
              webhook_delete_submit);
  router.page("POST", "/settings/webhooks/{id}/deliveries/{delivery}/resend", Action::manage_tokens,
              resend_submit);
  router.page("GET", "/account/notifications", Action::read, notifications_page);
  router.page("POST", "/account/notifications", Action::read, notifications_submit);
}

}  // namespace aims::notify::routes
