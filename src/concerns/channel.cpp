// The public channel: its link, what it receives and what a receipt code shows.
#include "concerns/channel.h"

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "concerns/concerns.h"
#include "records/rules.h"

namespace aims::concerns {
namespace {

using records::Record;
using trail::Fields;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kHour = 3600 * kMicrosPerSecond;
constexpr int64_t kQuarterHour = 900 * kMicrosPerSecond;

// The channel writes as nobody: no person, no address.
const records::Caller& channel_caller() {
  static const records::Caller caller{
      trail::Actor{"system", std::nullopt, "public concerns channel"}, std::nullopt, std::nullopt};
  return caller;
}

std::string ago(int64_t micros) {
  return format_timestamp(now_micros() - micros);
}

Channel channel_from(const store::Row& row) {
  return {row.int64(0), row.boolean(1), row.boolean(2), true, row.text(3), row.text(4)};
}

Error too_many(const std::string& message, int seconds) {
  Error e{ErrorCode::rate_limited, message, {}};
  e.retry_after_seconds = seconds;
  return e;
}

Fields channel_fields(bool enabled, bool list_systems) {
  return {{"enabled", json_text::boolean(enabled)},
          {"list_systems", json_text::boolean(list_systems)}};
}

Result<int64_t> concern_with_code(store::Tx& tx, const Channel& channel, std::string_view code) {
  if (trim(code).empty()) return Error::not_found("no concern with this code");
  TRY_ASSIGN(const auto row,
             tx.query_row("SELECT id FROM concerns WHERE org_id = $1 AND receipt_hash = $2 AND "
                          "archived_at IS NULL",
                          {channel.org, crypto::sha256_hex(trim(code))}));
  if (!row) return Error::not_found("no concern with this code");
  return row->int64(0);
}

// Counts a wrong code against the channel, forgetting misses older than an hour.
Status count_miss(store::Database& db, int64_t org) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY(tx.exec("DELETE FROM concern_code_misses WHERE org_id = $1 AND at < $2",
                {org, ago(kHour)}));
    TRY(tx.insert("INSERT INTO concern_code_misses (org_id, at) VALUES ($1, $2) RETURNING id",
                  {org, now_timestamp()}));
    return {};
  });
}

Status check_misses(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto row, db.read([&](store::Tx& tx) {
    return tx.query_row("SELECT COUNT(*) FROM concern_code_misses WHERE org_id = $1 AND at >= $2",
                        {org, ago(kQuarterHour)});
  }));
  if (row && row->int64(0) >= kMissesPerQuarterHour)
    return too_many("Too many codes were tried here. Please wait a quarter of an hour.", 900);
  return {};
}

Receipt receipt_of(const Record& r) {
  const auto* state = concerns().state(r.state);
  return {r.id,
          r.state,
          state ? state->label : r.state,
          r.text("received_at"),
          r.state_since,
          r.text("public_answer")};
}

// Looks the code up (slowed once too many wrong ones were tried), counting a miss.
Result<int64_t> find_by_code(store::Database& db, const Channel& channel, std::string_view code) {
  TRY(check_misses(db, channel.org));
  auto id = db.read([&](store::Tx& tx) { return concern_with_code(tx, channel, code); });
  if (!id && id.error().code == ErrorCode::not_found) TRY(count_miss(db, channel.org));
  return id;
}

}  // namespace

Result<Channel> channel_of(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto row, db.read([&](store::Tx& tx) {
    return tx.query_row(
        "SELECT c.org_id, c.enabled, c.list_systems, c.changed_at, o.name FROM concern_channels c "
        "JOIN organisations o ON o.id = c.org_id WHERE c.org_id = $1",
        {org});
  }));
  if (!row) return Channel{org, false, false, false, "", ""};
  return channel_from(*row);
}

Result<Channel> open_channel(store::Database& db, std::string_view token) {
  TRY_ASSIGN(const auto row, db.read([&](store::Tx& tx) {
    return tx.query_row(
        "SELECT c.org_id, c.enabled, c.list_systems, c.changed_at, o.name FROM concern_channels c "
        "JOIN organisations o ON o.id = c.org_id WHERE c.token_hash = $1 AND c.enabled <> 0",
        {crypto::sha256_hex(token)});
  }));
  if (!row) return Error::not_found("no such page");
  return channel_from(*row);
}

Result<bool> channel_link_open(store::Database& db, int64_t org, std::string_view link) {
  const auto at = link.rfind("/concerns/");
  if (at == std::string_view::npos) return false;
  const std::string_view token = link.substr(at + 10);
  if (token.empty() || token.find('/') != std::string_view::npos) return false;
  auto channel = open_channel(db, token);
  if (!channel) {
    if (channel.error().code == ErrorCode::not_found) return false;
    return channel.error();
  }
  return channel->org == org;
}

Result<std::string> rotate_link(store::Database& db, int64_t org, const records::Caller& caller) {
  const std::string token = crypto::random_token(kTokenBytes);
  TRY(db.write([&](store::Tx& tx) -> Status {
    const std::string now = now_timestamp();
    TRY_ASSIGN(const auto before,
               tx.query_row("SELECT list_systems FROM concern_channels WHERE org_id = $1", {org}));
    const bool list_systems = before && before->boolean(0);
    if (before) {
      TRY(
          tx.exec("UPDATE concern_channels SET token_hash = $2, enabled = 1, changed_at = $3 "
                  "WHERE org_id = $1",
                  {org, crypto::sha256_hex(token), now}));
    } else {
      TRY(
          tx.exec("INSERT INTO concern_channels (org_id, token_hash, enabled, list_systems, "
                  "changed_at) VALUES ($1, $2, 1, 0, $3)",
                  {org, crypto::sha256_hex(token), now}));
    }
    // The trail says a new link was made, never what it is.
    Fields after = channel_fields(true, list_systems);
    after["link"] = json_text::quote("made " + now);
    TRY(trail::record(tx, org, caller.actor, {"concern_channel", org, "rotate", {}, after}));
    return {};
  }));
  return token;
}

Status set_channel(store::Database& db, int64_t org, bool enabled, bool list_systems,
                   const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(const auto before,
               tx.query_row("SELECT enabled, list_systems FROM concern_channels WHERE org_id = $1",
                            {org}));
    if (!before)
      return Error{ErrorCode::failed_precondition, "make the channel's link first", "enabled"};
    TRY(
        tx.exec("UPDATE concern_channels SET enabled = $2, list_systems = $3, changed_at = $4 "
                "WHERE org_id = $1",
                {org, int64_t{enabled ? 1 : 0}, int64_t{list_systems ? 1 : 0}, now_timestamp()}));
    TRY(trail::record(
        tx, org, caller.actor,
        {"concern_channel", org, "update", channel_fields(before->boolean(0), before->boolean(1)),
         channel_fields(enabled, list_systems)}));
    return {};
  });
}

Result<std::string> submit(store::Database& db, const Channel& channel, const Submission& input) {
  if (input.what_happened.size() > kMaxConcernBytes)
    return Error::invalid("what_happened", "say what happened in at most 10,000 characters");
  if (!is_valid_utf8(input.what_happened) || !is_valid_utf8(input.system_named))
    return Error::invalid("what_happened", "the text is not valid UTF-8");
  const std::string code = crypto::random_token(kReceiptBytes);
  TRY(db.write([&](store::Tx& tx) -> Status {
    TRY_ASSIGN(const auto recent,
               tx.query_row("SELECT COUNT(*) FROM concerns WHERE org_id = $1 AND "
                            "received_through = 'public' AND received_at >= $2",
                            {channel.org, ago(kHour)}));
    if (recent && recent->int64(0) >= kSubmissionsPerHour)
      return too_many(
          "This channel has received many concerns in the last hour. Please try again later.",
          3600);
    Record concern;
    concern.values = {{"what_happened", input.what_happened},
                      {"system_named", utf8_prefix(input.system_named, records::rules::kTextLimit)},
                      {"anonymous", input.anonymous},
                      {"received_through", std::string("public")}};
    if (!input.contact.empty()) concern.values["contact"] = input.contact;
    if (input.system_id) concern.values["system_id"] = *input.system_id;
    const records::WriteContext ctx{tx, channel.org, channel_caller(), now_timestamp()};
    TRY_ASSIGN(const Record made, records::create_in(ctx, concerns(), concern));
    TRY(tx.exec("UPDATE concerns SET receipt_hash = $1 WHERE org_id = $2 AND id = $3",
                {crypto::sha256_hex(code), channel.org, made.id}));
    return {};
  }));
  return code;
}

Result<Receipt> receipt(store::Database& db, const Channel& channel, std::string_view code) {
  TRY_ASSIGN(const int64_t id, find_by_code(db, channel, code));
  TRY_ASSIGN(const Record r, records::get(db, concerns(), channel.org, id));
  return receipt_of(r);
}

Result<Receipt> add_information(store::Database& db, const Channel& channel, std::string_view code,
                                std::string_view information) {
  const std::string text(trim(information));
  if (text.empty()) return Error::invalid("information", "write what you want to add");
  if (text.size() > kMaxConcernBytes || !is_valid_utf8(text))
    return Error::invalid("information", "add at most 10,000 characters of plain text");
  TRY_ASSIGN(const int64_t id, find_by_code(db, channel, code));
  return db.write([&](store::Tx& tx) -> Result<Receipt> {
    const records::WriteContext ctx{tx, channel.org, channel_caller(), now_timestamp()};
    TRY_ASSIGN(const auto found, records::find(ctx, concerns(), id));
    if (!found) return Error::not_found("no concern with this code");
    std::string added = found->text("reporter_additions");
    added += (added.empty() ? "" : "\n\n") + minute_text(ctx.now) + " UTC: " + text;
    if (added.size() > records::rules::kLongTextLimit)
      return Error::invalid("information", "this concern has all the added text it can hold");
    TRY_ASSIGN(const Record r,
               records::update_kept_in(ctx, concerns(), id,
                                       Record{.values = {{"reporter_additions", added}}}));
    return receipt_of(r);
  });
}

}  // namespace aims::concerns
