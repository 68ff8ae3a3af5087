#include "monitoring/engine/row.h"

#include <charconv>
#include <cmath>

#include "base/text.h"

namespace aims::monitoring {

namespace {

// 10^k for the at most 18 decimals read_plain_decimal accepts; every one is an exact double.
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8, 1e9,
                                   1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

// The usual shape of a logged number, [-]digits[.digits] with at most 19 digits, read by Clinger's
// fast path: when the digits form an integer m <= 2^53 and there are k <= 18 decimals, both m and
// 10^k are exact doubles, so the one correctly rounded division m / 10^k gives the correctly
// rounded value, the same double std::from_chars returns. Anything else (blanks, '+', exponents,
// more digits) returns false and takes the general path.
bool read_plain_decimal(std::string_view text, double& value) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const bool negative = p < end && *p == '-';
  if (negative) ++p;
  uint64_t mantissa = 0;
  const char* const integer = p;
  for (; p < end && static_cast<unsigned char>(*p - '0') < 10; ++p)
    mantissa = mantissa * 10 + static_cast<uint64_t>(*p - '0');
  auto digits = p - integer;
  if (digits == 0) return false;
  ptrdiff_t decimals = 0;
  if (p < end && *p == '.') {
    const char* const fraction = ++p;
    for (; p < end && static_cast<unsigned char>(*p - '0') < 10; ++p)
      mantissa = mantissa * 10 + static_cast<uint64_t>(*p - '0');
    decimals = p - fraction;
    if (decimals == 0) return false;
    digits += decimals;
  }
  if (p != end || digits > 19 || mantissa > (uint64_t{1} << 53)) return false;
  const double magnitude = static_cast<double>(mantissa) / kPowersOfTen[decimals];
  value = negative ? -magnitude : magnitude;
  return true;
}

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
  // Within 2^53, so finite and below kMaxMagnitude: no check needed.
  if (double value = 0; read_plain_decimal(field.text, value)) return {NumberStatus::value, value};
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
