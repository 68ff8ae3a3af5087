// One parsed log record as the accumulators see it: only the mapped columns, indexed by slot.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"

namespace aims::monitoring {

enum class FieldState : uint8_t {
  missing,  // empty CSV field, JSON null
  value,
  invalid,  // a JSON value no column can hold (array, object; a boolean in a numeric column)
};

struct Field {
  FieldState state = FieldState::missing;
  std::string_view text;  // the value as written (JSON strings unescaped); empty for JSON numbers
  double number = 0;      // a JSON number in a numeric slot
  bool is_number = false;
};

struct Row {
  std::span<const Field> fields;
  uint64_t line = 0;  // physical line (1-based) where the record starts
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status add(const Row& row) = 0;
};

// Parses the records of one block and hands each to a sink.
class BlockReader {
 public:
  virtual ~BlockReader() = default;
  // `data` holds `size` bytes of whole records starting on line `first_line`, followed by at least
  // kBlockPadding readable bytes; the reader may rewrite the bytes in place. Returns the number of
  // records, or the first error (malformed record, or an error from the sink).
  virtual Result<uint64_t> read(char* data, size_t size, uint64_t first_line, RowSink& sink) = 0;
};

// Readable bytes past the end of every block: simdjson reads ahead up to this much.
inline constexpr size_t kBlockPadding = 64;

// Numbers beyond this magnitude count as type errors: the value grid stops there, and sums of
// billions of them stay finite.
inline constexpr double kMaxMagnitude = 18446744073709551616.0;  // 2^64

enum class NumberStatus { missing, invalid, value };

struct NumberRead {
  NumberStatus status = NumberStatus::missing;
  double value = 0;
};

// Reads a numeric field. Missing: absent, empty, blank, NaN or infinite (as Evidently counts them).
// Invalid: text that is not a decimal number, or a magnitude >= 2^64.
NumberRead read_number(const Field& field);

}  // namespace aims::monitoring
