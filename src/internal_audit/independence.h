// The independence of internal auditors (9.2.2: auditors are objective and impartial): who owns
// what an audit covers, and the refusal of a lead auditor or team member among them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "records/records.h"

namespace aims::internal_audit {

// The names of the people an audit team lists by email, in its order (an email nobody of the
// organisation has stays as it is).
Result<std::vector<std::string>> team_names(store::Tx& tx, int64_t org,
                                            const std::vector<std::string>& emails);

// Refuses, naming the person and what they own, an audit whose lead auditor or team member owns a
// record in its scope: the SoA entry of a control among its criteria, a procedure it is audited
// against, or a treatment action putting one of its controls in place. Also refuses a team email
// that is no active person of the organisation.
Status check_independence(const records::WriteContext& ctx, const records::Record& audit);

}  // namespace aims::internal_audit
