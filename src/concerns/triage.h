// Triage of a concern into an incident, a risk or a nonconformity: the record is made and linked
// from the concern in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::concerns {

struct TriageRequest {
  std::string outcome;               // "incident", "risk" or "nonconformity"
  std::string title;                 // of the new record; the concern's when empty
  std::optional<int64_t> owner_id;   // the caller when absent
  std::optional<int64_t> system_id;  // the concern's AI system when absent
};

// Makes the record through its register (found by type, so a register that is not defined is a
// clear error), links it from the concern (triage_outcome, <outcome>_id, triaged_at) and starts the
// concern's review if it was only received. Everything is audited in one transaction.
// Errors: not_found (the concern); failed_precondition when it is closed or already triaged;
// invalid_argument naming "outcome" or the new record's field (an incident needs an AI system).
Result<records::Record> triage(store::Database& db, int64_t org, int64_t concern_id,
                               const TriageRequest& request, const records::Caller& caller);

}  // namespace aims::concerns
