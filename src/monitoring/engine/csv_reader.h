// RFC 4180 CSV: the header record that names the columns, then blocks of data records.
//
// Quoted fields may hold commas, doubled quotes and line breaks; records end with LF or CRLF.
// Strict where leniency would make block splitting ambiguous: a quote inside an unquoted field,
// text after a closing quote and a field count that differs from the header's are errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "monitoring/engine/log_schema.h"
#include "monitoring/engine/row.h"

namespace aims::monitoring {

// Reads the records of a buffer one at a time, tracking physical lines and columns for errors.
class CsvScanner {
 public:
  // `data` is rewritten in place where quoted fields are unescaped.
  CsvScanner(char* data, size_t size, uint64_t first_line);

  // The fields of the next record (views into the buffer); false once the buffer is exhausted.
  // Empty lines are skipped.
  Result<bool> next_record(std::vector<std::string_view>& fields);

  uint64_t record_line() const { return record_line_; }
  size_t offset() const { return static_cast<size_t>(pos_ - begin_); }
  uint64_t line() const { return line_; }

 private:
  // Read one field; false after storing the problem in error_ (no Result per field: this is the
  // innermost loop of the engine).
  bool read_quoted(std::string_view& field);
  bool read_unquoted(std::string_view& field);
  void count_lines(const char* from, const char* to);
  Error error_at(const char* at, std::string_view message) const;

  char* begin_;
  char* pos_;
  char* end_;
  const char* line_start_;
  uint64_t line_;
  uint64_t record_line_ = 0;
  std::optional<Error> error_;
};

struct CsvHeader {
  // Per header column, the slots its values fill (empty for unmapped columns).
  std::vector<std::vector<uint16_t>> slots_of_column;
  size_t bytes = 0;    // length of the header record including its line break
  uint64_t lines = 0;  // physical lines it spans
};

// Reads the header record at the start of `data` and finds every mapped column in it; nullopt when
// `data` holds only blank lines. Errors: malformed ("line 1: missing column 'score'", a mapped
// column twice, bad quoting).
Result<std::optional<CsvHeader>> read_csv_header(char* data, size_t size, uint64_t first_line,
                                                 const LogSchema& schema);

// Reads records without quotes straight from a structural index of the block (csv_structure.h);
// a record holding a quote goes through CsvScanner, which then gives the same fields and errors.
class CsvReader final : public BlockReader {
 public:
  CsvReader(const std::vector<std::vector<uint16_t>>& slots_of_column, size_t slot_count);
  Result<uint64_t> read(char* data, size_t size, uint64_t first_line, RowSink& sink) override;

 private:
  static constexpr int32_t kUnmapped = -1;
  static constexpr int32_t kSeveralSlots = -2;

  template <bool kCarriageReturns>
  Result<uint64_t> read_block(char* data, size_t size, uint64_t first_line, RowSink& sink);
  Error wrong_field_count(uint64_t line, size_t found) const;

  size_t columns_;
  // Per header column: the one slot it fills, kUnmapped, or kSeveralSlots.
  std::vector<int32_t> only_slot_;
  // The slots of column c are slots_[slot_begin_[c] .. slot_begin_[c + 1]).
  std::vector<uint32_t> slot_begin_;
  std::vector<uint16_t> slots_;
  std::vector<std::string_view> raw_;
  std::vector<Field> fields_;
};

}  // namespace aims::monitoring
