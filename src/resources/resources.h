// Resources (ISO/IEC 42001 clause 7.1, Annex A.4.2, A.4.4 and A.4.5): the tools and compute
// resources the AI systems use and the plan of the AIMS's own resources for a period, approved by
// top management.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "readiness/readiness.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::resources {

// Tools: name (unique), category, version, licence, supplier, owner, the AI systems using it,
// notes, when last reviewed and the next review (a due date).
const records::Description& tools();
// Compute resources: name (unique), kind (cloud, on-premises, edge, vendor-hosted API),
// provider, region (data residency), accelerators, capacity, energy and emissions estimates per
// month with their method, owner, the AI systems running on it and the next review.
const records::Description& compute_resources();
// Resource plans: the AIMS's own people, tools, budget, audits and training for a period, and
// its gaps. Draft, submitted, approved by someone holding an AIMS role marked as top management
// who does not own the plan, superseded.
const records::Description& resource_plans();
void define_registers();
// Adds the readiness rules resources prove (7.1, A.4.2, A.4.4, A.4.5); once.
void define_readiness_rules();

// 7.1's half that resources prove: a resource plan approved, whose period includes `today`
// ("YYYY-MM-DD").
Result<readiness::Finding> plan_finding(store::Database& db, int64_t org, const std::string& today);
// A.4.2: each AI system in scope past design names its models, datasets and owner, and is used
// with a tool and runs on a compute resource on record.
Result<readiness::Finding> documented_finding(store::Database& db, int64_t org);
// A.4.4: each AI system in scope past design uses a tool on record; each such tool states its
// version and is not past its next review on `today`.
Result<readiness::Finding> tools_finding(store::Database& db, int64_t org,
                                         const std::string& today);
// A.4.5: each AI system in scope past design runs on a compute resource on record.
Result<readiness::Finding> compute_finding(store::Database& db, int64_t org);

// Whether `person` holds, on `day` ("YYYY-MM-DD"), an AIMS role marked as top management.
Result<bool> top_management_on(store::Tx& tx, int64_t org, int64_t person, const std::string& day);

}  // namespace aims::resources
