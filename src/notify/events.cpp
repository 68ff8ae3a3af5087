// Events announced to webhooks and email, queued in the caller's transaction (notify.h), and the
// observer that makes every register announce its writes.
#include <algorithm>
#include <mutex>
#include <set>

#include "auth/roles.h"
#include "base/text.h"
#include "base/time.h"
#include "notify/notify.h"
#include "notify/outbox.h"
#include "records/registry.h"

namespace aims::notify {
namespace {

using nlohmann::json;

// The organisation's webhooks with the event types each receives, read once per transaction: an
// import announces every row it writes, and a query per row cost PostgreSQL a round trip each
// (issue 8 measured a 100,000-row import going from 35 s to 96 s). Kept as a transaction's deferred
// state, which has nothing to write at commit; a webhook saved later in the same transaction is
// not seen, and no transaction both saves webhooks and writes records.
struct Subscriptions final : store::Tx::Deferred {
  std::vector<std::pair<int64_t, std::vector<std::string>>> webhooks;
  Status flush(store::Tx&) override { return {}; }
};

Result<const Subscriptions*> subscriptions(store::Tx& tx, int64_t org) {
  const std::string key = "notify.subscriptions." + std::to_string(org);
  if (auto* known = tx.deferred(key)) return static_cast<const Subscriptions*>(known);
  TRY_ASSIGN(auto rows, tx.query("SELECT id, event_types FROM webhooks WHERE org_id = $1"
                                 " ORDER BY id",
                                 {org}));
  auto loaded = std::make_unique<Subscriptions>();
  for (auto& row : rows) {
    const std::string stored = row.text(1);  // split's views point into it
    std::vector<std::string> types;
    for (const auto part : split(stored, ' '))
      if (!part.empty()) types.emplace_back(part);
    loaded->webhooks.emplace_back(row.int64(0), std::move(types));
  }
  const Subscriptions* result = loaded.get();
  tx.defer(key, std::move(loaded));
  return result;
}

Result<std::vector<int64_t>> webhooks_receiving(store::Tx& tx, int64_t org,
                                                std::string_view event_type) {
  TRY_ASSIGN(const Subscriptions* known, subscriptions(tx, org));
  std::vector<int64_t> ids;
  for (const auto& [id, types] : known->webhooks)
    if (std::find(types.begin(), types.end(), event_type) != types.end()) ids.push_back(id);
  return ids;
}

// A record as events describe it: enough to find it, never its field values.
json record_data(const records::Description& d, const records::Record& r) {
  return {{"register", d.type},
          {"id", r.id},
          {"name", d.display_name(r)},
          {"state", r.state},
          {"path", std::string(d.page_path) + "/" + std::to_string(r.id)}};
}

// People who may give an approval the record now waits for: active users whose role the move
// allows, other than its author (the platform refuses the author anyway).
Result<std::vector<int64_t>> approvers(store::Tx& tx, int64_t org, const records::Record& r,
                                       const records::Transition& t) {
  TRY_ASSIGN(auto rows, tx.query("SELECT id, role FROM users WHERE org_id = $1 AND"
                                 " status = 'active' ORDER BY id",
                                 {org}));
  std::vector<int64_t> out;
  for (auto& row : rows) {
    const auto role = auth::parse_role(row.text(1));
    if (!role || !auth::can(*role, t.permission)) continue;
    if (!t.approver_roles.empty() && std::find(t.approver_roles.begin(), t.approver_roles.end(),
                                               *role) == t.approver_roles.end())
      continue;
    if (r.created_by && *r.created_by == row.int64(0)) continue;
    out.push_back(row.int64(0));
  }
  return out;
}

Status request_approvals(const records::WriteContext& ctx, const records::Description& d,
                         const records::Record& r) {
  for (const auto& t : d.workflow->transitions) {
    if (t.approvals == 0 || std::find_if(t.from.begin(), t.from.end(), [&](const char* s) {
                              return r.state == s;
                            }) == t.from.end())
      continue;
    TRY_ASSIGN(const auto people, approvers(ctx.tx, ctx.org, r, t));
    const std::string name = d.display_name(r);
    for (const int64_t person : people) {
      TRY(email_person(ctx.tx, ctx.org, person,
                       "Approval requested: " + std::string(d.singular) + " " + name,
                       "The " + std::string(d.singular) + " \"" + name + "\" awaits approval (" +
                           t.label + "). " + ctx.caller.actor.label + " moved it to this step.",
                       std::string(d.page_path) + "/" + std::to_string(r.id)));
    }
  }
  return {};
}

Status announce(const records::Description& d, const records::WriteContext& ctx,
                const records::Record& after, const records::Record* before) {
  json data = record_data(d, after);
  data["actor"] = ctx.caller.actor.label;
  std::string_view type = event::record_created;
  if (before && before->state != after.state) {
    type = event::record_transitioned;
    data["previous_state"] = before->state;
  } else if (before) {
    type = event::record_changed;
  }
  TRY(publish(ctx.tx, ctx.org, type, data));
  const bool entered_state = !before || before->state != after.state;
  if (d.workflow && entered_state) TRY(request_approvals(ctx, d, after));
  return {};
}

}  // namespace

const std::vector<EventType>& event_types() {
  static const std::vector<EventType> all = {
      {event::record_created, "A record is created"},
      {event::record_changed, "A record is changed"},
      {event::record_transitioned, "A record moves through its workflow"},
      {event::alert_raised, "A monitor raises an alert"},
      {event::incident_clock, "An incident's reporting clock has a day left"},
      {event::oversight_decided, "A reviewer confirms or overrides an AI system's decision"},
  };
  return all;
}

bool is_event_type(std::string_view key) {
  for (const auto& t : event_types())
    if (t.key == key) return true;
  return false;
}

Status publish(store::Tx& tx, int64_t org, std::string_view event_type, const json& data) {
  if (!is_event_type(event_type))
    return Error::invalid("event_type", "no such event type: " + std::string(event_type));
  TRY_ASSIGN(const auto targets, webhooks_receiving(tx, org, event_type));
  if (targets.empty()) return {};
  const std::string now = now_timestamp();
  const std::string body =
      json{{"type", event_type}, {"timestamp", now.substr(0, 19) + "Z"}, {"data", data}}.dump();
  for (const int64_t webhook : targets) {
    Delivery d;
    d.org_id = org;
    d.channel = kWebhookChannel;
    d.webhook_id = webhook;
    d.event_type = event_type;
    d.message_id = new_message_id();
    d.body = body;
    TRY(enqueue(tx, d, now));
  }
  return {};
}

Result<bool> email_person(store::Tx& tx, int64_t org, int64_t user_id, const std::string& subject,
                          const std::string& text, const std::string& link) {
  TRY_ASSIGN(auto configured, tx.query_row("SELECT 1 FROM notify_smtp WHERE org_id = $1", {org}));
  if (!configured) return false;
  TRY_ASSIGN(auto person, tx.query_row("SELECT email FROM users WHERE org_id = $1 AND id = $2 AND"
                                       " status = 'active'",
                                       {org, user_id}));
  if (!person) return false;
  Delivery d;
  d.org_id = org;
  d.channel = kEmailChannel;
  d.recipient = person->text(0);
  d.event_type = "email";
  d.message_id = new_message_id();
  d.subject = subject;
  d.link = link;
  d.body = text;
  TRY(enqueue(tx, d, now_timestamp()));
  return true;
}

void watch_registers() {
  static std::mutex mutex;
  static std::set<std::string> watched;
  std::lock_guard lock(mutex);
  for (const records::Description* d : records::all()) {
    if (!watched.insert(d->type).second) continue;
    records::observe(
        d->type, [d](const records::WriteContext& ctx, const records::Record& after,
                     const records::Record* before) { return announce(*d, ctx, after, before); });
  }
}

}  // namespace aims::notify
