#include "trail/routes/routes.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "base/crypto.h"
#include "base/time.h"
#include "http/context.h"
#include "http/json_io.h"
#include "http/paging.h"
#include "trail/checkpoint.h"
#include "trail/trail.h"
#include "trail/verify.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::trail {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Result<std::optional<std::string>> timestamp_param(const Context& ctx, const std::string& name) {
  auto text = ctx.query_value(name);
  if (!text || text->empty()) return std::optional<std::string>();
  auto micros = parse_timestamp(*text);
  if (!micros) {
    return Error::invalid(name, name + " must be a date (2026-11-22) or an RFC 3339 time");
  }
  return std::optional<std::string>(format_timestamp(*micros));
}

// The position a list cursor holds: lists continue before this seq or id.
Result<std::optional<int64_t>> cursor_position(const http::PageRequest& page) {
  if (!page.cursor) return std::optional<int64_t>();
  int64_t position = 0;
  auto [end, ec] =
      std::from_chars(page.cursor->data(), page.cursor->data() + page.cursor->size(), position);
  if (ec != std::errc() || position < 1)
    return Error::malformed("cursor is not one this server issued", "cursor");
  return std::optional<int64_t>(position);
}

// The filters shared by the API and the page. Errors name the query parameter.
Result<Filter> read_filter(const Context& ctx) {
  Filter f;
  TRY_ASSIGN(auto page, http::read_page_request(ctx, {"seq"}, "-seq"));
  f.limit = page.limit;
  TRY_ASSIGN(f.before_seq, cursor_position(page));
  if (auto v = ctx.query_value("entity_type"); v && !v->empty()) f.entity_type = *v;
  if (auto v = ctx.query_value("entity_id"); v && !v->empty()) {
    int64_t id = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
    if (ec != std::errc() || end != v->data() + v->size() || id < 1) {
      return Error::invalid("entity_id", "entity_id must be a positive whole number");
    }
    f.entity_id = id;
  }
  if (auto v = ctx.query_value("actor"); v && !v->empty()) f.actor = *v;
  TRY_ASSIGN(f.from, timestamp_param(ctx, "from"));
  TRY_ASSIGN(f.to, timestamp_param(ctx, "to"));
  return f;
}

json event_json(const Event& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor",
           {{"type", e.actor_type},
            {"user_id", e.actor_id ? json(*e.actor_id) : json(nullptr)},
            {"label", e.actor_label}}},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"action", e.action},
          {"changes", json::parse(e.changes, nullptr, false)},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

std::optional<std::string> next_cursor(const std::vector<Event>& events, const Filter& f) {
  if (static_cast<int>(events.size()) < f.limit || events.empty()) return std::nullopt;
  return http::encode_cursor(std::to_string(events.back().seq));
}

Result<Response> list_api(Context& ctx) {
  TRY_ASSIGN(auto filter, read_filter(ctx));
  TRY_ASSIGN(auto events, ctx.db.read([&](store::Tx& tx) { return list(tx, ctx.org(), filter); }));
  json items = json::array();
  for (const auto& e : events)
    items.push_back(event_json(e));
  return http::json_list(items, next_cursor(events, filter));
}

json verification_json(const Verification& v) {
  const auto& latest = v.latest_signed;
  return {{"intact", v.intact},
          {"events_checked", v.events_checked},
          {"head_hash", v.head_hash},
          {"first_bad_seq", v.bad_seq ? json(*v.bad_seq) : json(nullptr)},
          {"problem", v.intact ? json(nullptr) : json(v.problem)},
          {"checkpoints_verified", v.checkpoints_verified},
          {"checkpoints_unknown_key", v.checkpoints_unknown_key},
          {"signed_seq", latest ? json(latest->seq) : json(nullptr)},
          {"signed_at", latest ? json(latest->signed_at) : json(nullptr)}};
}

// The chain, checked against every checkpoint the organisation's key signed.
Result<Verification> verify_signed(Context& ctx, const SigningKeys& keys) {
  return verify(ctx.db, ctx.org(), {.key = keys.for_org(ctx.org()).verifier()});
}

Result<Response> verify_api(Context& ctx, const SigningKeys& keys) {
  TRY_ASSIGN(Verification result, verify_signed(ctx, keys));
  return http::json_response(200, verification_json(result));
}

json public_key_json(const note::VerifierKey& key) {
  return {{"algorithm", "Ed25519"},     {"key_name", key.name},
          {"key_id", key.id_hex()},     {"public_key", crypto::base64_encode(key.public_key)},
          {"verifier_key", key.text()}, {"fingerprint", key.fingerprint()}};
}

Result<Response> public_key_api(Context& ctx, const SigningKeys& keys) {
  return http::json_response(200, public_key_json(keys.for_org(ctx.org()).verifier()));
}

json checkpoint_json(const Checkpoint& c) {
  return {{"id", c.id},
          {"seq", c.head.seq},
          {"head_hash", c.head.head_hash},
          {"signed_at", c.head.signed_at},
          {"key_id", c.key_id},
          {"checkpoint", c.note}};
}

Result<Response> checkpoints_api(Context& ctx) {
  TRY_ASSIGN(auto page, http::read_page_request(ctx, {"id"}, "-id"));
  TRY_ASSIGN(auto before_id, cursor_position(page));
  TRY_ASSIGN(auto found, ctx.db.read([&](store::Tx& tx) {
    return recent_checkpoints(tx, ctx.org(), before_id, page.limit);
  }));
  json items = json::array();
  for (const auto& c : found)
    items.push_back(checkpoint_json(c));
  std::optional<std::string> next;
  if (static_cast<int>(found.size()) == page.limit)
    next = http::encode_cursor(std::to_string(found.back().id));
  return http::json_list(items, next);
}

// A change's value as people read it: text unquoted, lists joined, nothing shown as a dash.
std::string display(const json& value) {
  if (value.is_null()) return "—";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value)
      out += (out.empty() ? "" : ", ") + display(item);
    return out.empty() ? "—" : out;
  }
  return value.dump();
}

}  // namespace

json event_view(const Event& e) {
  json changes = json::array();
  const json parsed = json::parse(e.changes, nullptr, false);
  // A disposal removed what this event recorded (trail/sealed.h): say so rather than show nothing.
  if (is_redacted(e)) {
    changes.push_back({{"field", "content"},
                       {"before", ""},
                       {"after", "removed when the record was disposed of"},
                       {"had_before", false}});
  } else if (parsed.is_object()) {
    for (const auto& [field, change] : parsed.items()) {
      if (!change.is_object()) continue;
      changes.push_back({{"field", field},
                         {"before", display(change.value("before", json()))},
                         {"after", display(change.value("after", json()))},
                         {"had_before", !change.value("before", json()).is_null()}});
    }
  }
  return {{"seq", e.seq},       {"at", e.at.substr(0, 19) + "Z"}, {"actor", e.actor_label},
          {"action", e.action}, {"entity_type", e.entity_type},   {"entity_id", e.entity_id},
          {"changes", changes}, {"hash", e.hash.substr(0, 12)}};
}

namespace {

Result<Response> trail_page(Context& ctx, const SigningKeys& keys) {
  json filters = {{"entity_type", ctx.query_value("entity_type").value_or("")},
                  {"entity_id", ctx.query_value("entity_id").value_or("")},
                  {"actor", ctx.query_value("actor").value_or("")},
                  {"from", ctx.query_value("from").value_or("")},
                  {"to", ctx.query_value("to").value_or("")}};
  auto filter = read_filter(ctx);
  if (!filter) {
    return web::page(
        ctx, 422, {"Audit trail", "trail"}, "trail/routes/templates/events.mustache",
        {{"filters", filters}, {"form_error", filter.error().message}, {"events", json::array()}});
  }
  TRY_ASSIGN(auto events, ctx.db.read([&](store::Tx& tx) { return list(tx, ctx.org(), *filter); }));
  json rows = json::array();
  for (const auto& e : events)
    rows.push_back(event_view(e));
  json view = {{"filters", filters}, {"events", rows}};
  if (auto next = next_cursor(events, *filter)) {
    std::string query = "cursor=" + *next;
    for (const auto& [key, value] : filters.items()) {
      if (!value.get<std::string>().empty())
        query += "&" + key + "=" + http::percent_encode(value.get<std::string>());
    }
    view["next_query"] = query;
  }
  if (ctx.query_value("verify")) {
    TRY_ASSIGN(Verification result, verify_signed(ctx, keys));
    view["verification"] = verification_json(result);
  }
  const note::VerifierKey key = keys.for_org(ctx.org()).verifier();
  view["signing"] = public_key_json(key);
  TRY_ASSIGN(auto latest, ctx.db.read([&](store::Tx& tx) {
    return recent_checkpoints(tx, ctx.org(), std::nullopt, 1);
  }));
  // Shown only when the key signed it: the row alone is not evidence.
  if (!latest.empty() && note::open(latest.front().note, key).outcome == note::Opened::verified) {
    view["signing"]["latest"] = {{"seq", latest.front().head.seq},
                                 {"at", minute_text(latest.front().head.signed_at)}};
  }
  return web::page(ctx, 200, {"Audit trail", "trail"}, "trail/routes/templates/events.mustache",
                   view);
}

}  // namespace

void register_routes(http::Router& r, const SigningKeys& keys) {
  web::add_nav_entry({"Evidence", 40, "trail", "Audit trail", "/audit-trail", 10});
  r.api("GET", "/api/v1/audit-events", auth::Action::read, list_api);
  r.api("GET", "/api/v1/audit-events/verification", auth::Action::read,
        [&keys](Context& ctx) { return verify_api(ctx, keys); });
  r.api("GET", "/api/v1/audit-checkpoints", auth::Action::read, checkpoints_api);
  r.api("GET", "/api/v1/audit-checkpoints/public-key", auth::Action::read,
        [&keys](Context& ctx) { return public_key_api(ctx, keys); });
  r.page("GET", "/audit-trail", auth::Action::read,
         [&keys](Context& ctx) { return trail_page(ctx, keys); });
}

}  // namespace aims::trail
