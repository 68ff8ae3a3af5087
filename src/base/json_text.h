// Writes canonical JSON text without a JSON library: the audit trail hashes these exact bytes,
// so they must never depend on a library's formatting choices.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aims::json_text {

// A JSON string literal: quotes, backslash and control characters escaped, other UTF-8 kept as
// is (the input must be valid UTF-8).
std::string quote(std::string_view text);
std::string number(int64_t value);
// Shortest text that reads back as the same double; "null" for NaN and infinities.
std::string number(double value);
std::string boolean(bool value);
inline std::string null() {
  return "null";
}

std::string optional_string(const std::optional<std::string>& text);
std::string optional_number(const std::optional<int64_t>& value);
std::string string_array(const std::vector<std::string>& items);
std::string number_array(const std::vector<int64_t>& items);

// {"key":value,...} with keys in byte order (std::map's order); values are JSON texts.
std::string object(const std::map<std::string, std::string>& members);

}  // namespace aims::json_text
