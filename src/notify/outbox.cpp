#include "notify/outbox.h"

#include "base/crypto.h"
#include "base/time.h"

namespace aims::notify {
namespace {

constexpr std::string_view kColumns =
    "id, org_id, channel, webhook_id, recipient, event_type, message_id, subject, link, body,"
    " status, attempts, next_attempt_at, last_attempt_at, last_response_code, last_error,"
    " created_at";

Delivery delivery_of(store::Row& row) {
  store::RowReader r(row);
  Delivery d;
  d.id = r.int64();
  d.org_id = r.int64();
  d.channel = r.text();
  d.webhook_id = r.opt_int64();
  d.recipient = r.text();
  d.event_type = r.text();
  d.message_id = r.text();
  d.subject = r.text();
  d.link = r.text();
  d.body = r.text();
  d.status = r.text();
  d.attempts = r.int64();
  d.next_attempt_at = r.text();
  d.last_attempt_at = r.opt_text();
  d.last_response_code = r.opt_int64();
  d.last_error = r.text();
  d.created_at = r.text();
  return d;
}

std::string select_sql(std::string_view where) {
  return "SELECT " + std::string(kColumns) + " FROM notify_deliveries WHERE " + std::string(where);
}

}  // namespace

const std::vector<std::chrono::seconds>& retry_delays() {
  using namespace std::chrono_literals;
  static const std::vector<std::chrono::seconds> delays = {30s, 2min, 10min, 1h, 4h, 12h};
  return delays;
}

std::optional<int64_t> next_attempt_micros(int64_t attempts, int64_t failed_at_micros) {
  const auto& delays = retry_delays();
  if (attempts < 1 || attempts > int64_t(delays.size())) return std::nullopt;
  return failed_at_micros + delays[size_t(attempts - 1)].count() * 1'000'000;
}

std::string new_message_id() {
  return "msg_" + crypto::random_token(18);
}

Result<int64_t> enqueue(store::Tx& tx, const Delivery& d, const std::string& now) {
  return tx.insert(
      "INSERT INTO notify_deliveries (org_id, channel, webhook_id, recipient, event_type,"
      " message_id, subject, link, body, status, attempts, next_attempt_at, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $10) RETURNING id",
      {d.org_id, d.channel, d.webhook_id, d.recipient, d.event_type, d.message_id, d.subject,
       d.link, d.body, now});
}

Result<std::vector<int64_t>> due_deliveries(store::Database& db, const std::string& now,
                                            int limit) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<int64_t>> {
    TRY_ASSIGN(auto rows, tx.query("SELECT id FROM notify_deliveries WHERE (status = 'pending'"
                                   " AND next_attempt_at <= $1) OR (status = 'sending' AND"
                                   " claimed_until < $1) ORDER BY next_attempt_at, id LIMIT $2",
                                   {now, limit}));
    std::vector<int64_t> ids;
    for (auto& row : rows)
      ids.push_back(row.int64(0));
    return ids;
  });
}

Result<std::optional<Delivery>> claim(store::Database& db, int64_t id, int64_t now_micros,
                                      std::chrono::seconds lease) {
  const std::string now = format_timestamp(now_micros);
  const std::string until = format_timestamp(now_micros + lease.count() * 1'000'000);
  return db.write([&](store::Tx& tx) -> Result<std::optional<Delivery>> {
    // The condition repeats the due test: of several workers that read the same id, only the
    // first update matches, the others change nothing and pass it by.
    TRY_ASSIGN(const int64_t changed,
               tx.exec("UPDATE notify_deliveries SET status = 'sending', claimed_until = $2"
                       " WHERE id = $1 AND ((status = 'pending' AND next_attempt_at <= $3) OR"
                       " (status = 'sending' AND claimed_until < $3))",
                       {id, until, now}));
    if (changed == 0) return std::optional<Delivery>();
    TRY_ASSIGN(auto row, tx.query_row(select_sql("id = $1"), {id}));
    if (!row) return std::optional<Delivery>();
    return std::optional<Delivery>(delivery_of(*row));
  });
}

Status finish(store::Database& db, const Delivery& d, const Attempt& attempt, int64_t now_micros) {
  const int64_t attempts = d.attempts + 1;
  std::string status = "delivered";
  std::string next = d.next_attempt_at;
  if (!attempt.delivered) {
    const auto retry = next_attempt_micros(attempts, now_micros);
    status = retry ? "pending" : "failed";
    if (retry) next = format_timestamp(*retry);
  }
  return db.write([&](store::Tx& tx) -> Status {
    TRY(
        tx.exec("UPDATE notify_deliveries SET status = $2, attempts = $3, next_attempt_at = $4,"
                " claimed_until = NULL, last_attempt_at = $5, last_response_code = $6,"
                " last_error = $7 WHERE id = $1 AND status = 'sending'",
                {d.id, status, attempts, next, format_timestamp(now_micros), attempt.response_code,
                 attempt.error.substr(0, 300)}));
    return Status{};
  });
}

Result<std::vector<Delivery>> deliveries_of(store::Database& db, int64_t org, int64_t webhook_id,
                                            int limit) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Delivery>> {
    TRY_ASSIGN(auto rows, tx.query(select_sql("org_id = $1 AND webhook_id = $2") +
                                       " ORDER BY id DESC LIMIT $3",
                                   {org, webhook_id, limit}));
    std::vector<Delivery> out;
    for (auto& row : rows)
      out.push_back(delivery_of(row));
    return out;
  });
}

Status resend(store::Tx& tx, int64_t org, int64_t webhook_id, int64_t id, const std::string& now) {
  TRY_ASSIGN(const int64_t changed,
             tx.exec("UPDATE notify_deliveries SET status = 'pending', attempts = 0,"
                     " next_attempt_at = $4, claimed_until = NULL WHERE id = $1 AND org_id = $2"
                     " AND webhook_id = $3 AND status <> 'sending'",
                     {id, org, webhook_id, now}));
  if (changed == 0)
    return Error::not_found("no such delivery of this webhook (or it is being sent)");
  return {};
}

}  // namespace aims::notify
