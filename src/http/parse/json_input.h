// A JSON request body read field by field: wrong types, missing or unknown fields and
// out-of-range values become one error that names the field.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/result.h"

namespace aims::http {

// Usage: parse, read every field the route accepts, then call finish(), which reports the first
// problem met (or an unknown field). Getters return an empty value after a problem, so a
// handler reads all fields and checks once. A name with dots reads inside nested objects:
// "model_card.modelParameters.task".
class JsonInput {
 public:
  // Errors: malformed for invalid UTF-8, a syntax error (with its byte offset), a root that is
  // not an object, or nesting deeper than 32 levels.
  static Result<JsonInput> parse(std::string_view body);
  JsonInput(JsonInput&&) noexcept;
  JsonInput& operator=(JsonInput&&) noexcept;
  ~JsonInput();

  bool has(const std::string& name) const;
  // Present and null.
  bool is_null(const std::string& name) const;

  std::string required_string(const std::string& name, size_t max_length = 200);
  // nullopt when absent or null.
  std::optional<std::string> optional_string(const std::string& name, size_t max_length = 20000);
  std::optional<int64_t> optional_int(const std::string& name, int64_t min, int64_t max);
  int64_t required_int(const std::string& name, int64_t min, int64_t max);
  std::optional<double> optional_number(const std::string& name, double min, double max);
  std::optional<bool> optional_bool(const std::string& name);
  std::optional<std::vector<std::string>> optional_string_list(const std::string& name,
                                                               size_t max_items = 100,
                                                               size_t max_length = 200);
  std::optional<std::vector<int64_t>> optional_id_list(const std::string& name,
                                                       size_t max_items = 500);
  // The raw JSON text of an object member (for nested documents such as a column mapping).
  std::optional<std::string> optional_object_text(const std::string& name);
  // The raw JSON text of an array member (for nested lists such as thresholds).
  std::optional<std::string> optional_array_text(const std::string& name);

  // Records a problem found by the caller (first one wins).
  void reject(const std::string& field, const std::string& message);
  // The first problem, or an unknown field.
  Status finish() const;

 private:
  JsonInput();
  const nlohmann::json* find(const std::string& path) const;
  const nlohmann::json* member(const std::string& name);
  Status unknown_fields(const nlohmann::json& node, const std::string& prefix) const;
  void type_error(const std::string& name, const char* expected);

  std::unique_ptr<nlohmann::json> root_;
  std::set<std::string> read_;
  std::optional<Error> problem_;
};

}  // namespace aims::http
