// Create, change, archive and read records: the pure rules first, then one transaction that checks
// references and titles, writes the row, its references, its search entry and its audit event.
#include <stdexcept>

#include "auth/auth.h"
#include "base/json_text.h"
#include "base/time.h"
#include "records/disposal.h"
#include "records/records.h"
#include "records/rules.h"
#include "records/search.h"
#include "records/store.h"
#include "records/writes.h"

namespace aims::records {
namespace {

Status check_user(const WriteContext& ctx, const Field& f, int64_t id, Problems& problems) {
  if (ctx.active_users.count(id)) return {};
  TRY_ASSIGN(const bool active, auth::is_active_user(ctx.tx, ctx.org, id));
  if (active) {
    ctx.active_users.insert(id);
  } else {
    problems.add(f.key, std::string(f.label) + " must be an active user of this organisation");
  }
  return {};
}

// Which of `ids` name active things of the target in the organisation.
Result<Ids> active_among(const WriteContext& ctx, const ReferenceTarget& target, const Ids& ids) {
  if (const Description* d = find(target.type)) return sql::active_ids(ctx.tx, *d, ctx.org, ids);
  TRY_ASSIGN(const auto every, target.names(ctx.tx, ctx.org));
  Ids found;
  for (const auto& n : every) {
    if (!n.archived && std::find(ids.begin(), ids.end(), n.id) != ids.end()) found.push_back(n.id);
  }
  return found;
}

// References must name active records of the same organisation. One a record already had may
// stay even if its target was archived since.
Status check_references(const WriteContext& ctx, const Description& d, const Record& r,
                        const Record* before) {
  Problems problems;
  for (const auto& f : d.fields) {
    if (f.type != FieldType::user_ref && f.type != FieldType::record_ref) continue;
    const Ids had = before ? before->ids(f.key) : Ids();
    Ids added;
    for (int64_t id : r.ids(f.key)) {
      if (std::find(had.begin(), had.end(), id) == had.end()) added.push_back(id);
    }
    if (added.empty()) continue;
    if (f.type == FieldType::user_ref) {
      TRY(check_user(ctx, f, added.front(), problems));
      continue;
    }
    const auto target = reference_target(f.target);
    if (!target) return Error::internal(std::string("no register ") + f.target);
    TRY_ASSIGN(const Ids found, active_among(ctx, *target, added));
    for (int64_t id : added) {
      if (std::find(found.begin(), found.end(), id) != found.end()) continue;
      problems.add(f.key,
                   "no such " + target->singular + " in this organisation: " + std::to_string(id));
    }
  }
  return problems.status();
}

Error title_taken_error(const Description& d, const Record& r) {
  return Error{ErrorCode::already_exists,
               std::string("another ") + d.singular + " is already called " + d.display_name(r),
               d.title_field};
}

Status check_title_free(const WriteContext& ctx, const Description& d, const Record& r) {
  if (!d.unique_title) return {};
  TRY_ASSIGN(const bool taken, sql::title_taken(ctx.tx, d, ctx.org, sql::title_key(d, r), r.id));
  if (!taken) return {};
  return title_taken_error(d, r);
}

Status write_references(const WriteContext& ctx, const Description& d, const Record& r,
                        const Record* before) {
  for (const auto& f : d.fields) {
    if (f.type != FieldType::record_ref) continue;
    const Ids ids = r.ids(f.key);
    if (before ? before->ids(f.key) == ids : ids.empty()) continue;  // a new record has none yet
    TRY(sql::replace_references(ctx.tx, d, ctx.org, r.id, f, ids));
  }
  return {};
}

Result<Record> must_get(const WriteContext& ctx, const Description& d, int64_t id) {
  TRY_ASSIGN(auto found, sql::get(ctx.tx, d, ctx.org, id));
  if (!found) return Error::not_found(std::string("no such ") + d.singular);
  return std::move(*found);
}

Result<Record> set_archived(store::Database& db, const Description& d, int64_t org, int64_t id,
                            bool archive, const Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<Record> {
    const WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(Record before, must_get(ctx, d, id));
    if (before.archived_at.has_value() == archive) {
      return Error{ErrorCode::failed_precondition,
                   std::string("the ") + d.singular +
                       (archive ? " is already archived" : " is not archived"),
                   {}};
    }
    // A restored record must not take a title another record took in the meantime.
    if (!archive) TRY(check_title_free(ctx, d, before));
    // A disposed record stays a tombstone: restoring it would invite new content under its id.
    if (!archive) {
      TRY_ASSIGN(const bool disposed, is_disposed(tx, d, org, id));
      if (disposed) {
        return Error{ErrorCode::failed_precondition,
                     std::string("the ") + d.singular + " was disposed of; it cannot be restored",
                     {}};
      }
    }
    TRY(sql::set_archived(tx, d, org, id,
                          archive ? std::optional<std::string>(ctx.now) : std::nullopt, ctx.now));
    TRY_ASSIGN(Record after, must_get(ctx, d, id));
    TRY(search::index(tx, d, org, after));
    TRY(trail::record(tx, org, caller.actor,
                      {d.type, id, archive ? "archive" : "restore", trail_fields(d, before),
                       trail_fields(d, after)}));
    return after;
  });
}

}  // namespace

// The canonical JSON text of a value (the trail hashes these exact bytes).
std::string canonical(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return json_text::quote(*s);
  if (const auto* b = std::get_if<bool>(&v)) return json_text::boolean(*b);
  if (const auto* n = std::get_if<int64_t>(&v)) return json_text::number(*n);
  if (const auto* x = std::get_if<double>(&v)) return json_text::number(*x);
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return json_text::string_array(*l);
  if (const auto* ids = std::get_if<Ids>(&v)) return json_text::number_array(*ids);
  return json_text::null();
}

trail::Fields trail_fields(const Description& d, const Record& r) {
  trail::Fields fields;
  for (const auto& f : d.fields) {
    auto it = r.values.find(f.key);
    fields[f.key] = it == r.values.end() ? json_text::null() : canonical(it->second);
  }
  if (d.workflow) fields["state"] = json_text::quote(r.state);
  fields["archived_at"] = json_text::optional_string(r.archived_at);
  return fields;
}

Result<Record> prepare(const Description& d, const Record& input) {
  Record r = input;
  r.type = d.type;
  r.id = 0;
  Problems problems;
  for (const auto& f : d.fields) {
    if (f.computed && input.has(f.key))
      problems.add(f.key, std::string(f.label) + " is worked out, not entered");
  }
  rules::apply_defaults(d, r);
  rules::check_values(d, r, problems);
  if (d.hooks.compute && problems.empty()) d.hooks.compute(r);
  rules::check_required(d, r, problems);
  if (d.hooks.check && problems.empty()) d.hooks.check(r, nullptr, problems);
  TRY(problems.status());
  if (d.workflow) r.state = d.workflow->states.front().value;
  return r;
}

CreatePlan plan_create(const Description& d, Record prepared, const Caller& caller) {
  prepared.created_by = caller.user_id;
  CreatePlan plan;
  plan.record = sql::as_stored(d, prepared);
  plan.changes = trail::changes_between({}, trail_fields(d, plan.record));
  plan.text = search::text_of(d, plan.record);
  return plan;
}

Result<int64_t> insert_planned(const WriteContext& ctx, const Description& d, CreatePlan& plan,
                               std::unordered_set<std::string>* taken_titles) {
  Record& r = plan.record;
  r.id = 0;  // a transaction run again after a conflict inserts anew
  TRY(check_references(ctx, d, r, nullptr));
  if (taken_titles && d.unique_title) {
    if (!taken_titles->insert(sql::title_key(d, r)).second) return title_taken_error(d, r);
  } else {
    TRY(check_title_free(ctx, d, r));
  }
  TRY_ASSIGN(r.id, sql::insert(ctx.tx, d, ctx.org, r, ctx.now));
  r.version = 1;
  r.state_since = r.created_at = r.updated_at = ctx.now;
  TRY(write_references(ctx, d, r, nullptr));
  TRY(search::index_new(ctx.tx, d, ctx.org, r.id, plan.text));
  TRY(trail::record_changes(ctx.tx, ctx.org, ctx.caller.actor, {d.type, r.id, "create", {}, {}},
                            plan.changes));
  if (d.hooks.after_write) TRY(d.hooks.after_write(ctx, r, nullptr));
  for (const auto& observer : observers(d.type))
    TRY(observer(ctx, r, nullptr));
  return r.id;
}

Result<Record> insert_prepared(const WriteContext& ctx, const Description& d, Record r) {
  if (d.hooks.before_write) {
    r.created_by = ctx.caller.user_id;
    TRY(d.hooks.before_write(ctx, r, nullptr));
  }
  CreatePlan plan = plan_create(d, std::move(r), ctx.caller);
  TRY(insert_planned(ctx, d, plan));
  return std::move(plan.record);
}

Result<Record> write_update(const WriteContext& ctx, const Description& d, const Record& before,
                            Record after, const std::string& action, const trail::Fields& notes) {
  if (d.hooks.before_write) TRY(d.hooks.before_write(ctx, after, &before));
  TRY(check_references(ctx, d, after, &before));
  TRY(check_title_free(ctx, d, after));
  const auto fields_before = trail_fields(d, before);
  if (notes.empty() && trail_fields(d, after) == fields_before && after.state == before.state &&
      after.frozen == before.frozen) {
    return before;  // nothing changed: no new version, no audit event
  }
  TRY_ASSIGN(const int64_t changed,
             sql::update(ctx.tx, d, ctx.org, after, before.version, ctx.now));
  if (changed == 0) {
    return Error{ErrorCode::stale_version,
                 std::string("the ") + d.singular + " was changed by someone else; reload it",
                 {}};
  }
  TRY(write_references(ctx, d, after, &before));
  TRY_ASSIGN(Record written, must_get(ctx, d, after.id));
  TRY(search::index(ctx.tx, d, ctx.org, written));
  auto fields_after = trail_fields(d, written);
  fields_after.insert(notes.begin(), notes.end());
  TRY(trail::record(ctx.tx, ctx.org, ctx.caller.actor,
                    {d.type, written.id, action, fields_before, fields_after}));
  if (d.hooks.after_write) TRY(d.hooks.after_write(ctx, written, &before));
  for (const auto& observer : observers(d.type))
    TRY(observer(ctx, written, &before));
  return written;
}

Result<Record> apply_changes(const Description& d, const Record& before, const Record& changes) {
  Record after = before;
  Problems problems;
  for (const auto& [key, value] : changes.values) {
    const Field* f = d.field(key);
    if (f && f->computed) {
      problems.add(key, std::string(f->label) + " is worked out, not entered");
      continue;
    }
    after.values[key] = value;
  }
  rules::check_values(d, after, problems);
  if (d.hooks.compute && problems.empty()) d.hooks.compute(after);
  rules::check_required(d, after, problems);
  if (d.hooks.check && problems.empty()) d.hooks.check(after, &before, problems);
  TRY(problems.status());
  return after;
}

Result<std::optional<Record>> find(const WriteContext& ctx, const Description& d, int64_t id) {
  return sql::get(ctx.tx, d, ctx.org, id);
}

Result<Record> create_in(const WriteContext& ctx, const Description& d, const Record& input) {
  TRY_ASSIGN(Record prepared, prepare(d, input));
  return insert_prepared(ctx, d, std::move(prepared));
}

Result<Record> update_in(const WriteContext& ctx, const Description& d, int64_t id,
                         const Record& changes, std::optional<int64_t> expected_version) {
  TRY_ASSIGN(Record before, must_get(ctx, d, id));
  if (expected_version && *expected_version != before.version) {
    return Error{ErrorCode::stale_version,
                 std::string("the ") + d.singular + " was changed by someone else; reload it",
                 {}};
  }
  if (before.archived_at) {
    return Error{ErrorCode::failed_precondition,
                 std::string("an archived ") + d.singular + " cannot be changed; restore it first",
                 {}};
  }
  if (const State* s = d.state(before.state); s && !s->editable) {
    return Error{ErrorCode::failed_precondition,
                 std::string("a ") + d.singular + " that is " + s->label +
                     " cannot be changed; move it back to a state that allows changes first",
                 {}};
  }
  TRY_ASSIGN(Record after, apply_changes(d, before, changes));
  return write_update(ctx, d, before, std::move(after), "update");
}

Result<Record> update_kept_in(const WriteContext& ctx, const Description& d, int64_t id,
                              const Record& changes) {
  for (const auto& [key, value] : changes.values) {
    const Field* f = d.field(key);
    if (!f || !f->read_only)
      throw std::logic_error(std::string("update_kept_in: ") + d.type + "." + key +
                             " is not a field aims keeps");
  }
  TRY_ASSIGN(Record before, must_get(ctx, d, id));
  if (before.archived_at) return before;  // an archived record keeps what it had
  TRY_ASSIGN(Record after, apply_changes(d, before, changes));
  return write_update(ctx, d, before, std::move(after), "update");
}

Result<bool> exists(store::Tx& tx, const Description& d, int64_t org, int64_t id) {
  TRY_ASSIGN(auto found, sql::get(tx, d, org, id));
  return found.has_value();
}

Result<Record> create(store::Database& db, const Description& d, int64_t org, const Record& input,
                      const Caller& caller) {
  TRY_ASSIGN(Record prepared, prepare(d, input));
  return db.write([&](store::Tx& tx) -> Result<Record> {
    return insert_prepared({tx, org, caller, now_timestamp()}, d, prepared);
  });
}

Result<Record> update(store::Database& db, const Description& d, int64_t org, int64_t id,
                      const Record& changes, int64_t expected_version, const Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<Record> {
    return update_in({tx, org, caller, now_timestamp()}, d, id, changes, expected_version);
  });
}

Result<Record> get(store::Database& db, const Description& d, int64_t org, int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<Record> {
    TRY_ASSIGN(auto found, sql::get(tx, d, org, id));
    if (!found) return Error::not_found(std::string("no such ") + d.singular);
    return std::move(*found);
  });
}

Result<Record> archive(store::Database& db, const Description& d, int64_t org, int64_t id,
                       const Caller& caller) {
  return set_archived(db, d, org, id, true, caller);
}

Result<Record> restore(store::Database& db, const Description& d, int64_t org, int64_t id,
                       const Caller& caller) {
  return set_archived(db, d, org, id, false, caller);
}

Result<Page> list(store::Database& db, const Description& d, int64_t org, const Query& query) {
  return db.read([&](store::Tx& tx) { return sql::list(tx, d, org, query); });
}

Result<Page> list_in(store::Tx& tx, const Description& d, int64_t org, const Query& query) {
  return sql::list(tx, d, org, query);
}

namespace {

template <typename ListPage>
Result<std::vector<Record>> all_pages(Query q, const ListPage& list_page) {
  std::vector<Record> out;
  q.limit = 1000;
  q.cursor.reset();
  while (true) {
    TRY_ASSIGN(auto page, list_page(q));
    for (auto& r : page.items)
      out.push_back(std::move(r));
    if (!page.next_cursor) return out;
    q.cursor = page.next_cursor;
  }
}

}  // namespace

Result<std::vector<Record>> list_all(store::Database& db, const Description& d, int64_t org,
                                     Query query) {
  return all_pages(std::move(query), [&](const Query& q) { return list(db, d, org, q); });
}

Result<std::vector<Record>> list_all_in(store::Tx& tx, const Description& d, int64_t org,
                                        Query query) {
  return all_pages(std::move(query), [&](const Query& q) { return list_in(tx, d, org, q); });
}

std::vector<std::string> sort_keys(const Description& d) {
  std::vector<std::string> keys = {d.title_field, "created_at", "updated_at"};
  for (const char* k : d.sort_keys)
    keys.emplace_back(k);
  return keys;
}

}  // namespace aims::records
