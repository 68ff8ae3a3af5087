// Concerns (ISO/IEC 42001 Annex A.3.3): what anyone (staff, users, the public, anonymously if they
// choose) raises about an AI system or the organisation's use of AI, received through a public
// channel with its own unguessable link, followed by the reporter with a receipt code, and triaged
// by people with the permission into an incident, a risk or a nonconformity, or closed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::concerns {

// The concerns register: a title drawn from what happened, the AI system (by reference, or as the
// reporter named it), what happened (plain text), anonymous, a contact address (never shown on
// the public pages), when and through what it was received, the public answer the reporter
// sees, what the reporter added later, and the triage: its outcome and the incident, risk or
// nonconformity it became. Received, under review, closed (closing needs the public answer and
// a reason).
const records::Description& concerns();
void define_registers();

// Days within which a concern should be triaged (A.3.3's readiness rule names the late ones).
constexpr int kTriageDays = 14;

// Whether `link` (absolute or a path, ".../concerns/TOKEN") is the organisation's channel link and
// the channel is open: other modules point people at it only then.
Result<bool> channel_link_open(store::Database& db, int64_t org, std::string_view link);

}  // namespace aims::concerns
