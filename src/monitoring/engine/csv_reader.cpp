#include "monitoring/engine/csv_reader.h"

#include <bit>
#include <cstring>
#include <string>

#include "monitoring/engine/csv_structure.h"

namespace aims::monitoring {

CsvScanner::CsvScanner(char* data, size_t size, uint64_t first_line)
    : begin_(data), pos_(data), end_(data + size), line_start_(data), line_(first_line) {}

Error CsvScanner::error_at(const char* at, std::string_view message) const {
  return Error::malformed("line " + std::to_string(line_) + ", column " +
                          std::to_string(at - line_start_ + 1) + ": " + std::string(message));
}

void CsvScanner::count_lines(const char* from, const char* to) {
  while (from < to) {
    const auto* newline = static_cast<const char*>(std::memchr(from, '\n', to - from));
    if (newline == nullptr) return;
    ++line_;
    line_start_ = newline + 1;
    from = newline + 1;
  }
}

bool CsvScanner::read_quoted(std::string_view& field) {
  const uint64_t open_line = line_;
  const char* open_line_start = line_start_;
  const char* open = pos_;
  ++pos_;
  char* out = pos_;
  char* const start = out;
  for (;;) {
    auto* quote = static_cast<char*>(std::memchr(pos_, '"', end_ - pos_));
    if (quote == nullptr) {
      error_ = Error::malformed("line " + std::to_string(open_line) + ", column " +
                                std::to_string(open - open_line_start + 1) +
                                ": unterminated quoted field");
      return false;
    }
    count_lines(pos_, quote);
    const auto length = static_cast<size_t>(quote - pos_);
    if (out != pos_) std::memmove(out, pos_, length);
    out += length;
    pos_ = quote + 1;
    if (pos_ < end_ && *pos_ == '"') {  // a doubled quote stands for one quote
      *out++ = '"';
      ++pos_;
      continue;
    }
    field = std::string_view(start, out - start);
    return true;
  }
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;

// High bit set in each byte of `word` that equals `c`, exactly (no false positives).
uint64_t bytes_equal(uint64_t word, char c) {
  const uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// The first comma, line feed or quote in [from, to), or `to`: eight bytes per step, since fields
// are mostly plain text.
char* find_delimiter(char* from, char* to) {
  static_assert(std::endian::native == std::endian::little, "the byte order picks the first match");
  while (to - from >= 8) {
    uint64_t word;
    std::memcpy(&word, from, sizeof word);
    const uint64_t hits = bytes_equal(word, ',') | bytes_equal(word, '\n') | bytes_equal(word, '"');
    if (hits != 0) return from + std::countr_zero(hits) / 8;
    from += 8;
  }
  while (from < to && *from != ',' && *from != '\n' && *from != '"')
    ++from;
  return from;
}

}  // namespace

bool CsvScanner::read_unquoted(std::string_view& field) {
  const char* start = pos_;
  pos_ = find_delimiter(pos_, end_);
  if (pos_ < end_ && *pos_ == '"') {
    error_ = error_at(pos_, "quote inside an unquoted field");
    return false;
  }
  const char* stop = pos_;
  if (stop > start && stop[-1] == '\r') --stop;  // the CR of a CRLF line break
  field = std::string_view(start, stop - start);
  return true;
}

Result<bool> CsvScanner::next_record(std::vector<std::string_view>& fields) {
  fields.clear();
  while (pos_ < end_) {  // skip empty lines
    if (*pos_ == '\n') {
      ++pos_;
      ++line_;
      line_start_ = pos_;
    } else if (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') {
      pos_ += 2;
      ++line_;
      line_start_ = pos_;
    } else {
      break;
    }
  }
  if (pos_ == end_) return false;
  record_line_ = line_;
  for (;;) {
    std::string_view field;
    if (!(*pos_ == '"' ? read_quoted(field) : read_unquoted(field))) return std::move(*error_);
    fields.push_back(field);
    if (pos_ == end_) return true;
    if (*pos_ == ',') {
      ++pos_;
      if (pos_ == end_) {  // a trailing comma ends with an empty field
        fields.emplace_back();
        return true;
      }
      continue;
    }
    if (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') ++pos_;
    if (*pos_ == '\n') {
      ++pos_;
      ++line_;
      line_start_ = pos_;
      return true;
    }
    return error_at(pos_, "unexpected character after a closing quote");
  }
}

Result<std::optional<CsvHeader>> read_csv_header(char* data, size_t size, uint64_t first_line,
                                                 const LogSchema& schema) {
  CsvScanner scanner(data, size, first_line);
  std::vector<std::string_view> names;
  TRY_ASSIGN(auto found, scanner.next_record(names));
  if (!found) return std::optional<CsvHeader>();

  CsvHeader header;
  header.slots_of_column.resize(names.size());
  const std::string line = "line " + std::to_string(scanner.record_line());
  for (const auto& column : schema.columns()) {
    int found_at = -1;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] != column.name) continue;
      if (found_at >= 0) {
        return Error::malformed(line + ": column '" + column.name + "' appears twice", column.name);
      }
      found_at = static_cast<int>(i);
    }
    if (found_at < 0) {
      return Error::malformed(line + ": missing column '" + column.name + "'", column.name);
    }
    header.slots_of_column[found_at] = column.slots;
  }
  header.bytes = scanner.offset();
  header.lines = scanner.line() - first_line;
  return std::optional<CsvHeader>(std::move(header));
}

CsvReader::CsvReader(const std::vector<std::vector<uint16_t>>& slots_of_column, size_t slot_count)
    : columns_(slots_of_column.size()), fields_(slot_count) {
  only_slot_.reserve(columns_);
  slot_begin_.reserve(columns_ + 1);
  slots_.reserve(slot_count);
  for (const auto& slots : slots_of_column) {
    only_slot_.push_back(slots.size() == 1 ? slots.front()
                                           : (slots.empty() ? kUnmapped : kSeveralSlots));
    slot_begin_.push_back(static_cast<uint32_t>(slots_.size()));
    slots_.insert(slots_.end(), slots.begin(), slots.end());
  }
  slot_begin_.push_back(static_cast<uint32_t>(slots_.size()));
  raw_.reserve(columns_ + 1);
}

Error CsvReader::wrong_field_count(uint64_t line, size_t found) const {
  return Error::malformed("line " + std::to_string(line) + ": expected " +
                          std::to_string(columns_) + " fields, found " + std::to_string(found));
}

Result<uint64_t> CsvReader::read(char* data, size_t size, uint64_t first_line, RowSink& sink) {
  // Most logs hold no carriage return; then no field needs its last byte checked for one.
  if (std::memchr(data, '\r', size) == nullptr)
    return read_block<false>(data, size, first_line, sink);
  return read_block<true>(data, size, first_line, sink);
}

template <bool kCarriageReturns>
Result<uint64_t> CsvReader::read_block(char* data, size_t size, uint64_t first_line,
                                       RowSink& sink) {
  // Members in locals: the compiler cannot tell that writing a field leaves them unchanged.
  const size_t columns = columns_;
  const int32_t* const only_slot = only_slot_.data();
  const uint32_t* const slot_begin = slot_begin_.data();
  const uint16_t* const slots = slots_.data();
  Field* const fields = fields_.data();
  // Stores the value of header column `column` in every slot it fills.
  const auto store = [=](size_t column, std::string_view value) {
    const auto fill = [value](Field& field) {
      field.text = value;
      field.state = value.empty() ? FieldState::missing : FieldState::value;
    };
    if (const int32_t only = only_slot[column]; only >= 0) {
      fill(fields[only]);
    } else if (only == kSeveralSlots) {
      for (uint32_t i = slot_begin[column]; i < slot_begin[column + 1]; ++i)
        fill(fields[slots[i]]);
    }
  };
  // The field [start, delimiter), without the CR of a CRLF line break.
  const auto field = [](const char* start, const char* delimiter) {
    if (kCarriageReturns && delimiter > start && delimiter[-1] == '\r') --delimiter;
    return std::string_view(start, static_cast<size_t>(delimiter - start));
  };
  char* const end = data + size;
  CsvStructure structure(data, end);
  uint64_t line = first_line;
  uint64_t records = 0;
  for (char* record = data; record < end;) {
    // Without a quote in the record a comma ends a field and a line feed (or the end of the
    // block) the record, as in CsvScanner.
    char* start = record;
    size_t column = 0;
    char* delimiter = structure.next();
    for (; delimiter < end && *delimiter == ','; delimiter = structure.next()) {
      if (column < columns) store(column, field(start, delimiter));
      ++column;
      start = delimiter + 1;
    }
    uint64_t record_line = line;
    if (delimiter < end && *delimiter == '"') {
      // A quote in the record: CsvScanner reads it whole (it may span lines, it unescapes in
      // place, it names any error precisely) and the index resumes after it.
      CsvScanner scanner(record, static_cast<size_t>(end - record), line);
      TRY(scanner.next_record(raw_));
      record_line = scanner.record_line();
      line = scanner.line();
      record += scanner.offset();
      structure.restart(record);
      if (raw_.size() != columns) return wrong_field_count(record_line, raw_.size());
      for (size_t i = 0; i < columns; ++i)
        store(i, raw_[i]);
    } else {
      const std::string_view last = field(start, delimiter);
      if (column < columns) store(column, last);
      ++column;
      // LF or CRLF alone: an empty line, skipped as CsvScanner does.
      const bool empty_line = column == 1 && last.empty() && delimiter < end;
      record = delimiter < end ? delimiter + 1 : end;
      if (delimiter < end) ++line;
      if (empty_line) continue;
      if (column != columns) return wrong_field_count(record_line, column);
    }
    TRY(sink.add(Row{fields_, record_line}));
    ++records;
  }
  return records;
}

}  // namespace aims::monitoring
