// The due-diligence questionnaire and how its answers are scored and rated.
#include "suppliers/suppliers.h"

namespace aims::suppliers {

const std::vector<Question>& questionnaire() {
  static const std::vector<Question> questions = {
      {"q_data_use", "Data use and privacy",
       "The contract limits use of our data to the service, forbids training on it without "
       "consent, and names where it is processed.",
       true},
      {"q_security", "Security",
       "Current independent certification or audit report (ISO/IEC 27001, SOC 2) covering the "
       "service, with access control and encryption described.",
       true},
      {"q_transparency", "Model transparency and documentation",
       "A model card or technical documentation: intended use, limits, training data sources, "
       "versions.",
       false},
      {"q_testing", "Bias and performance testing",
       "Results of accuracy and bias testing on populations like ours, repeated on each new "
       "version.",
       false},
      {"q_incident_notice", "Incident notification",
       "A contractual duty to tell us of incidents affecting our service within a stated time, "
       "with a named contact.",
       true},
      {"q_subprocessors", "Sub-processors",
       "A current list of sub-processors and notice before a new one is added.", false},
      {"q_change_notice", "Change notice",
       "Advance notice of model or service changes that may alter outputs, with time to test "
       "them.",
       false},
      {"q_exit", "Exit and portability",
       "Our data and configurations returned in a usable format and deleted on exit, with a "
       "transition period.",
       false},
      {"q_ai_act", "EU AI Act obligations",
       "The supplier states its role under the EU AI Act and shows how it meets the obligations "
       "of that role (documentation, logging, conformity where required).",
       false},
  };
  return questions;
}

Scoring score(const records::Record& assessment) {
  Scoring s;
  bool critical_zero = false, any_zero = false;
  for (const Question& q : questionnaire()) {
    const auto value = assessment.number(q.key);
    if (!value) continue;
    ++s.answered;
    s.total += static_cast<int>(*value);
    any_zero = any_zero || *value == 0;
    critical_zero = critical_zero || (q.critical && *value == 0);
  }
  if (s.answered < static_cast<int>(questionnaire().size())) return s;
  // Thresholds: half the maximum (27) or less is a high concern; a low concern needs 21, three
  // points above "adequate" (2) on every topic, with no topic scored 0.
  if (critical_zero || s.total <= 13)
    s.rating = "high";
  else if (any_zero || s.total <= 20)
    s.rating = "medium";
  else
    s.rating = "low";
  return s;
}

}  // namespace aims::suppliers
