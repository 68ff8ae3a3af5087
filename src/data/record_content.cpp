// A version's content as aims measured it, written in one transaction: the values first (an
// ordinary change, so its rules and audit event apply), then the mark that aims computed them,
// which people cannot set.
#include "base/time.h"
#include "data/data.h"

namespace aims::data {

Result<records::Record> record_content(store::Database& db, int64_t org, int64_t version_id,
                                       const ContentProfile& profile,
                                       const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<records::Record> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    records::Record changes;
    changes.values = {{"sha256", profile.sha256},
                      {"size_bytes", profile.size_bytes},
                      {"row_count", profile.row_count},
                      {"schema_summary", profile.schema_summary}};
    TRY(records::update_in(ctx, dataset_versions(), version_id, changes, std::nullopt));
    records::Record mark;
    mark.values = {{"hash_origin", std::string("computed")}};
    return records::update_kept_in(ctx, dataset_versions(), version_id, mark);
  });
}

}  // namespace aims::data
