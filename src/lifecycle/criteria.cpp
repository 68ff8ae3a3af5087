// Acceptance criteria checked against the samples of a validation run.
#include <cstdio>

#include "lifecycle/lifecycle.h"
#include "lifecycle/measure.h"

namespace aims::lifecycle {
namespace {

using monitoring::MetricSample;
using monitoring::ScopeKind;

// An empty scope matches everywhere; "attribute:X" also matches the groups of X, so a per-group
// measure (robustness) can be held to one attribute's groups.
bool matches(const std::string& wanted, const monitoring::MetricScope& scope) {
  if (wanted.empty()) return true;
  if (wanted == scope_text(scope)) return true;
  return scope.kind == ScopeKind::group && wanted == "attribute:" + scope.attribute;
}

CriterionResult judge(const Criterion& c, const std::vector<MetricSample>& samples) {
  CriterionResult result{.criterion = c};
  std::string undefined_reason;
  for (const auto& sample : samples) {
    if (sample.key != c.metric || !matches(c.scope, sample.scope)) continue;
    if (!sample.value.value) {
      if (undefined_reason.empty()) undefined_reason = sample.value.undefined_reason;
      continue;
    }
    const double v = *sample.value.value;
    if (!result.measured || (c.at_least ? v < *result.measured : v > *result.measured)) {
      result.measured = v;
      result.where = scope_text(sample.scope);
    }
  }
  const std::string scope = c.scope.empty() ? "any scope" : c.scope;
  if (!result.measured) {
    result.reason =
        "not measured in " + scope + ": " +
        (undefined_reason.empty() ? "the log gives nothing to compute it from" : undefined_reason);
    return result;
  }
  result.pass = c.at_least ? *result.measured >= c.threshold : *result.measured <= c.threshold;
  const char* side =
      result.pass ? (c.at_least ? "at least" : "at most") : (c.at_least ? "below" : "above");
  result.reason = number_text(*result.measured) + " at " + result.where + " is " + side + " " +
                  number_text(c.threshold);
  return result;
}

}  // namespace

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

std::string scope_text(const monitoring::MetricScope& scope) {
  switch (scope.kind) {
    case ScopeKind::overall:
      return "overall";
    case ScopeKind::group:
      return "group:" + scope.attribute + "=" + scope.group;
    case ScopeKind::attribute:
      return "attribute:" + scope.attribute;
    case ScopeKind::column:
      return "column:" + scope.role + ":" + scope.column;
  }
  return "overall";
}

std::optional<Criterion> criterion_of(const records::Record& r) {
  if (!r.is_set("metric") || !r.decimal("threshold")) return std::nullopt;
  return Criterion{.requirement_id = r.id,
                   .name = r.text("name"),
                   .metric = r.text("metric"),
                   .scope = r.text("scope"),
                   .at_least = r.text("comparison") != "at_most",
                   .threshold = *r.decimal("threshold")};
}

std::vector<CriterionResult> evaluate_criteria(const std::vector<Criterion>& criteria,
                                               const std::vector<MetricSample>& samples) {
  std::vector<CriterionResult> results;
  results.reserve(criteria.size());
  for (const auto& c : criteria)
    results.push_back(judge(c, samples));
  return results;
}

}  // namespace aims::lifecycle
