// Records written as if the clock had said an earlier day: what a retention period needs to have
// run out, without waiting for it.
#pragma once

#include <map>
#include <string>

#include "base/time.h"
#include "records/records.h"

namespace aims::testing {

inline Result<records::Record> create_backdated(store::Database& db, const records::Description& d,
                                                int64_t org, const records::Caller& caller,
                                                std::map<std::string, records::FieldValue> values,
                                                int64_t days_ago) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  const std::string then = format_timestamp((*today - days_ago) * 86'400'000'000LL);
  return db.write([&](store::Tx& tx) -> Result<records::Record> {
    const records::WriteContext ctx{tx, org, caller, then};
    records::Record r;
    r.values = std::move(values);
    return records::create_in(ctx, d, r);
  });
}

}  // namespace aims::testing
