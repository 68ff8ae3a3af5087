// How a domain module describes a register to the records platform: its fields, lists, workflow,
// versions and hooks, written with designated initialisers so a description reads like a form.
#pragma once

#include <any>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/roles.h"
#include "base/result.h"
#include "records/record.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::records {

enum class FieldType {
  text,       // one line
  long_text,  // paragraphs
  markdown,   // paragraphs rendered as Markdown (raw HTML is never rendered)
  choice,     // one of `choices`
  flag,       // yes / no
  date,       // YYYY-MM-DD
  date_time,  // an instant, stored as fixed-width UTC text
  integer,    // a whole number within [min, max]
  decimal,    // a number within [min, max]
  score,      // a whole number within [min, max] on a scale (likelihood 1 to 5)
  text_list,  // several short texts (tags)
  email,
  url,         // http or https
  sha256,      // 64 hexadecimal digits
  user_ref,    // a person of the organisation (CSV: their email)
  record_ref,  // one or many records of the register `target` (CSV: their names)
};

struct Choice {
  const char* value;
  const char* label;
};

// A name for several choices at once in list filters ("active": open or investigating).
struct ChoiceGroup {
  const char* value;
  const char* label;
  std::vector<const char*> members;
};

struct Field {
  const char* key;  // API, CSV and form name; the SQL column unless `column` says otherwise
  const char* label;
  FieldType type = FieldType::text;
  bool required = false;
  std::vector<Choice> choices = {};
  const char* hint = "";
  const char* group = "";  // the form section it appears in
  const char* default_value = "";
  double min = 0;  // integer, decimal, score: the inclusive range (both 0: any integer >= 0)
  double max = 0;
  const char* target = "";  // record_ref: the type of the register it points at
  bool many = false;        // record_ref: a list of references
  // The CSV column when it differs from the key: references travel by name ("models"), people by
  // email ("owner_email").
  const char* csv_key = nullptr;
  bool searchable = false;  // part of the text that search finds the record by
  bool due = false;         // date: someone must act by then (My work, calendar, overdue counts)
  // due: what a passed date is called beside the value ("expired" for evidence).
  const char* past_due_label = "overdue";
  bool responsible = false;  // user_ref: the person who answers for the record
  bool computed = false;     // set by Hooks::compute, never from input
  bool read_only = false;    // set by aims (a module or a hook), never by people's input
  // false: a key rules and the API use that the record's page leaves out, because the title or
  // another field already says it in words.
  bool shown = true;
  std::vector<ChoiceGroup> choice_groups = {};
  // The SQL column when it differs from the key (a key with dots nests in JSON:
  // "model_card.task" is stored in "mc_task").
  const char* column = nullptr;

  const char* column_name() const { return column ? column : key; }
};

struct State {
  const char* value;
  const char* label;
  bool editable = true;  // whether fields may change while the record is in this state
  // The record's work is finished here (closed, withdrawn, retired): its due dates are nobody's
  // work any more, so My work, the calendar feed and the overdue counts leave it out. A state
  // that no transition leaves counts as done too.
  bool done = false;
};

// Where a move taken only through its module's own route is offered. That route prepares, outside
// the write transaction, what the move needs (a compiled pack, a gate check: work that reads other
// modules through their Database functions) and hands it over as TransitionRequest::prepared.
struct OwnRoute {
  const char* path;      // below the register's API path: "/{id}/hold"
  const char* prepares;  // what the route does first, after "which": "compile the input pack"
  // What the record's page says instead of a button, beside the move's label: "held with the form
  // below, which compiles the input pack".
  const char* on_page;
};

// A move from one state to another. With `approvals`, each eligible person's call adds an
// approval and the move happens when enough are given; the author and the responsible people of
// the record cannot approve, nor can one person approve twice.
struct Transition {
  const char* name;  // "submit"
  const char* label;
  std::vector<const char*> from;
  const char* to;
  auth::Action permission = auth::Action::edit_records;
  std::vector<const char*> required_fields = {};  // must be set once the transition is done
  bool reason_required = false;
  // What the reason is called where people give it ("Change summary"); "Reason" when empty.
  const char* reason_label = "";
  int approvals = 0;
  std::vector<auth::Role> approver_roles = {};
  bool freezes = false;  // completing it freezes a numbered, immutable version
  // Set: the generic transition (API, page button, CLI) refuses the move with failed_precondition
  // naming the route, and pages offer no button for it; approvals it collects still show on My
  // work to those who may give them.
  std::optional<OwnRoute> own_route = std::nullopt;
};

struct Workflow {
  std::vector<State> states;  // the first is where a new record starts
  std::vector<Transition> transitions;
};

// Problems found in one input, all at once, each with its field.
class Problems {
 public:
  void add(std::string field, std::string message);
  bool empty() const { return list_.empty(); }
  bool has(std::string_view field) const;
  // Success when empty; otherwise invalid_argument carrying every problem.
  Status status() const;

 private:
  std::vector<FieldProblem> list_;
};

struct Description;

// Who is writing, for the trail and for separation of duties.
struct Caller {
  trail::Actor actor;
  std::optional<int64_t> user_id;  // a person (absent for the system or the plain CLI)
  std::optional<auth::Role> role;
};

// What a hook may use inside the write transaction.
struct WriteContext {
  store::Tx& tx;
  int64_t org;
  const Caller& caller;
  std::string now;
  // People this transaction has already found to be active users of the organisation: an
  // import's rows name the same owners again and again.
  mutable std::set<int64_t> active_users = {};
  // In a transition's hooks: what the module's own route prepared for the move
  // (TransitionRequest::prepared); null or empty otherwise. Other registers' hooks written in the
  // same transaction see it too, so a hook reads it only as its own module's type.
  const std::any* prepared = nullptr;
};

// The approvals a move needs on one record, when the record decides them (see Hooks).
struct ApprovalRule {
  int approvals = 1;
  std::vector<auth::Role> approver_roles;
};

struct Hooks {
  // Rules across the fields of one complete record; `before` is null on create.
  std::function<void(const Record& record, const Record* before, Problems& problems)> check;
  // Fills computed fields and tidies dependent ones (e.g. clears a reason that no longer applies).
  std::function<void(Record& record)> compute;
  // The name people know a record by; the title field when not given.
  std::function<std::string(const Record& record)> display_name;
  // Just before the record is written, in the transaction: values that depend on the time or on
  // the database (when it was first seen, when it closed). `before` is null on create.
  std::function<Status(const WriteContext& ctx, Record& after, const Record* before)> before_write;
  // After the record is written, in the same transaction: effects on other records.
  std::function<Status(const WriteContext& ctx, const Record& after, const Record* before)>
      after_write;
  // Before a transition takes effect, and before each approval towards it is recorded:
  // conditions beyond the description's (refuse with an error).
  std::function<Status(const WriteContext& ctx, const Record& record, const Transition& t)>
      before_transition;
  // Why a move is closed to `caller` on this record now, beyond roles and approvals (a residual
  // risk within the threshold needs no approver, and only its owner accepts it): the record's page
  // lists it among the closed moves with the reason instead of offering it. nullopt: open.
  // before_transition still enforces it.
  std::function<Result<std::optional<std::string>>(store::Tx& tx, int64_t org, const Record& record,
                                                   const Transition& t, const Caller& caller)>
      closed_for;
  // How many approvals a move that collects them needs on this record, and from which roles,
  // when the record decides rather than the transition (a stage change asks its organisation's
  // lifecycle policy at the system's tier). Without it, the transition's own.
  std::function<Result<ApprovalRule>(store::Tx& tx, int64_t org, const Record& record,
                                     const Transition& t)>
      approvals_for;
};

// The register's entry in the sidebar; none when `label` is empty.
struct Navigation {
  const char* group = "";    // "Inventory", "Assess and treat", ...
  int group_order = 50;      // groups appear by this number
  const char* label = "";    // "AI systems"
  const char* section = "";  // highlighted when one of the register's pages is shown
  int order = 100;           // within the group
};

struct Description {
  const char* type;       // the register's name in the trail and in references: "ai_system"
  const char* table;      // "ai_systems"
  const char* singular;   // "AI system"
  const char* plural;     // "AI systems"
  const char* api_path;   // "/api/v1/ai-systems"
  const char* page_path;  // "/inventory/systems"
  const char* command;    // the CLI's name for it: "systems" (aims systems list)
  std::vector<Field> fields;
  const char* title_field = "name";
  bool unique_title = false;  // no two records of an organisation share a display name
  std::vector<const char*> list_columns = {};
  std::vector<const char*> filters = {};    // choice, flag, user and reference fields
  std::vector<const char*> sort_keys = {};  // besides the title, created_at and updated_at
  const char* default_sort = nullptr;       // e.g. "-created_at" (newest first); the title if none
  std::optional<Workflow> workflow = std::nullopt;
  bool versioned = false;
  auth::Action edit = auth::Action::edit_records;
  auth::Action archive = auth::Action::archive_records;
  Navigation nav = {};
  Hooks hooks = {};

  const Field* field(std::string_view key) const;
  const State* state(std::string_view value) const;
  // Whether a record in state `value` has no work left (State::done, or no transition leaves it).
  bool is_done(std::string_view value) const;
  const Transition* transition(std::string_view name) const;
  std::string display_name(const Record& record) const;
  std::string choice_label(std::string_view key, std::string_view value) const;
};

}  // namespace aims::records
