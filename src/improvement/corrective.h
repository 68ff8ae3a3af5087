// What a nonconformity and its corrective actions read of each other inside a write's transaction
// (private to improvement/): the actions of one nonconformity, whether they are all done, the last
// one completed and the day the effectiveness check falls due.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "records/records.h"

namespace aims::improvement::corrective {

// Whether an action is still to be done (planned or in progress).
bool is_open(const records::Record& action);

// The nonconformity's corrective actions that are not archived.
Result<std::vector<records::Record>> actions_of(store::Tx& tx, int64_t org, int64_t nc_id);

// Why the actions of `nc` are not all done yet, in words; nullopt when every action is completed or
// cancelled, at least one is completed, and (after an effectiveness check sent it back) one was
// completed since.
std::optional<std::string> why_not_done(const records::Record& nc,
                                        const std::vector<records::Record>& actions);

// The completed action that was completed last, or null.
const records::Record* last_completed(const std::vector<records::Record>& actions);

// The effectiveness check's default day: kEffectivenessCheckDays after the last completion.
std::optional<std::string> effectiveness_due(const std::vector<records::Record>& actions);

// "YYYY-MM-DD" plus `days`; nullopt when `date` is not a date.
std::optional<std::string> days_after(const std::string& date, int64_t days);

}  // namespace aims::improvement::corrective
