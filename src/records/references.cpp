// References between records of any registers: the names shown for them, and the other side
// (which records refer to this one).
#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "records/disposal.h"
#include "records/records.h"
#include "records/store.h"

namespace aims::records {

Result<std::vector<Named>> all_names(store::Database& db, const Description& target, int64_t org) {
  return db.read([&](store::Tx& tx) { return sql::all_names(tx, target, org); });
}

namespace {

struct Targets {
  std::mutex mutex;
  std::vector<ReferenceTarget> defined;
};

Targets& targets() {
  static Targets instance;
  return instance;
}

ReferenceTarget register_target(const Description& d) {
  return {d.type, d.singular, d.plural, d.page_path,
          [&d](store::Tx& tx, int64_t org) { return sql::all_names(tx, d, org); }};
}

}  // namespace

void define_target(ReferenceTarget target) {
  auto& t = targets();
  std::lock_guard lock(t.mutex);
  const bool taken = find(target.type) ||
                     std::any_of(t.defined.begin(), t.defined.end(),
                                 [&](const auto& known) { return known.type == target.type; });
  if (taken) throw std::logic_error("reference target " + target.type + " defined twice");
  t.defined.push_back(std::move(target));
}

std::optional<ReferenceTarget> reference_target(std::string_view type) {
  if (const Description* d = find(type)) return register_target(*d);
  auto& t = targets();
  std::lock_guard lock(t.mutex);
  for (const auto& known : t.defined) {
    if (known.type == type) return known;
  }
  return std::nullopt;
}

Result<std::vector<Named>> all_names(store::Database& db, const ReferenceTarget& target,
                                     int64_t org) {
  return db.read([&](store::Tx& tx) { return target.names(tx, org); });
}

namespace {

// The names of `ids` among a target that is not a register: it lists all of them at once.
Result<std::vector<Named>> outer_names(store::Tx& tx, const ReferenceTarget& target, int64_t org,
                                       const Ids& ids) {
  TRY_ASSIGN(auto every, target.names(tx, org));
  std::erase_if(every,
                [&](const Named& n) { return !std::binary_search(ids.begin(), ids.end(), n.id); });
  return every;
}

std::map<std::string, Ids> wanted_references(const Description& d,
                                             const std::vector<Record>& records,
                                             const std::vector<const char*>& keys) {
  std::map<std::string, Ids> wanted;
  for (const char* key : keys) {
    const Field* f = d.field(key);
    if (!f || f->type != FieldType::record_ref) continue;
    for (const auto& r : records) {
      for (int64_t id : r.ids(f->key))
        wanted[f->target].push_back(id);
    }
  }
  return wanted;
}

Result<ReferencedNames> names_of(store::Tx& tx, int64_t org, std::map<std::string, Ids>& wanted) {
  ReferencedNames out;
  for (auto& [type, ids] : wanted) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<Named> named;
    if (const Description* d = find(type)) {
      TRY_ASSIGN(named, sql::names(tx, *d, org, ids));
    } else if (auto outer = reference_target(type)) {
      TRY_ASSIGN(named, outer_names(tx, *outer, org, ids));
    } else {
      continue;  // a register this program no longer has
    }
    auto& by_id = out[type];
    for (auto& n : named)
      by_id[n.id] = std::move(n);
  }
  return out;
}

}  // namespace

Result<ReferencedNames> referenced_names(store::Database& db, const Description& d, int64_t org,
                                         const std::vector<Record>& records,
                                         const std::vector<const char*>& keys) {
  auto wanted = wanted_references(d, records, keys);
  if (wanted.empty()) return ReferencedNames();
  return db.read([&](store::Tx& tx) { return names_of(tx, org, wanted); });
}

Result<ReferencedNames> referenced_names_in(store::Tx& tx, const Description& d, int64_t org,
                                            const std::vector<Record>& records,
                                            const std::vector<const char*>& keys) {
  auto wanted = wanted_references(d, records, keys);
  return names_of(tx, org, wanted);
}

namespace {

Result<std::vector<Referrer>> referred_by_in(store::Tx& tx, int64_t org, const Description& d,
                                             int64_t id) {
  // Every reference field of any register that may point at d's records; references of a
  // register or field this program no longer has are passed over.
  std::vector<std::pair<const Description*, const Field*>> sources;
  for (const Description* from : all()) {
    for (const auto& f : from->fields) {
      if (f.type == FieldType::record_ref && std::string_view(f.target) == d.type)
        sources.emplace_back(from, &f);
    }
  }
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
    const int by_type = std::string_view(a.first->type).compare(b.first->type);
    return by_type != 0 ? by_type < 0 : std::string_view(a.second->key) < b.second->key;
  });
  std::vector<Referrer> out;
  for (const auto& [from, field] : sources) {
    TRY_ASSIGN(auto records, sql::referring(tx, *from, *field, org, d.type, id));
    for (auto& r : records) {
      out.push_back({from, r.id, from->display_name(r), field->label, r.archived_at.has_value(),
                     field, std::move(r)});
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Referrer>> referred_by(store::Database& db, int64_t org, const Description& d,
                                          int64_t id) {
  return db.read([&](store::Tx& tx) { return referred_by_in(tx, org, d, id); });
}

Result<std::vector<Dependant>> dependants(store::Tx& tx, const Description& d, int64_t org,
                                          int64_t id) {
  TRY_ASSIGN(const auto referrers, referred_by_in(tx, org, d, id));
  std::vector<Dependant> out;
  for (const auto& ref : referrers) {
    if (!ref.field->required) continue;
    TRY_ASSIGN(const bool gone, is_disposed(tx, *ref.from, org, ref.id));
    if (!gone) out.push_back({ref.from, ref.id});
  }
  return out;
}

}  // namespace aims::records
