// JSON Lines: one JSON object per line; every mapped column must be present as a key (null marks
// a missing value). Parsed with simdjson's DOM parser, which validates each line completely.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "monitoring/engine/log_schema.h"
#include "monitoring/engine/row.h"

namespace aims::monitoring {

class JsonlReader final : public BlockReader {
 public:
  explicit JsonlReader(const LogSchema& schema);
  ~JsonlReader() override;
  Result<uint64_t> read(char* data, size_t size, uint64_t first_line, RowSink& sink) override;

 private:
  struct Parser;  // keeps simdjson out of this header

  Status read_line(const char* line, size_t length, uint64_t line_number, RowSink& sink);

  const LogSchema& schema_;
  std::unique_ptr<Parser> parser_;
  std::vector<Field> fields_;
  std::vector<uint8_t> seen_;  // per mapped column, on the current line
  // Text of JSON numbers and booleans that land in text slots (labels, groups, categories).
  std::vector<std::array<char, 32>> number_text_;
};

}  // namespace aims::monitoring
