// Records written as if the clock had said an earlier day: the worked example's old records, and
// tests of what a retention period needs to have run out, without waiting for it.
#pragma once

#include <map>
#include <string>

#include "base/time.h"
#include "records/records.h"

namespace aims::records {

// Creates the record in one transaction whose clock reads `days_ago` days before today (UTC), so
// its created and updated times, and every time its hooks take from the write, say that day.
inline Result<Record> create_backdated(store::Database& db, const Description& d, int64_t org,
                                       const Caller& caller,
                                       std::map<std::string, FieldValue> values, int64_t days_ago) {
  const auto today = parse_date_days(now_timestamp().substr(0, 10));
  const std::string then = format_timestamp((*today - days_ago) * 86'400'000'000LL);
  return db.write([&](store::Tx& tx) -> Result<Record> {
    const WriteContext ctx{tx, org, caller, then};
    Record r;
    r.values = std::move(values);
    return create_in(ctx, d, r);
  });
}

}  // namespace aims::records
