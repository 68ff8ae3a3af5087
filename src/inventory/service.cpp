// Create, change, archive and read inventory records: rules first, then one transaction that
// checks references, writes the record and its links, and appends the audit event.
#include "auth/auth.h"
#include "base/json_text.h"
#include "base/time.h"
#include "inventory/inventory.h"
#include "inventory/rules.h"
#include "inventory/store.h"
#include "inventory/writes.h"

namespace aims::inventory {
namespace {

std::string json_of(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return json_text::quote(*s);
  if (const auto* b = std::get_if<bool>(&v)) return json_text::boolean(*b);
  if (const auto* n = std::get_if<int64_t>(&v)) return json_text::number(*n);
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return json_text::string_array(*l);
  return json_text::null();
}

// What the audit trail records of a record: every field and link, and whether it is archived.
trail::Fields trail_fields(const Record& r) {
  trail::Fields fields;
  for (const auto& [key, value] : r.values)
    fields[key] = json_of(value);
  for (const auto& [key, ids] : r.links)
    fields[key] = json_text::number_array(ids);
  fields["archived_at"] = json_text::optional_string(r.archived_at);
  return fields;
}

// References must point at active records of the same organisation. Links that the record
// already had may stay even if their target was archived since.
Status check_references(store::Tx& tx, const Entity& e, int64_t org, const Record& r,
                        const Record* before) {
  for (const auto& f : e.fields) {
    auto id = r.number(f.key);
    if (!id || (before && before->number(f.key) == id)) continue;
    if (f.type == FieldType::user_ref) {
      auto active = auth::is_active_user(tx, org, *id);
      if (!active) return active.error();
      if (!*active)
        return Error::invalid(
            f.key, std::string(f.label) + " must be an active user of this organisation");
    } else if (f.type == FieldType::supplier_ref) {
      auto found = sql::active_ids(tx, Kind::supplier, org, {*id});
      if (!found) return found.error();
      if (found->empty()) return Error::invalid(f.key, "no such supplier in this organisation");
    }
  }
  for (const auto& l : e.links) {
    const auto& ids = r.links.at(l.key);
    std::vector<int64_t> added;
    for (int64_t id : ids) {
      const bool had =
          before && std::count(before->links.at(l.key).begin(), before->links.at(l.key).end(), id);
      if (!had) added.push_back(id);
    }
    auto found = sql::active_ids(tx, l.target, org, added);
    if (!found) return found.error();
    for (size_t i = 0; i < added.size(); ++i) {
      if (std::find(found->begin(), found->end(), added[i]) == found->end()) {
        const auto at = std::find(ids.begin(), ids.end(), added[i]) - ids.begin();
        return Error::invalid(std::string(l.key) + "[" + std::to_string(at) + "]",
                              "no such " + std::string(entity(l.target).singular) +
                                  " in this organisation: " + std::to_string(added[i]));
      }
    }
  }
  return {};
}

Status check_name_free(store::Tx& tx, const Entity& e, int64_t org, const Record& r) {
  auto taken = sql::name_taken(tx, e, org, r, r.id);
  if (!taken) return taken.error();
  if (*taken) {
    return Error{ErrorCode::already_exists,
                 std::string("another ") + e.singular + " is already called " + r.display_name(),
                 "name"};
  }
  return {};
}

Status write_links(store::Tx& tx, const Entity& e, int64_t org, const Record& r,
                   const Record* before) {
  for (const auto& l : e.links) {
    if (before && before->links.at(l.key) == r.links.at(l.key)) continue;
    if (Status s = sql::replace_links(tx, l, org, r.id, r.links.at(l.key)); !s) return s;
  }
  return {};
}

Result<Record> must_get(store::Tx& tx, const Entity& e, int64_t org, int64_t id) {
  auto found = sql::get(tx, e, org, id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::not_found(std::string("no such ") + e.singular);
  return std::move(**found);
}

Result<Record> set_archived(store::Database& db, int64_t org, Kind kind, int64_t id, bool archive,
                            const trail::Actor& actor) {
  const Entity& e = entity(kind);
  return db.write([&](store::Tx& tx) -> Result<Record> {
    auto before = must_get(tx, e, org, id);
    if (!before) return before;
    if (before->archived_at.has_value() == archive) {
      return Error{ErrorCode::failed_precondition,
                   std::string("the ") + e.singular +
                       (archive ? " is already archived" : " is not archived"),
                   {}};
    }
    if (!archive) {
      // A restored record must not take a name that another record took in the meantime.
      if (Status s = check_name_free(tx, e, org, *before); !s) return s.error();
    }
    const std::string now = now_timestamp();
    auto changed = sql::set_archived(tx, e, org, id,
                                     archive ? std::optional<std::string>(now) : std::nullopt, now);
    if (!changed) return changed.error();
    auto after = must_get(tx, e, org, id);
    if (!after) return after;
    auto logged = trail::record(
        tx, org, actor,
        {e.type, id, archive ? "archive" : "restore", trail_fields(*before), trail_fields(*after)});
    if (!logged) return logged.error();
    return after;
  });
}

}  // namespace

Result<Record> prepare(Kind kind, const Record& input) {
  const Entity& e = entity(kind);
  Record r = input;
  r.kind = kind;
  r.id = 0;
  rules::apply_defaults(e, r);
  if (Status s = rules::check_values(e, r); !s) return s.error();
  if (Status s = rules::check_consistency(e, r); !s) return s.error();
  return r;
}

Result<Record> insert_prepared(store::Tx& tx, int64_t org, const Record& prepared,
                               const trail::Actor& actor) {
  const Entity& e = entity(prepared.kind);
  Record r = prepared;
  if (Status s = check_references(tx, e, org, r, nullptr); !s) return s.error();
  if (Status s = check_name_free(tx, e, org, r); !s) return s.error();
  auto id = sql::insert(tx, e, org, r, now_timestamp());
  if (!id) return id.error();
  r.id = *id;
  if (Status s = write_links(tx, e, org, r, nullptr); !s) return s.error();
  auto created = must_get(tx, e, org, *id);
  if (!created) return created;
  auto logged = trail::record(tx, org, actor, {e.type, *id, "create", {}, trail_fields(*created)});
  if (!logged) return logged.error();
  return created;
}

Result<Record> create(store::Database& db, int64_t org, Kind kind, const Record& input,
                      const trail::Actor& actor) {
  auto prepared = prepare(kind, input);
  if (!prepared) return prepared;
  return db.write([&](store::Tx& tx) { return insert_prepared(tx, org, *prepared, actor); });
}

Result<Record> update(store::Database& db, int64_t org, Kind kind, int64_t id,
                      const Record& changes, int64_t expected_version, const trail::Actor& actor) {
  const Entity& e = entity(kind);
  return db.write([&](store::Tx& tx) -> Result<Record> {
    auto before = must_get(tx, e, org, id);
    if (!before) return before;
    if (before->version != expected_version) {
      return Error{ErrorCode::stale_version,
                   std::string("the ") + e.singular +
                       " was changed since you read it (now version " +
                       std::to_string(before->version) + ")",
                   {}};
    }
    if (before->archived_at) {
      return Error{ErrorCode::failed_precondition,
                   std::string("the ") + e.singular + " is archived; restore it first",
                   {}};
    }
    Record after = *before;
    for (const auto& [key, value] : changes.values)
      after.values[key] = value;
    for (const auto& [key, ids] : changes.links)
      after.links[key] = ids;
    if (Status s = rules::check_values(e, after); !s) return s.error();
    if (Status s = rules::check_consistency(e, after); !s) return s.error();
    if (after.values == before->values && after.links == before->links) return before;  // no-op
    if (Status s = check_references(tx, e, org, after, &*before); !s) return s.error();
    if (Status s = check_name_free(tx, e, org, after); !s) return s.error();
    auto changed = sql::update(tx, e, org, after, expected_version, now_timestamp());
    if (!changed) return changed.error();
    if (*changed != 1)
      return Error{ErrorCode::stale_version,
                   std::string("the ") + e.singular + " was changed meanwhile",
                   {}};
    if (Status s = write_links(tx, e, org, after, &*before); !s) return s.error();
    auto updated = must_get(tx, e, org, id);
    if (!updated) return updated;
    auto logged = trail::record(
        tx, org, actor, {e.type, id, "update", trail_fields(*before), trail_fields(*updated)});
    if (!logged) return logged.error();
    return updated;
  });
}

Result<Record> get(store::Database& db, int64_t org, Kind kind, int64_t id) {
  return db.read([&](store::Tx& tx) { return must_get(tx, entity(kind), org, id); });
}

Result<Record> archive(store::Database& db, int64_t org, Kind kind, int64_t id,
                       const trail::Actor& actor) {
  return set_archived(db, org, kind, id, true, actor);
}

Result<Record> restore(store::Database& db, int64_t org, Kind kind, int64_t id,
                       const trail::Actor& actor) {
  return set_archived(db, org, kind, id, false, actor);
}

Result<ListPage> list(store::Database& db, int64_t org, Kind kind, const ListQuery& query) {
  if (query.limit < 1 || query.limit > 1000)
    return Error::invalid("limit", "limit must be from 1 to 1000");
  return db.read([&](store::Tx& tx) { return sql::list(tx, entity(kind), org, query); });
}

std::vector<std::string> sortable_keys(Kind kind) {
  std::vector<std::string> keys = {"name", "created_at", "updated_at"};
  for (const char* k : entity(kind).sort_keys)
    keys.emplace_back(k);
  return keys;
}

Result<bool> exists(store::Tx& tx, int64_t org, Kind kind, int64_t id) {
  auto found = sql::get(tx, entity(kind), org, id);
  if (!found) return found.error();
  return found->has_value();
}

Result<std::vector<std::pair<int64_t, std::string>>> names(store::Database& db, int64_t org,
                                                           Kind kind) {
  return db.read([&](store::Tx& tx) { return sql::names(tx, kind, org); });
}

Result<std::vector<Record>> systems_using(store::Database& db, int64_t org, Kind kind, int64_t id) {
  const Entity& systems = entity(Kind::ai_system);
  return db.read([&](store::Tx& tx) -> Result<std::vector<Record>> {
    std::vector<Record> out;
    for (const auto& l : systems.links) {
      if (l.target != kind) continue;
      auto ids = sql::systems_linking(tx, l, org, id);
      if (!ids) return ids.error();
      for (int64_t system_id : *ids) {
        auto r = must_get(tx, systems, org, system_id);
        if (!r) return r.error();
        out.push_back(std::move(*r));
      }
    }
    return out;
  });
}

}  // namespace aims::inventory
