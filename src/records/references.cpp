// References between records of any registers: the names shown for them, and the other side
// (which records refer to this one).
#include "records/records.h"
#include "records/store.h"

namespace aims::records {

Result<std::map<int64_t, std::string>> names(store::Database& db, const Description& target,
                                             int64_t org, const Ids& ids) {
  return db.read([&](store::Tx& tx) -> Result<std::map<int64_t, std::string>> {
    TRY_ASSIGN(auto found, sql::names(tx, target, org, ids));
    return std::map<int64_t, std::string>(found.begin(), found.end());
  });
}

Result<std::vector<Named>> all_names(store::Database& db, const Description& target, int64_t org) {
  return db.read([&](store::Tx& tx) { return sql::all_names(tx, target, org); });
}

Result<std::vector<Referrer>> referred_by(store::Database& db, int64_t org, const Description& d,
                                          int64_t id) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<Referrer>> {
    TRY_ASSIGN(auto links, sql::referrers(tx, org, d.type, id));
    std::vector<Referrer> out;
    for (const auto& link : links) {
      const Description* from = find(link.type);
      const Field* field = from ? from->field(link.field) : nullptr;
      if (!field) continue;  // a register or field this program no longer has
      TRY_ASSIGN(auto record, sql::get(tx, *from, org, link.id));
      if (!record) continue;
      out.push_back({from, link.id, from->display_name(*record), field->label,
                     record->archived_at.has_value()});
    }
    return out;
  });
}

}  // namespace aims::records
