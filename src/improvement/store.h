// SQL for incidents (private to improvement/).
#pragma once

#include "improvement/improvement.h"

namespace aims::improvement::sql {

Result<std::optional<Incident>> get(store::Tx& tx, int64_t org, int64_t id);
Result<int64_t> insert(store::Tx& tx, int64_t org, const Incident& incident);
// Writes the mutable fields when `expected_version` is current; returns rows changed (0 = stale).
Result<int64_t> update(store::Tx& tx, int64_t org, const Incident& incident,
                       int64_t expected_version);
Result<std::optional<Incident>> open_for_monitor(store::Tx& tx, int64_t org, int64_t system_id,
                                                 int64_t monitor_id);
Result<IncidentPage> list(store::Tx& tx, int64_t org, const IncidentQuery& query);

}  // namespace aims::improvement::sql
