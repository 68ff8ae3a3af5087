// Reads a log's timestamps with the result of base/time.h's parse_timestamp, faster for the shape
// almost every log uses ("2026-03-01T10:00:00.123456Z"): consecutive rows mostly share their
// second, whose date and time are validated once, so a row costs a comparison and its fraction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace aims::monitoring {

class TimestampReader {
 public:
  // Microseconds since the epoch; nullopt where parse_timestamp gives nullopt.
  std::optional<int64_t> read(std::string_view text) {
    // Inline around an out-of-line read: GCC returned the optional through the stack, and the
    // caller's 8-byte load of its flag waited for a 1-byte store that cannot be forwarded.
    int64_t micros = 0;
    if (!read_micros(text, micros)) return std::nullopt;
    return micros;
  }

 private:
  bool read_micros(std::string_view text, int64_t& micros);

  // "YYYY-MM-DDThh:mm:ss" of the last valid timestamp read, as three overlapping 8-byte words,
  // and that second in microseconds since the epoch.
  uint64_t second_[3] = {};
  int64_t second_micros_ = 0;
  bool has_second_ = false;
};

}  // namespace aims::monitoring
