// The tamper-evident audit trail: every change to a governance record appends an event in the
// same transaction; events form a SHA-256 hash chain per organisation that can be verified.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/database.h"

namespace aims::trail {

// Who made a change.
struct Actor {
  std::string type;                // "user", "token", "cli" or "system"
  std::optional<int64_t> user_id;  // the user acting, directly or through a token
  std::string label;               // shown in the trail: an email, "token ci (a@b.c)", "cli:root"
};

// A record's fields as field name -> canonical JSON text of the value (base/json_text.h).
using Fields = std::map<std::string, std::string>;

struct Change {
  std::string entity_type;  // "user", "api_token", "ai_system", ...
  int64_t entity_id = 0;
  std::string action;  // "create", "update", "archive", "restore", "disable", "revoke", ...
  Fields before;       // empty for a create
  Fields after;        // empty for a delete
};

// Appends the event for `change` to the organisation's chain inside `tx` and returns its
// sequence number. Only fields whose value differs are recorded, each as {"before","after"}.
// The organisation's chain head row stays locked until `tx` ends, so appends are serial.
// Errors: those of the store; not_found if the organisation has no chain.
Result<int64_t> record(store::Tx& tx, int64_t org_id, const Actor& actor, const Change& change);

// The canonical JSON `record` stores for a change from `before` to `after`. Worked out apart from
// the transaction when that helps: an import works out each row's while the rows before it are
// being written.
std::string changes_between(const Fields& before, const Fields& after);
// `record` with the changes already worked out by changes_between (`change`'s before and after
// are not read).
Result<int64_t> record_changes(store::Tx& tx, int64_t org_id, const Actor& actor,
                               const Change& change, std::string changes);

// Starts the chain of a new organisation (called in the transaction that creates it).
Status start_chain(store::Tx& tx, int64_t org_id);

struct Event {
  int64_t id = 0;
  int64_t org_id = 0;
  int64_t seq = 0;
  std::string at;
  std::string actor_type;
  std::optional<int64_t> actor_id;
  std::string actor_label;
  std::string entity_type;
  int64_t entity_id = 0;
  std::string action;
  std::string changes;  // canonical JSON: {"field":{"after":...,"before":...},...}
  std::string prev_hash;
  std::string hash;
};

// The exact bytes that are hashed: the event without `id` and `hash`, as canonical JSON with
// sorted keys. docs/audit-trail.md specifies it so an auditor can re-implement the check.
std::string canonical_form(const Event& event);
// SHA-256 (hex) of canonical_form(event).
std::string compute_hash(const Event& event);
// The prev_hash of an organisation's first event.
extern const std::string kGenesisHash;

struct Filter {
  std::optional<std::string> entity_type;
  std::optional<int64_t> entity_id;
  std::optional<std::string> actor;   // exact actor label, e.g. an email
  std::optional<std::string> from;    // inclusive timestamp
  std::optional<std::string> to;      // exclusive timestamp
  std::optional<int64_t> before_seq;  // cursor: only events older than this
  int limit = 50;
};

// Calls `visit` for every event of the organisation after event #after_seq in chain order (oldest
// first), a page at a time so memory stays flat; stops early when `visit` returns false.
Status scan(store::Tx& tx, int64_t org_id, const std::function<bool(const Event&)>& visit,
            int64_t after_seq = 0);

// The last link of an organisation's chain.
struct Head {
  int64_t seq = 0;  // 0 before the first event
  std::string hash;
};
// The organisation's head as stored. Errors: not_found when the organisation has no chain.
Result<Head> current_head(store::Tx& tx, int64_t org_id);
// The same, its row locked until `tx` ends so that no event is appended meanwhile (SQLite's
// write transactions already exclude other writers).
Result<Head> lock_head(store::Tx& tx, int64_t org_id);

// How many events the organisation's chain holds (its head's sequence number).
Result<int64_t> event_count(store::Tx& tx, int64_t org_id);

// Events of one organisation matching `filter`, newest first.
Result<std::vector<Event>> list(store::Tx& tx, int64_t org_id, const Filter& filter);

}  // namespace aims::trail
