#include "monitoring/engine/row.h"

#include <charconv>
#include <cmath>

#include "base/text.h"

namespace aims::monitoring {

namespace {

NumberRead checked(double value) {
  if (!std::isfinite(value)) return {NumberStatus::missing, 0};
  if (std::fabs(value) >= kMaxMagnitude) return {NumberStatus::invalid, 0};
  return {NumberStatus::value, value};
}

}  // namespace

NumberRead read_number(const Field& field) {
  if (field.state == FieldState::missing) return {NumberStatus::missing, 0};
  if (field.state == FieldState::invalid) return {NumberStatus::invalid, 0};
  if (field.is_number) return checked(field.number);
  std::string_view text = trim(field.text);
  if (text.empty()) return {NumberStatus::missing, 0};
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return {NumberStatus::invalid, 0};
  }
  return checked(value);
}

}  // namespace aims::monitoring
