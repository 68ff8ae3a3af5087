// The records platform: every governance register described as data (records/description.h) gets
// storage, validation, references between registers, lists with search and filters, workflows with
// approvals and separation of duties, frozen versions, attachments and comments
// (records/attachments.h), and its audit trail from this one module.
// Every change is written with its audit event in one transaction; records of another
// organisation are not_found.
#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "records/description.h"
#include "records/registry.h"
#include "store/database.h"

namespace aims::records {

// ---- records ---------------------------------------------------------------------------------

// Creates a record from the given values (missing ones take their defaults), in the workflow's
// first state. Errors: invalid_argument with every problem (Error::problems), already_exists
// on the title of a register with unique titles.
Result<Record> create(store::Database& db, const Description& d, int64_t org, const Record& input,
                      const Caller& caller);
// Changes only the values present in `changes`. Errors: not_found; stale_version when
// `expected_version` is not current; failed_precondition when archived or in a state that may
// not be edited; invalid_argument; already_exists.
Result<Record> update(store::Database& db, const Description& d, int64_t org, int64_t id,
                      const Record& changes, int64_t expected_version, const Caller& caller);
// Errors: not_found.
Result<Record> get(store::Database& db, const Description& d, int64_t org, int64_t id);
// Archived records stay readable but cannot be changed or newly referred to. Errors: not_found,
// failed_precondition (already archived / not archived; a restore whose title is taken).
Result<Record> archive(store::Database& db, const Description& d, int64_t org, int64_t id,
                       const Caller& caller);
Result<Record> restore(store::Database& db, const Description& d, int64_t org, int64_t id,
                       const Caller& caller);

// Everything create checks that needs no database: defaults, value shapes, computed fields and
// the register's rules. Errors: invalid_argument with every problem.
Result<Record> prepare(const Description& d, const Record& input);

// The same, inside a transaction another module opened (a monitoring run opening an incident).
Result<std::optional<Record>> find(const WriteContext& ctx, const Description& d, int64_t id);
Result<Record> create_in(const WriteContext& ctx, const Description& d, const Record& input);
Result<Record> update_in(const WriteContext& ctx, const Description& d, int64_t id,
                         const Record& changes, std::optional<int64_t> expected_version);
// Sets fields aims keeps (read_only ones: a flag a module raises, a level it works out) in any
// workflow state, since people's edit lock does not bind aims' own bookkeeping; an archived
// record is left as it is. Naming a field that is not read_only is a bug and throws.
Result<Record> update_kept_in(const WriteContext& ctx, const Description& d, int64_t id,
                              const Record& changes);
// Whether `id` is a record of the register in the organisation (archived ones included).
Result<bool> exists(store::Tx& tx, const Description& d, int64_t org, int64_t id);

// ---- lists -----------------------------------------------------------------------------------

enum class Archived { exclude, include, only };

struct Query {
  std::string search;  // words of the record's text, the last one the start of a word
  // Field key (or "state") and the value it must have; for a reference, the referred id; for a
  // text list, one of its entries.
  std::vector<std::pair<std::string, std::string>> filters;
  Archived archived = Archived::exclude;
  std::string sort;  // a sort key of the register; empty: the title
  bool descending = false;
  int limit = 50;
  std::optional<std::string> cursor;  // as returned in Page::next_cursor
  // Counting stops past this many matches (0: count them all). Counting every match of a large
  // register costs a scan per request; people and scripts need "more than 10,000", not the digit.
  int64_t count_limit = 0;
};

struct Page {
  std::vector<Record> items;
  std::optional<std::string> next_cursor;
  int64_t total = 0;        // records matching the query, across all pages
  bool total_exact = true;  // false: more than `total` match (Query::count_limit)
};

// What lists people and scripts page through count up to: beyond it they say "10,000+".
inline constexpr int64_t kListCountLimit = 10'000;
// A searched list counts up to 1,000 ("1,000+"): each match counted costs a lookup of its record
// (10,000 of them were 12 ms of a common word's 25 ms search), and past a thousand matches the
// person refines the words rather than reads the digit.
inline constexpr int64_t kSearchCountLimit = 1'000;

// Errors: invalid_argument on "sort", a filter key or value, or malformed "cursor".
Result<Page> list(store::Database& db, const Description& d, int64_t org, const Query& query);
// The same inside a transaction another module opened.
Result<Page> list_in(store::Tx& tx, const Description& d, int64_t org, const Query& query);
// Every record matching the query, all pages read (its limit and cursor are ignored): for work
// over a whole register that is small by nature (an SoA's 38 entries, an organisation's AI
// systems), never for a list people page through.
Result<std::vector<Record>> list_all(store::Database& db, const Description& d, int64_t org,
                                     Query query = {});
Result<std::vector<Record>> list_all_in(store::Tx& tx, const Description& d, int64_t org,
                                        Query query = {});
// Keys `list` sorts by: the title ("name" or the title field), created_at, updated_at, the
// description's sort keys.
std::vector<std::string> sort_keys(const Description& d);

// ---- references ------------------------------------------------------------------------------

struct Named {
  int64_t id = 0;
  std::string name;
  bool archived = false;
};
// Every record of `target` by name (archived ones included and marked), for pickers and imports.
Result<std::vector<Named>> all_names(store::Database& db, const Description& target, int64_t org);

// What a reference field may point at: a register's records, or things another module keeps
// outside the registers (a monitor of an AI system), which it defines with define_target.
struct ReferenceTarget {
  std::string type;       // "ai_system", "monitor"
  std::string singular;   // "monitor"
  std::string plural;     // "monitors"
  std::string page_path;  // a thing's page is page_path + "/" + id
  // Every one of the organisation's, by name, archived ones included and marked.
  std::function<Result<std::vector<Named>>(store::Tx& tx, int64_t org)> names;
};
// Adds a target that is not a register; a type a register or another target has is a bug and
// throws. Called once at start-up, like define.
void define_target(ReferenceTarget target);
// The target `type` names, register or not; nullopt when the program knows no such thing.
std::optional<ReferenceTarget> reference_target(std::string_view type);
Result<std::vector<Named>> all_names(store::Database& db, const ReferenceTarget& target,
                                     int64_t org);

// Target type -> id -> name: what pages and the command line show instead of referenced ids.
using ReferencedNames = std::map<std::string, std::map<int64_t, Named>>;
// The records that `records` refer to through the reference fields `keys` of `d` (other keys,
// such as "state" among list columns, are passed over), with their display names (archived ones
// included and marked). One query per register referred to.
Result<ReferencedNames> referenced_names(store::Database& db, const Description& d, int64_t org,
                                         const std::vector<Record>& records,
                                         const std::vector<const char*>& keys);
// The same inside a transaction another module opened (an SoA version naming what it froze).
Result<ReferencedNames> referenced_names_in(store::Tx& tx, const Description& d, int64_t org,
                                            const std::vector<Record>& records,
                                            const std::vector<const char*>& keys);

// A record that refers to another, as the referred record's page lists it.
struct Referrer {
  const Description* from = nullptr;
  int64_t id = 0;
  std::string name;
  std::string field_label;  // "Models", "AI systems concerned"
  bool archived = false;
  const Field* field = nullptr;  // the reference field of `from` that points here
  Record record;                 // the referring record, for showing it as its register's list does
};
// Every record of any register that refers to this one, grouped by register and field (in the
// order of their type and key), each group by id: one query per reference field that may point
// at `d`'s records.
Result<std::vector<Referrer>> referred_by(store::Database& db, int64_t org, const Description& d,
                                          int64_t id);

// ---- workflow --------------------------------------------------------------------------------

struct TransitionRequest {
  std::string name;
  std::string reason;
  Record values;  // fields the transition sets (a resolution, a decision)
  int64_t expected_version = 0;
  // What a module's own route prepared outside the transaction for the move's hooks (they read it
  // as WriteContext::prepared); a move with Transition::own_route is refused without it.
  std::any prepared = {};
};

struct TransitionOutcome {
  Record record;
  bool moved = false;  // false: an approval was recorded and more are needed
  int approvals_given = 0;
  int approvals_needed = 0;
};

// Moves a record along its workflow, or records the caller's approval of the move. Errors:
// not_found; stale_version; invalid_argument ("transition" unknown or not from this state,
// "reason" missing, a required field); permission_denied when the caller's role may not make
// the move or approve it, or separation of duties forbids it (with the reason);
// failed_precondition, naming the route, for a move with an own route and nothing prepared.
Result<TransitionOutcome> transition(store::Database& db, const Description& d, int64_t org,
                                     int64_t id, const TransitionRequest& request,
                                     const Caller& caller);

// A move aims makes itself by one of the description's transitions, inside another write's
// transaction and without the role and approval checks people pass (an older impact assessment
// superseded when a newer one is approved). A record archived, or in a state the transition does
// not leave, is returned unchanged. A transition that freezes, collects approvals or has an own
// route is a bug and throws.
Result<Record> move_in(const WriteContext& ctx, const Description& d, int64_t id,
                       std::string_view transition_name, const std::string& reason);

struct Approval {
  std::string transition;
  int64_t user_id = 0;
  std::string user_label;
  std::string reason;
  std::string at;
};

struct WorkflowView {
  const State* state = nullptr;
  std::string since;
  std::vector<Approval> approvals;  // given towards the moves out of the current state
  // Moves the caller may make now with the generic transition, and why the others are offered no
  // button: the reason they are closed to the caller, or for a move the caller may make through
  // its module's own route, OwnRoute::on_page.
  std::vector<const Transition*> open;
  std::vector<std::pair<const Transition*, std::string>> closed;
  // Of those, the moves the caller may make now through their module's own route.
  std::vector<const Transition*> own;
};

Result<WorkflowView> workflow_view(store::Database& db, const Description& d, int64_t org,
                                   const Record& record, const Caller& caller);

struct PendingApproval {
  const Transition* transition = nullptr;
  int given = 0;  // approvals given so far towards it
};
// The moves out of the record's state that collect approvals which `caller` may give now, by the
// same rules as `transition` (role, separation of duties, one approval each, the register's
// closed_for hook): what "awaiting my approval" lists. None for an archived record.
Result<std::vector<PendingApproval>> approvable(store::Tx& tx, const Description& d, int64_t org,
                                                const Record& record, const Caller& caller);

// ---- versions --------------------------------------------------------------------------------

struct Version {
  int64_t number = 0;
  std::string frozen_at;
  std::string frozen_by;  // who gave the last approval
  std::string reason;
  Record snapshot;
};

// Oldest first. Errors: not_found.
Result<std::vector<Version>> versions(store::Database& db, const Description& d, int64_t org,
                                      int64_t id);
// The same for a record the caller has just read (so it is the organisation's): no second look-up.
Result<std::vector<Version>> versions(store::Database& db, const Description& d, int64_t org,
                                      const Record& record);
// Errors: not_found (also for a number that does not exist).
Result<Version> version(store::Database& db, const Description& d, int64_t org, int64_t id,
                        int64_t number);

struct LineChange {
  char kind = ' ';  // ' ' kept, '-' removed, '+' added
  std::string text;
};

struct FieldChange {
  std::string key;
  std::string label;
  std::string before;  // as people read it
  std::string after;
  std::vector<LineChange> lines;  // long texts: a line diff
};

// The fields that differ between two versions; `to` 0 means the record as it is now.
// Errors: not_found.
Result<std::vector<FieldChange>> compare(store::Database& db, const Description& d, int64_t org,
                                         int64_t id, int64_t from, int64_t to);

// The line diff of two texts (longest common subsequence of lines).
std::vector<LineChange> diff_lines(const std::string& before, const std::string& after);

}  // namespace aims::records
