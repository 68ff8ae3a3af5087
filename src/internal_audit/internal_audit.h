// Internal audit (ISO/IEC 42001 clause 9.2): the audit programme, its audits with their criteria,
// independent lead auditor and team, and each audit's checklist items and findings, as registers
// on the records platform; the programme's coverage of the clauses and applicable controls; a
// checklist worded from the catalog; nonconformities raised from findings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "readiness/readiness.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::internal_audit {

// Audit programmes: title, period (start and end), objectives and method, owner. Workflow:
// draft -> approved (by an admin or AIMS manager other than the owner; freezes a version).
const records::Description& programmes();
// Internal audits: programme, title, scope, criteria (clause requirements and Annex A controls of
// the ISO/IEC 42001 catalog), the organisation's procedures, lead auditor and team (independent of
// what is audited), planned and actual dates, summary. Workflow: planned -> in progress ->
// reported (signed off by the lead auditor; freezes a version) -> closed, or cancelled.
const records::Description& audits();
// Checklist items of an audit: criterion, what to check, result, notes, evidence, and the
// nonconformity raised from it. A finding is an item whose result is not "conforms" or "not
// audited".
const records::Description& items();
void define_registers();
// Adds the readiness rules the audit records prove (9.2.1, 9.2.2); once.
void define_readiness_rules();

// The results an item may have, as stored.
inline constexpr const char* kMinorNonconformity = "minor_nc";
inline constexpr const char* kMajorNonconformity = "major_nc";

// Whether `id` is a clause requirement ("9.2.1") or Annex A control ("A.6.2.6") of ISO/IEC 42001.
bool is_criterion(const std::string& id);

// ---- coverage ---------------------------------------------------------------------------------

// A requirement or control the programme must audit.
struct Requirement {
  std::string id;  // "9.2.1", "A.6.2.6"
  std::string title;
};
// An audit as coverage reads it: its name and the criteria it covers.
struct AuditScope {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> criteria;
};
// An audit covering a requirement, as the coverage names it.
struct AuditName {
  int64_t id = 0;
  std::string name;
};
struct CoverageLine {
  Requirement requirement;
  std::vector<AuditName> audits;  // those covering it, in the order given
  bool covered() const { return !audits.empty(); }
};
// Each requirement with the audits that cover it: the uncovered ones first, then the covered ones,
// each in the order given. Pure.
std::vector<CoverageLine> coverage(const std::vector<Requirement>& required,
                                   const std::vector<AuditScope>& audits);

// What a programme must cover: every clause requirement (4 to 10) of the catalog, then the Annex A
// controls among `applicable_controls`, in the catalog's order.
std::vector<Requirement> required_of(const std::vector<std::string>& applicable_controls);

struct ProgrammeCoverage {
  std::vector<AuditScope> audits;  // the programme's audits that are not cancelled or archived
  std::vector<CoverageLine> lines;
  int64_t uncovered = 0;
};
// A programme's coverage of the clause requirements and the organisation's applicable Annex A
// controls (its SoA entries marked applicable). Errors: not_found.
Result<ProgrammeCoverage> programme_coverage(store::Database& db, int64_t org, int64_t programme);

// ---- checklist and findings -------------------------------------------------------------------

// Adds one checklist item per criterion of the audit that has none yet, each asking what the
// catalog's requirement or control asks, in one transaction. Returns the items added (none on a
// second run). Errors: not_found; failed_precondition once the audit is reported, closed or
// cancelled.
Result<std::vector<records::Record>> generate_checklist(store::Database& db, int64_t org,
                                                        int64_t audit,
                                                        const records::Caller& caller);

// Raises a nonconformity (source "audit", grade from the result, description from the notes)
// from an item whose result is a minor or major nonconformity, and links the item to it, in one
// transaction. Errors: not_found; failed_precondition when the result is not a nonconformity or
// the nonconformity register is not defined; already_exists naming the nonconformity raised
// before.
Result<records::Record> raise_nonconformity(store::Database& db, int64_t org, int64_t item,
                                            const records::Caller& caller);

// ---- readiness --------------------------------------------------------------------------------

// 9.2.1: a programme whose period includes `today` (YYYY-MM-DD) covers every clause requirement
// and applicable control through its audits, and is approved.
Result<readiness::Finding> programme_finding(store::Database& db, int64_t org,
                                             const std::string& today);
// 9.2.2: audits are carried out and reported by their planned end.
Result<readiness::Finding> audits_finding(store::Database& db, int64_t org,
                                          const std::string& today);

}  // namespace aims::internal_audit
