#include "trail/trail.h"

#include "base/crypto.h"
#include "base/json_text.h"
#include "base/time.h"
#include "trail/event_row.h"
#include "trail/sealed.h"

namespace aims::trail {

const std::string kGenesisHash(64, '0');
const std::string kRedactedChanges = R"({"$redacted":true})";

// {"field":{"after":..,"before":..}} for every field whose value differs; a side that does not
// have the field records null. Both sides are sorted, so one merged walk writes the members in
// canonical order without building them first (an import records thousands of these).
std::string changes_between(const Fields& before, const Fields& after) {
  static const std::string kNull = json_text::null();
  std::string out = "{";
  auto b = before.begin(), a = after.begin();
  while (b != before.end() || a != after.end()) {
    const bool only_before = a == after.end() || (b != before.end() && b->first < a->first);
    const bool only_after = !only_before && (b == before.end() || a->first < b->first);
    const std::string& name = only_before ? b->first : a->first;
    const std::string& was = only_after ? kNull : b->second;
    const std::string& is = only_before ? kNull : a->second;
    if (!only_after) ++b;
    if (!only_before) ++a;
    // A field that appears empty (a new record's unset fields) carries no information.
    const bool appears_empty = only_after && (is == "\"\"" || is == "[]" || is == kNull);
    if (is == was || appears_empty) continue;
    if (out.size() > 1) out += ',';
    out += json_text::quote(name);
    out += ":{\"after\":";
    out += is;
    out += ",\"before\":";
    out += was;
    out += '}';
  }
  return out + "}";
}

Event event_from_row(store::Row& row) {
  store::RowReader r(row);
  Event e;
  e.id = r.int64();
  e.org_id = r.int64();
  e.seq = r.int64();
  e.at = r.text();
  e.actor_type = r.text();
  e.actor_id = r.opt_int64();
  e.actor_label = r.text();
  e.entity_type = r.text();
  e.entity_id = r.int64();
  e.action = r.text();
  e.changes = r.text();
  e.prev_hash = r.text();
  e.hash = r.text();
  return e;
}

std::string canonical_form(const Event& e) {
  return json_text::object({
      {"action", json_text::quote(e.action)},
      {"actor_id", json_text::optional_number(e.actor_id)},
      {"actor_label", json_text::quote(e.actor_label)},
      {"actor_type", json_text::quote(e.actor_type)},
      {"at", json_text::quote(e.at)},
      {"changes", e.changes},
      {"entity_id", json_text::number(e.entity_id)},
      {"entity_type", json_text::quote(e.entity_type)},
      {"org_id", json_text::number(e.org_id)},
      {"prev_hash", json_text::quote(e.prev_hash)},
      {"seq", json_text::number(e.seq)},
  });
}

std::string compute_hash(const Event& event) {
  return crypto::sha256_hex(canonical_form(event));
}

Sealed sealed_from_row(store::Row& row) {
  Sealed s{event_from_row(row)};
  s.form = static_cast<int>(row.int64(13));
  s.changes_sha256 = row.text(14);
  return s;
}

std::string canonical_form(const Sealed& s) {
  if (s.form < 2) return canonical_form(s.event);
  const Event& e = s.event;
  return json_text::object({
      {"action", json_text::quote(e.action)},
      {"actor_id", json_text::optional_number(e.actor_id)},
      {"actor_label", json_text::quote(e.actor_label)},
      {"actor_type", json_text::quote(e.actor_type)},
      {"at", json_text::quote(e.at)},
      {"changes_sha256", json_text::quote(s.changes_sha256)},
      {"entity_id", json_text::number(e.entity_id)},
      {"entity_type", json_text::quote(e.entity_type)},
      {"form", json_text::number(int64_t{s.form})},
      {"org_id", json_text::number(e.org_id)},
      {"prev_hash", json_text::quote(e.prev_hash)},
      {"seq", json_text::number(e.seq)},
  });
}

std::string compute_hash(const Sealed& sealed) {
  return crypto::sha256_hex(canonical_form(sealed));
}

Status start_chain(store::Tx& tx, int64_t org_id) {
  TRY(tx.exec("INSERT INTO trail_heads (org_id, seq, head_hash) VALUES ($1, 0, $2)",
              {org_id, kGenesisHash}));
  return {};
}

namespace {

// The head of one organisation's chain as this transaction has advanced it; written back to
// trail_heads once, at commit, however many events the transaction appends (a CSV import appends
// thousands).
class PendingHead final : public store::Tx::Deferred {
 public:
  PendingHead(int64_t org_id, int64_t seq, std::string hash)
      : org_id_(org_id), seq_(seq), hash_(std::move(hash)) {}

  Status flush(store::Tx& tx) override {
    TRY(tx.exec("UPDATE trail_heads SET seq = $2, head_hash = $3 WHERE org_id = $1",
                {org_id_, seq_, hash_}));
    return {};
  }
  int64_t seq() const { return seq_; }
  const std::string& hash() const { return hash_; }
  void advance(int64_t seq, std::string hash) {
    seq_ = seq;
    hash_ = std::move(hash);
  }

 private:
  int64_t org_id_;
  int64_t seq_;
  std::string hash_;
};

// The transaction's head of the chain; the first event of a transaction reads it and locks the
// row (SQLite's write transactions already hold the only write lock), so concurrent writers
// append one after the other.
std::string head_key(int64_t org_id) {
  return "trail_head:" + std::to_string(org_id);
}

Result<PendingHead*> pending_head(store::Tx& tx, int64_t org_id) {
  const std::string key = head_key(org_id);
  if (auto* known = tx.deferred(key)) return static_cast<PendingHead*>(known);
  TRY_ASSIGN(Head head, lock_head(tx, org_id));
  auto pending = std::make_unique<PendingHead>(org_id, head.seq, std::move(head.hash));
  PendingHead* out = pending.get();
  tx.defer(key, std::move(pending));
  return out;
}

// The head row; with `lock`, locked until the transaction ends.
Result<Head> read_head(store::Tx& tx, int64_t org_id, bool lock) {
  TRY_ASSIGN(auto row,
             tx.query_row(lock && tx.dialect() == store::Dialect::postgres
                              ? "SELECT seq, head_hash FROM trail_heads"
                                " WHERE org_id = $1 FOR UPDATE"
                              : "SELECT seq, head_hash FROM trail_heads WHERE org_id = $1",
                          {org_id}));
  if (!row) return Error::not_found("organisation has no audit trail");
  store::RowReader r(*row);
  return Head{r.int64(), r.text()};
}

}  // namespace

Result<Head> current_head(store::Tx& tx, int64_t org_id) {
  return read_head(tx, org_id, false);
}

Result<Head> lock_head(store::Tx& tx, int64_t org_id) {
  return read_head(tx, org_id, true);
}

Result<int64_t> record(store::Tx& tx, int64_t org_id, const Actor& actor, const Change& change) {
  return record_changes(tx, org_id, actor, change, changes_between(change.before, change.after));
}

Result<int64_t> record_changes(store::Tx& tx, int64_t org_id, const Actor& actor,
                               const Change& change, std::string changes) {
  TRY_ASSIGN(auto head, pending_head(tx, org_id));

  Sealed sealed{{}, kCurrentForm, crypto::sha256_hex(changes)};
  Event& e = sealed.event;
  e.org_id = org_id;
  e.seq = head->seq() + 1;
  e.prev_hash = head->hash();
  e.at = now_timestamp();
  e.actor_type = actor.type;
  e.actor_id = actor.user_id;
  e.actor_label = actor.label;
  e.entity_type = change.entity_type;
  e.entity_id = change.entity_id;
  e.action = change.action;
  e.changes = std::move(changes);
  e.hash = compute_hash(sealed);

  TRY(tx.exec(
      "INSERT INTO trail_events (org_id, seq, at, actor_type, actor_id, actor_label, entity_type,"
      " entity_id, action, changes, prev_hash, hash, form, changes_sha256)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
      {e.org_id, e.seq, e.at, e.actor_type, e.actor_id, e.actor_label, e.entity_type, e.entity_id,
       e.action, e.changes, e.prev_hash, e.hash, int64_t{sealed.form}, sealed.changes_sha256}));
  head->advance(e.seq, e.hash);
  return e.seq;
}

Result<int64_t> event_count(store::Tx& tx, int64_t org_id) {
  if (auto* pending = tx.deferred(head_key(org_id)))
    return static_cast<PendingHead*>(pending)->seq();
  TRY_ASSIGN(auto row, tx.query_row("SELECT seq FROM trail_heads WHERE org_id = $1", {org_id}));
  return row.has_value() ? row->int64(0) : 0;
}

Status scan(store::Tx& tx, int64_t org_id, const std::function<bool(const Event&)>& visit,
            int64_t after_seq) {
  return scan_sealed(
      tx, org_id, [&](const Sealed& sealed) { return visit(sealed.event); }, after_seq);
}

Status scan_sealed(store::Tx& tx, int64_t org_id, const std::function<bool(const Sealed&)>& visit,
                   int64_t after_seq) {
  int64_t after = after_seq;
  constexpr int kPage = 2000;
  while (true) {
    TRY_ASSIGN(auto rows,
               tx.query("SELECT " AIMS_TRAIL_SEALED_COLUMNS
                        " FROM trail_events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                        {org_id, after, kPage}));
    for (auto& row : rows) {
      Sealed s = sealed_from_row(row);
      if (!visit(s)) return {};
      after = s.event.seq;
    }
    if (rows.size() < static_cast<size_t>(kPage)) return {};
  }
}

Result<std::vector<Event>> list(store::Tx& tx, int64_t org_id, const Filter& filter) {
  // Each optional filter is a fixed clause that a NULL parameter switches off, so the SQL text
  // never depends on input.
  TRY_ASSIGN(auto rows, tx.query("SELECT " AIMS_TRAIL_EVENT_COLUMNS " FROM trail_events"
                                 " WHERE org_id = $1"
                                 " AND (CAST($2 AS TEXT) IS NULL OR entity_type = $2)"
                                 " AND (CAST($3 AS BIGINT) IS NULL OR entity_id = $3)"
                                 " AND (CAST($4 AS TEXT) IS NULL OR actor_label = $4)"
                                 " AND (CAST($5 AS TEXT) IS NULL OR at >= $5)"
                                 " AND (CAST($6 AS TEXT) IS NULL OR at < $6)"
                                 " AND (CAST($7 AS BIGINT) IS NULL OR seq < $7)"
                                 " ORDER BY seq DESC LIMIT $8",
                                 {org_id, filter.entity_type, filter.entity_id, filter.actor,
                                  filter.from, filter.to, filter.before_seq, filter.limit}));
  std::vector<Event> events;
  events.reserve(rows.size());
  for (auto& row : rows)
    events.push_back(event_from_row(row));
  return events;
}

}  // namespace aims::trail
