// Supplier due diligence (ISO/IEC 42001 Annex A.10.3): each supplier's assessment against a fixed,
// scored questionnaire with its findings, conditions and a decision by someone independent of the
// assessor and the relationship owner; periodic evaluations of what the supplier delivers; and
// exit plans tested on a schedule, as registers on the records platform.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "readiness/readiness.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::suppliers {

// Supplier assessments: supplier, assessor, the supplier's EU AI Act role, nine questions scored 0
// to 3, the computed total and rating, findings, conditions with their due date and the day they
// were met, and the decision (who approved, when, the next review it sets). Workflow: draft ->
// submitted -> approved, approved with conditions or rejected, decided by an admin or AIMS manager
// who is neither the assessor nor the supplier's relationship owner.
const records::Description& assessments();
// Supplier evaluations: supplier, period, evaluator, what was evaluated, outcome, findings, the
// monitors whose runs are cited, and the next evaluation due.
const records::Description& evaluations();
// Exit plans: supplier, AI systems affected, triggers, fallback, steps, data return, time to
// switch, the last test and its outcome, owner, next test due.
const records::Description& exit_plans();
void define_registers();
// Adds the A.10.3 rule; once.
void define_readiness_rules();

// ---- the questionnaire -------------------------------------------------------------------------

// One scored question of the assessment: a score field of the register.
struct Question {
  const char* key;    // "q_security"
  const char* topic;  // "Security"
  const char* asks;   // what a 3 looks like, for the form's hint
  bool critical;      // a 0 here makes the supplier a high concern whatever the total
};
const std::vector<Question>& questionnaire();

inline constexpr int kMaxScore = 3;  // per question

// The total and rating of an assessment's answers. A rating needs every question answered:
// "high" when a critical topic scores 0 or the total is at most 13 of 27 (half or less), "medium"
// when the total is at most 20 or any topic scores 0, "low" otherwise.
struct Scoring {
  int total = 0;
  int answered = 0;
  std::string rating;  // "low", "medium", "high"; empty until every question is answered
};
Scoring score(const records::Record& assessment);

// When a decision on `decided_on` (YYYY-MM-DD) with `rating` must be reviewed: 12 months on for
// a high concern, 24 otherwise.
std::optional<std::string> next_review_after(const std::string& decided_on,
                                             const std::string& rating);

// ---- readiness ---------------------------------------------------------------------------------

// A.10.3 on `today` (YYYY-MM-DD): every supplier of an AI system in scope (named on the system or
// supplying one of its models) has an approved assessment whose review is not past and whose
// conditions are not overdue; a supplier of a model API or a service has an evaluation whose next
// one is not past; a high-criticality supplier has an exit plan tested within 12 months.
Result<readiness::Finding> due_diligence_finding(store::Database& db, int64_t org,
                                                 const std::string& today);

}  // namespace aims::suppliers
