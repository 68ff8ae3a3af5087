// libFuzzer target for what reads a monitor's thresholds and configuration (API bodies, the
// monitor form's fields as JSON, stored rows): no crash, every refusal names its field, and what
// is accepted has finite numbers, is range-checked as documented and reads back the same from its
// own JSON.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "monitoring/rules.h"

namespace {

using namespace aims::monitoring;

void check_thresholds(std::string_view text) {
  auto thresholds = rules::parse_thresholds(text);
  if (!thresholds) {
    if (thresholds.error().field.empty()) std::abort();
    return;
  }
  bool within = true;
  for (const Threshold& t : *thresholds) {
    if (!std::isfinite(t.value)) std::abort();
    within = within && std::abs(t.value) <= rules::kMaxThresholdMagnitude;
    const std::string severity = rules::severity(t, t.value * 2 + 1);
    if (rules::worst({severity}) != severity) std::abort();  // one of the four severities
  }
  if (rules::check_values(*thresholds).ok() != within) std::abort();
  const std::string written = rules::thresholds_json(*thresholds);
  auto again = rules::parse_thresholds(written);
  if (!again || rules::thresholds_json(*again) != written) std::abort();
}

void check_config(std::string_view text) {
  auto config = rules::parse_config(text);
  if (!config) {
    if (config.error().field.empty()) std::abort();
    return;
  }
  if (!std::isfinite(config->decision_threshold)) std::abort();
  if (config->task == TaskType::classification &&
      (config->decision_threshold < 0 || config->decision_threshold > 1)) {
    std::abort();
  }
  if (config->min_group_size < 1 || config->min_group_size > 1'000'000'000) std::abort();
  const std::string written = rules::config_json(*config);
  auto again = rules::parse_config(written);
  if (!again || rules::config_json(*again) != written) std::abort();
  (void)rules::named_scopes(*config);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_thresholds(text);
  check_config(text);
  auto config = rules::parse_config(R"({"columns":{"id":"id","score":"s","label":"y",
      "sensitive_attributes":["g"],"features":[{"name":"x"},{"name":"c","kind":"categorical"}]}})");
  auto thresholds = rules::parse_thresholds(text);
  if (config && thresholds) (void)rules::check_scopes(*config, *thresholds);
  return 0;
}
