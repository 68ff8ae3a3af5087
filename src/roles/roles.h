// AIMS roles and competence (ISO/IEC 42001 clauses 5.3, 7.1 and 7.2, Annex A.4.6): the roles of
// the management system and who holds them, the competences the roles require, the courses that
// give them, each person's training records, and the competence matrix worked out from them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "readiness/readiness.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::roles {

// ---- registers --------------------------------------------------------------------------------

// AIMS roles: name (unique), kind (one of aims' standard roles or the organisation's own),
// purpose, responsibilities and authorities (Markdown), whether its holders are top management,
// the role it reports to, the competences it requires and the minimum number of people who must
// hold it.
const records::Description& aims_roles();
// Who holds a role: the person (responsible), the role, from and until dates, who appointed them
// and why. Workflow: active -> ended (with a reason and the until date).
const records::Description& role_assignments();
// Competences: name (unique), category, what demonstrates it, renewal period in months.
const records::Description& competences();
// Courses: title, provider, the competences it gives, validity in months (empty: it does not
// expire), format and hours.
const records::Description& courses();
// Training records: the person (responsible), the course, completed on, result (passed, attended,
// failed) and expires on (a due date, "expired" once past), worked out from the course's validity
// unless given. Certificates travel as the record's attachments.
const records::Description& training_records();
void define_registers();
// Adds the readiness rules roles and competence prove (5.3, 7.2, A.4.6); once.
void define_readiness_rules();
// 7.1's half that roles prove: every AIMS role has at least its minimum number of holders today.
// The resources module's 7.1 rule joins it with the approved resource plan.
Result<readiness::Finding> staffing_finding(store::Database& db, int64_t org);

// Whether an assignment makes its person a holder of the role on `today` ("YYYY-MM-DD"): active,
// begun, and not past its until date.
bool holds_on(const records::Record& assignment, const std::string& today);

// ---- standard roles ---------------------------------------------------------------------------

struct StandardRole {
  std::string key;  // "aims-manager"
  std::string name;
  std::string purpose;
  std::string responsibilities;  // Markdown
  std::string authorities;       // Markdown
};
// The five roles most AI management systems name: AIMS manager, AI ethics lead, data steward,
// model validator, AI system owner.
const std::vector<StandardRole>& standard_roles();
// Adds each standard role the organisation does not have yet (by its key, or by its name when
// the organisation wrote the role itself), as a starting point it then edits; returns the roles
// added, none when all are there. Errors: those of records::create.
Result<std::vector<records::Record>> add_standard_roles(store::Database& db, int64_t org,
                                                        const records::Caller& caller);

// ---- competence matrix ------------------------------------------------------------------------

// A competence within this many days of its expiry is "expiring".
inline constexpr int64_t kExpiringWithinDays = 60;

enum class CellStatus { not_required, held, expiring, expired, gap };
std::string_view key(CellStatus status);    // "not_required", "held", ...
std::string_view label(CellStatus status);  // "Not required", "Held", ...

struct MatrixCell {
  CellStatus status = CellStatus::not_required;
  // held and expiring: valid until (empty when it never expires); expired: the day it expired.
  std::string date;
};

struct MatrixColumn {
  int64_t competence_id = 0;
  std::string name;
};

struct MatrixRow {
  int64_t person_id = 0;
  std::string person;
  std::vector<std::string> roles;  // the roles the person holds, by name
  std::vector<MatrixCell> cells;   // one per column
};

struct CompetenceMatrix {
  std::string today;
  std::vector<MatrixColumn> columns;  // by name
  std::vector<MatrixRow> rows;        // by person's name
  int64_t held = 0, expiring = 0, expired = 0, gaps = 0;
};

// What the matrix is worked out from: every register's records (archived ones left out) and the
// organisation's people by id.
struct MatrixInputs {
  std::vector<records::Record> roles, assignments, competences, courses, training;
  std::map<int64_t, std::string> people;
};
Result<MatrixInputs> matrix_inputs(store::Database& db, int64_t org);

// Rows are the people holding a role on `today`, columns the competences their roles require. A
// person holds a competence while a passed training record of a course that gives it is valid:
// until the record's expiry and the competence's renewal period after completion, whichever comes
// first. Pure: tests fix `today`.
CompetenceMatrix build_matrix(const MatrixInputs& in, const std::string& today);
Result<CompetenceMatrix> competence_matrix(store::Database& db, int64_t org,
                                           const std::string& today);

}  // namespace aims::roles
