#include "monitoring/engine/jsonl_reader.h"

#include <charconv>
#include <cstring>
#include <string>

#include <simdjson.h>

namespace aims::monitoring {

static_assert(kBlockPadding >= simdjson::SIMDJSON_PADDING);

struct JsonlReader::Parser {
  simdjson::dom::parser dom;
};

JsonlReader::JsonlReader(const LogSchema& schema)
    : schema_(schema),
      parser_(std::make_unique<Parser>()),
      fields_(schema.slots().size()),
      seen_(schema.columns().size()),
      number_text_(schema.slots().size()) {}

JsonlReader::~JsonlReader() = default;

namespace {

bool is_blank(const char* text, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
  }
  return true;
}

// Formats a number the way a text slot compares it: integers exactly, other numbers in the
// shortest form that reads back to the same double (so 1.0 becomes "1").
template <typename Number>
std::string_view format_number(Number number, std::array<char, 32>& buffer) {
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  return {buffer.data(), static_cast<size_t>(result.ptr - buffer.data())};
}

// A numeric slot takes the number itself; a text slot (a label, a group) its text.
template <typename Number>
void store_number(Number number, bool numeric, Field& field, std::array<char, 32>& buffer) {
  if (numeric) {
    field.number = static_cast<double>(number);
    field.is_number = true;
  } else {
    field.text = format_number(number, buffer);
  }
}

}  // namespace

Status JsonlReader::read_line(const char* line, size_t length, uint64_t line_number,
                              RowSink& sink) {
  const auto where = [line_number] { return "line " + std::to_string(line_number); };
  simdjson::dom::element document;
  if (auto error = parser_->dom.parse(line, length, false).get(document)) {
    return Error::malformed(where() + ": invalid JSON (" + simdjson::error_message(error) + ")");
  }
  simdjson::dom::object object;
  if (document.get_object().get(object)) {
    return Error::malformed(where() + ": expected a JSON object");
  }
  std::fill(seen_.begin(), seen_.end(), 0);
  const auto& columns = schema_.columns();
  const auto& slots = schema_.slots();
  for (const auto member : object) {
    size_t column = 0;
    while (column < columns.size() && columns[column].name != member.key)
      ++column;
    if (column == columns.size() || seen_[column]) continue;
    seen_[column] = 1;
    const simdjson::dom::element value = member.value;
    for (const uint16_t slot : columns[column].slots) {
      Field& field = fields_[slot];
      field = Field{FieldState::value, {}, 0, false};
      const bool numeric = slots[slot].numeric;
      switch (value.type()) {
        case simdjson::dom::element_type::NULL_VALUE:
          field.state = FieldState::missing;
          break;
        case simdjson::dom::element_type::STRING:
          field.text = value.get_string().value_unsafe();
          if (field.text.empty()) field.state = FieldState::missing;
          break;
        case simdjson::dom::element_type::INT64:
          store_number(value.get_int64().value_unsafe(), numeric, field, number_text_[slot]);
          break;
        case simdjson::dom::element_type::UINT64:
          store_number(value.get_uint64().value_unsafe(), numeric, field, number_text_[slot]);
          break;
        case simdjson::dom::element_type::DOUBLE:
          store_number(value.get_double().value_unsafe(), numeric, field, number_text_[slot]);
          break;
        case simdjson::dom::element_type::BOOL:
          if (numeric) {
            field.state = FieldState::invalid;
          } else {
            field.text = value.get_bool().value_unsafe() ? "true" : "false";
          }
          break;
        case simdjson::dom::element_type::ARRAY:
        case simdjson::dom::element_type::OBJECT:
          field.state = FieldState::invalid;
          break;
      }
    }
  }
  for (size_t column = 0; column < columns.size(); ++column) {
    if (!seen_[column]) {
      return Error::malformed(where() + ": missing column '" + columns[column].name + "'",
                              columns[column].name);
    }
  }
  return sink.add(Row{fields_, line_number});
}

Result<uint64_t> JsonlReader::read(char* data, size_t size, uint64_t first_line, RowSink& sink) {
  const char* position = data;
  const char* const end = data + size;
  uint64_t line_number = first_line;
  uint64_t records = 0;
  while (position < end) {
    const auto* newline = static_cast<const char*>(std::memchr(position, '\n', end - position));
    const char* line_end = newline == nullptr ? end : newline;
    const auto length = static_cast<size_t>(line_end - position);
    if (!is_blank(position, length)) {
      TRY(read_line(position, length, line_number, sink));
      ++records;
    }
    ++line_number;
    position = line_end + 1;
  }
  return records;
}

}  // namespace aims::monitoring
