// Moving records along their workflow: permissions, required fields and reasons, approvals with
// separation of duties, and freezing a version when a move completes an approval.
#include <stdexcept>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "records/records.h"
#include "records/rules.h"
#include "records/versions.h"
#include "records/writes.h"

namespace aims::records {
namespace {

// "Submit for approval" as it reads inside a sentence: "cannot submit for approval ...".
std::string in_sentence(std::string_view label) {
  std::string out(label);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

bool leaves(const Transition& t, const std::string& state) {
  return std::any_of(t.from.begin(), t.from.end(), [&](const char* s) { return state == s; });
}

// The people who answer for the record: they may not approve it.
Ids responsible_people(const Description& d, const Record& r) {
  Ids people;
  if (r.created_by) people.push_back(*r.created_by);
  for (const auto& f : d.fields) {
    if (f.type != FieldType::user_ref || !f.responsible) continue;
    if (auto id = r.number(f.key)) people.push_back(*id);
  }
  return people;
}

Result<std::vector<Approval>> approvals_since(store::Tx& tx, const Description& d, int64_t org,
                                              const Record& r) {
  TRY_ASSIGN(auto rows, tx.query("SELECT transition, user_id, user_label, reason, at"
                                 " FROM record_approvals WHERE org_id = $1 AND record_type = $2"
                                 " AND record_id = $3 AND at >= $4 ORDER BY at, id",
                                 {org, d.type, r.id, r.state_since}));
  std::vector<Approval> out;
  for (auto& row : rows) {
    store::RowReader reader(row);  // not `r`: that is the record
    out.push_back({reader.text(), reader.int64(), reader.text(), reader.text(), reader.text()});
  }
  return out;
}

// Why `caller` may not make (or approve) `t` now; nullopt when they may.
std::optional<std::string> refusal(const Description& d, const Record& r, const Transition& t,
                                   const Caller& caller, const std::vector<Approval>& given) {
  if (!caller.role || !auth::can(*caller.role, t.permission)) {
    return "your role may not " + in_sentence(t.label);
  }
  if (t.approvals == 0) return std::nullopt;
  if (!caller.user_id) return "an approval must be given by a person signed in";
  if (std::find(t.approver_roles.begin(), t.approver_roles.end(), *caller.role) ==
      t.approver_roles.end()) {
    return "your role does not approve " + std::string(d.plural);
  }
  const Ids people = responsible_people(d, r);
  if (std::find(people.begin(), people.end(), *caller.user_id) != people.end()) {
    return "separation of duties: you wrote or own this " + std::string(d.singular) +
           ", so someone else must approve it";
  }
  for (const auto& a : given) {
    if (a.transition == t.name && a.user_id == *caller.user_id) {
      return "you have already approved it; another person must give the next approval";
    }
  }
  return std::nullopt;
}

// The generic transition's refusal of a move that only its module's own route makes.
Error own_route_only(const Description& d, const Transition& t) {
  return Error{ErrorCode::failed_precondition,
               in_sentence(t.label) + " from its page or POST " + d.api_path + t.own_route->path +
                   ", which " + t.own_route->prepares,
               {}};
}

// The move as this record needs it approved: the count and roles of the register's
// approvals_for hook when it has one.
Result<Transition> as_approved(store::Tx& tx, const Description& d, int64_t org, const Record& r,
                               const Transition& t) {
  if (t.approvals == 0 || !d.hooks.approvals_for) return t;
  TRY_ASSIGN(const ApprovalRule rule, d.hooks.approvals_for(tx, org, r, t));
  Transition out = t;
  out.approvals = rule.approvals;
  out.approver_roles = rule.approver_roles;
  return out;
}

int count_for(const std::vector<Approval>& given, const Transition& t) {
  return static_cast<int>(std::count_if(given.begin(), given.end(),
                                        [&](const Approval& a) { return a.transition == t.name; }));
}

Status record_approval(const WriteContext& ctx, const Description& d, const Record& r,
                       const Transition& t, const std::string& reason) {
  TRY(ctx.tx.exec(
      "INSERT INTO record_approvals (org_id, record_type, record_id, transition, user_id,"
      " user_label, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {ctx.org, d.type, r.id, t.name, *ctx.caller.user_id, ctx.caller.actor.label, reason,
       ctx.now}));
  return {};
}

Result<Record> values_for(const Description& d, const Record& before, const Transition& t,
                          const TransitionRequest& request) {
  Problems problems;
  for (const auto& entry : request.values.values) {
    const std::string& key = entry.first;
    const bool settable = std::any_of(t.required_fields.begin(), t.required_fields.end(),
                                      [&](const char* k) { return key == k; });
    if (!settable) problems.add(key, key + " is not set by " + in_sentence(t.label));
  }
  if (t.reason_required && trim(request.reason).empty()) {
    problems.add("reason", *t.reason_label ? "a " + in_sentence(t.reason_label) + " is needed to " +
                                                 in_sentence(t.label)
                                           : "say why (" + in_sentence(t.label) + ")");
  }
  if (request.reason.size() > rules::kLongTextLimit || !is_valid_utf8(request.reason)) {
    problems.add("reason", "the reason must be valid text of at most 10,000 characters");
  }
  TRY(problems.status());
  TRY_ASSIGN(Record after, apply_changes(d, before, request.values));
  for (const char* key : t.required_fields) {
    if (!after.is_set(key)) {
      problems.add(key, std::string(d.field(key)->label) + " is needed to " + in_sentence(t.label));
    }
  }
  TRY(problems.status());
  return after;
}

}  // namespace

Result<TransitionOutcome> transition(store::Database& db, const Description& d, int64_t org,
                                     int64_t id, const TransitionRequest& request,
                                     const Caller& caller) {
  if (!d.workflow) return Error::not_found(std::string(d.plural) + " have no workflow");
  const Transition* t = d.transition(request.name);
  if (!t) return Error::invalid("transition", "no such step: " + request.name);
  return db.write([&](store::Tx& tx) -> Result<TransitionOutcome> {
    const WriteContext ctx{tx, org, caller, now_timestamp(), {}, &request.prepared};
    TRY_ASSIGN(auto found, find(ctx, d, id));
    if (!found) return Error::not_found(std::string("no such ") + d.singular);
    const Record& before = *found;
    if (request.expected_version != before.version) {
      return Error{ErrorCode::stale_version,
                   std::string("the ") + d.singular + " was changed by someone else; reload it",
                   {}};
    }
    if (before.archived_at) {
      return Error{ErrorCode::failed_precondition,
                   std::string("an archived ") + d.singular + " cannot move; restore it first",
                   {}};
    }
    if (!leaves(*t, before.state)) {
      return Error::invalid("transition", "cannot " + in_sentence(t->label) + " a " + d.singular +
                                              " that is " + d.state(before.state)->label);
    }
    TRY_ASSIGN(auto given, approvals_since(tx, d, org, before));
    TRY_ASSIGN(const Transition rule, as_approved(tx, d, org, before, *t));
    if (auto why = refusal(d, before, rule, caller, given)) {
      return Error{ErrorCode::permission_denied, *why, {}};
    }
    TRY_ASSIGN(Record after, values_for(d, before, *t, request));
    if (t->own_route && !request.prepared.has_value()) return own_route_only(d, *t);
    TransitionOutcome outcome;
    outcome.approvals_needed = rule.approvals;
    trail::Fields notes = {{"transition", json_text::quote(t->name)},
                           {"reason", json_text::quote(request.reason)}};
    // Before every approval, not only the last: no one approves a move that could not happen.
    if (d.hooks.before_transition) TRY(d.hooks.before_transition(ctx, after, *t));
    if (rule.approvals > 0) {
      TRY(record_approval(ctx, d, before, *t, request.reason));
      outcome.approvals_given = count_for(given, *t) + 1;
      notes["approvals"] = json_text::quote(std::to_string(outcome.approvals_given) + " of " +
                                            std::to_string(rule.approvals));
      if (outcome.approvals_given < rule.approvals) {
        // The row's version moves, so approvers always approve what they last read.
        TRY_ASSIGN(outcome.record,
                   write_update(ctx, d, before, std::move(after), "approve", notes));
        return outcome;
      }
    }
    after.state = t->to;
    after.state_since = ctx.now;
    if (t->freezes) after.frozen = before.frozen + 1;
    TRY_ASSIGN(outcome.record, write_update(ctx, d, before, std::move(after), "transition", notes));
    if (t->freezes) TRY(freeze(ctx, d, outcome.record, request.reason));
    outcome.moved = true;
    return outcome;
  });
}

Result<Record> move_in(const WriteContext& ctx, const Description& d, int64_t id,
                       std::string_view transition_name, const std::string& reason) {
  const Transition* t = d.transition(transition_name);
  if (!t || t->freezes || t->approvals > 0 || t->own_route)
    throw std::logic_error(std::string("move_in: ") + d.type + " has no plain move " +
                           std::string(transition_name));
  TRY_ASSIGN(auto found, find(ctx, d, id));
  if (!found) return Error::not_found(std::string("no such ") + d.singular);
  if (found->archived_at || !leaves(*t, found->state)) return *found;
  Record after = *found;
  after.state = t->to;
  after.state_since = ctx.now;
  return write_update(
      ctx, d, *found, std::move(after), "transition",
      {{"transition", json_text::quote(t->name)}, {"reason", json_text::quote(reason)}});
}

Result<WorkflowView> workflow_view(store::Database& db, const Description& d, int64_t org,
                                   const Record& record, const Caller& caller) {
  WorkflowView view;
  if (!d.workflow) return view;
  view.state = d.state(record.state);
  view.since = record.state_since;
  return db.read([&](store::Tx& tx) -> Result<WorkflowView> {
    TRY_ASSIGN(view.approvals, approvals_since(tx, d, org, record));
    if (record.archived_at) return view;
    for (const auto& t : d.workflow->transitions) {
      if (!leaves(t, record.state)) continue;
      TRY_ASSIGN(const Transition rule, as_approved(tx, d, org, record, t));
      std::optional<std::string> why = refusal(d, record, rule, caller, view.approvals);
      if (!why && d.hooks.closed_for) {
        TRY_ASSIGN(why, d.hooks.closed_for(tx, org, record, t, caller));
      }
      if (why) {
        view.closed.emplace_back(&t, *why);
      } else if (t.own_route) {
        view.closed.emplace_back(&t, t.own_route->on_page);
        view.own.push_back(&t);
      } else {
        view.open.push_back(&t);
      }
    }
    return view;
  });
}

Result<std::vector<PendingApproval>> approvable(store::Tx& tx, const Description& d, int64_t org,
                                                const Record& record, const Caller& caller) {
  std::vector<PendingApproval> out;
  if (!d.workflow || record.archived_at) return out;
  std::optional<std::vector<Approval>> given;  // read only for a record with such a move
  for (const auto& t : d.workflow->transitions) {
    if (t.approvals == 0 || !leaves(t, record.state)) continue;
    if (!given) {
      TRY_ASSIGN(given, approvals_since(tx, d, org, record));
    }
    TRY_ASSIGN(const Transition rule, as_approved(tx, d, org, record, t));
    if (refusal(d, record, rule, caller, *given)) continue;
    if (d.hooks.closed_for) {
      TRY_ASSIGN(const auto why, d.hooks.closed_for(tx, org, record, t, caller));
      if (why) continue;
    }
    out.push_back({&t, count_for(*given, t)});
  }
  return out;
}

}  // namespace aims::records
