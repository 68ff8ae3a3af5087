// AI system impact assessment (ISO/IEC 42001 clauses 6.1.4 and 8.4, Annex A.5.2 to A.5.5, with
// ISO/IEC 42005's content and the EU AI Act's Art. 27 fundamental-rights assessment): assessments
// per AI system and version with the harms and benefits they weigh, on the records platform.
#pragma once

#include <string>
#include <vector>

#include "records/records.h"

namespace aims::impact {

// Impact assessments: the AI system and version, scope, intended use and foreseeable misuse
// (copied from the inventory when left empty), data, deployment context, who is affected
// (individuals, groups, vulnerable groups, society, the environment), the decision (proceed, with
// conditions, or not), assessor, date, valid until (a due date), and optionally the six Art. 27
// items. Workflow: draft -> in review -> approved (one approval by an admin or AIMS manager who is
// neither author nor assessor; freezes a version) -> superseded, which a newer approved assessment
// of the same system does by itself. A change to the system's significant fields marks its
// approved assessments as needing re-assessment, naming the change.
const records::Description& assessments();
// Harms and benefits of one assessment: dimension, who is affected, severity, likelihood,
// reversibility, mitigation, the risks and Annex A controls that treat it. Changed only while the
// assessment is a draft.
const records::Description& impacts();
void define_registers();
// Adds the readiness rules impact assessments prove (6.1.4, 8.4, A.5.2 to A.5.5); once.
void define_readiness_rules();
// Watches AI systems for significant changes; once.
void watch_systems();

// Marks the system's approved (and in-review) assessments as needing re-assessment, adding `why`
// to the reasons already given, in the caller's transaction: what a change to the system's
// significant fields does, and what an approved significant change request does (lifecycle).
Status mark_for_reassessment(const records::WriteContext& ctx, int64_t system_id,
                             const std::string& why);

// The AI system fields whose change calls for a new impact assessment, with how people name them.
const std::vector<std::pair<std::string, std::string>>& significant_fields();

}  // namespace aims::impact
