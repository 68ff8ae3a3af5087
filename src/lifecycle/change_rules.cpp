// The significance of a change from the answers to fixed questions (fixed rather than an editable
// questionnaire, so every change of every system is weighed alike): any "yes" makes it
// significant, unless the requester judged otherwise and said why.
#include <string>
#include <vector>

#include "lifecycle/lifecycle.h"

namespace aims::lifecycle {
namespace {

// Each question's key with what a "yes" means in a sentence.
constexpr std::pair<const char*, const char*> kQuestions[] = {
    {"changes_purpose",
     "it changes the intended purpose, the users or the people it decides about"},
    {"changes_outputs", "it can change the outputs for the same inputs"},
    {"changes_data", "it changes the training, validation or test data"},
    {"changes_supplier", "it brings in a supplier or changes what one provides"},
    {"changes_risk_tier", "it could change the risk tier or the EU AI Act classification"},
    {"reduces_oversight", "it reduces human oversight or raises automation"},
};

std::string sentence_of(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? "; and " : "; ") + parts[i];
  return out;
}

}  // namespace

Significance significance_of(const records::Record& change) {
  std::vector<std::string> yes;
  for (const auto& [key, meaning] : kQuestions)
    if (change.flag(key)) yes.push_back(meaning);
  const bool derived = !yes.empty();
  const std::string from_answers =
      derived ? "Significant: " + sentence_of(yes) + "."
              : "Not significant: no question about purpose, outputs, data, suppliers, risk tier "
                "or oversight was answered yes.";
  const std::string own = change.text("significance_override");
  if (own.empty() || (own == "significant") == derived) return {derived, from_answers};
  const bool significant = own == "significant";
  return {significant, std::string(significant ? "Significant" : "Not significant") +
                           " as judged by the requester: " + change.text("override_reason") +
                           " (the answers alone give " +
                           (derived ? "significant" : "not significant") + ")"};
}

}  // namespace aims::lifecycle
