// CsvReader reads records without quotes from a structural index and hands records with quotes to
// CsvScanner; whatever the input, its rows, lines and errors must be CsvScanner's. Shared by the
// unit tests and the CSV fuzzer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "monitoring/engine/csv_reader.h"

namespace aims::monitoring::testing {

struct CsvRows {
  std::vector<std::vector<std::string>> fields;  // "<missing>" for a missing value
  std::vector<uint64_t> lines;
  uint64_t records = 0;
  std::string error;

  bool operator==(const CsvRows&) const = default;
};

class CsvRowsSink final : public RowSink {
 public:
  explicit CsvRowsSink(CsvRows& rows) : rows_(rows) {}
  Status add(const Row& row) override {
    std::vector<std::string> fields;
    for (const Field& field : row.fields) {
      fields.push_back(field.state == FieldState::missing ? "<missing>" : std::string(field.text));
    }
    rows_.fields.push_back(std::move(fields));
    rows_.lines.push_back(row.line);
    return {};
  }

 private:
  CsvRows& rows_;
};

// CsvReader over `text` with `columns` columns, each filling the slot of its index; the bytes
// after the block are structural characters the reader must not look at.
inline CsvRows read_with_csv_reader(const std::string& text, size_t columns, uint64_t first_line) {
  std::string buffer = text + std::string(kBlockPadding, ',');
  for (size_t i = text.size(); i < buffer.size(); i += 3)
    buffer[i] = i % 2 == 0 ? '\n' : '"';
  std::vector<std::vector<uint16_t>> slots;
  for (size_t i = 0; i < columns; ++i)
    slots.push_back({static_cast<uint16_t>(i)});
  CsvReader reader(slots, columns);
  CsvRows rows;
  CsvRowsSink sink(rows);
  auto read = reader.read(buffer.data(), text.size(), first_line, sink);
  if (read) {
    rows.records = *read;
  } else {
    rows.error = read.error().message;
  }
  return rows;
}

// What CsvReader must produce: CsvScanner's records, checked for their field count.
inline CsvRows read_with_csv_scanner(std::string text, size_t columns, uint64_t first_line) {
  CsvScanner scanner(text.data(), text.size(), first_line);
  std::vector<std::string_view> fields;
  CsvRows rows;
  for (;;) {
    auto more = scanner.next_record(fields);
    if (!more) {
      rows.error = more.error().message;
      return rows;
    }
    if (!*more) break;
    if (fields.size() != columns) {
      rows.error = "line " + std::to_string(scanner.record_line()) + ": expected " +
                   std::to_string(columns) + " fields, found " + std::to_string(fields.size());
      return rows;
    }
    std::vector<std::string> values;
    for (const auto field : fields)
      values.push_back(field.empty() ? "<missing>" : std::string(field));
    rows.fields.push_back(std::move(values));
    rows.lines.push_back(scanner.record_line());
  }
  rows.records = rows.fields.size();
  return rows;
}

}  // namespace aims::monitoring::testing
