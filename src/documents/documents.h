// Controlled documents (ISO/IEC 42001 clauses 5.2 and 7.5, Annex A.2): the AI policy, procedures
// and other documented information, approved by someone other than their author and frozen as
// numbered versions, as a register on the records platform.
#pragma once

#include <optional>
#include <string>

#include "records/records.h"

namespace aims::documents {

// The documents register: title, type, Markdown body, owner, classification, review interval,
// next review (a due date of the owner), retention, related AI systems and effective date.
// Workflow: draft -> in review (a change summary) -> published (one approval by an admin or AIMS
// manager who neither wrote nor owns it; freezes a version) -> retired; in review -> draft (sent
// back with a reason); published -> draft (a revision, which goes through review again).
const records::Description& documents();
void define_registers();
// Adds the readiness rules documents prove (5.2 AI policy, A.2.4 its review, 7.5.2); once.
void define_readiness_rules();

// "YYYY-MM-DD" plus whole months, the day kept or clamped to the month's last (31 Jan + 1 month
// is 28 or 29 Feb); nullopt when `date` is not a date.
std::optional<std::string> add_months(const std::string& date, int64_t months);

}  // namespace aims::documents
