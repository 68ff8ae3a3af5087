// The two writes every demo seed makes: a record created, and a record moved along its workflow.
#include "cli/demo.h"

namespace aims::cli {

Result<records::Record> add(store::Database& db, int64_t org, const records::Description& d,
                            DemoValues values, const records::Caller& who) {
  records::Record r;
  r.values = std::move(values);
  return records::create(db, d, org, r, who);
}

Status step(store::Database& db, int64_t org, const records::Description& d, int64_t id,
            const std::string& name, const records::Caller& who, DemoValues values,
            const std::string& reason) {
  TRY_ASSIGN(const records::Record current, records::get(db, d, org, id));
  records::Record set;
  set.values = std::move(values);
  TRY(records::transition(db, d, org, id, {name, reason, set, current.version}, who));
  return {};
}

}  // namespace aims::cli
