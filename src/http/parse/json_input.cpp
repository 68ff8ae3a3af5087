#include "http/parse/json_input.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "base/text.h"

namespace aims::http {
namespace {

// Rejects deep nesting before nlohmann recurses into it.
bool nesting_within(std::string_view body, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace

JsonInput::JsonInput() = default;
JsonInput::JsonInput(JsonInput&&) noexcept = default;
JsonInput& JsonInput::operator=(JsonInput&&) noexcept = default;
JsonInput::~JsonInput() = default;

Result<JsonInput> JsonInput::parse(std::string_view body) {
  if (!is_valid_utf8(body)) return Error::malformed("request body is not valid UTF-8");
  if (!nesting_within(body, 32)) return Error::malformed("JSON is nested too deeply");
  JsonInput input;
  // nlohmann reports where parsing failed only through its exception; it is caught right here,
  // so bad input never travels as an exception.
  try {
    input.root_ = std::make_unique<nlohmann::json>(nlohmann::json::parse(body.begin(), body.end()));
  } catch (const nlohmann::json::parse_error& e) {
    return Error::malformed("request body is not valid JSON (at byte " + std::to_string(e.byte) +
                            ")");
  } catch (const nlohmann::json::exception&) {
    // e.g. out_of_range for a number beyond a double (1e999), found by the JSON fuzzer.
    return Error::malformed("request body holds a number too large to represent");
  }
  if (!input.root_->is_object()) return Error::malformed("request body must be a JSON object");
  return input;
}

const nlohmann::json* JsonInput::find(const std::string& path) const {
  const nlohmann::json* node = root_.get();
  for (auto part : split(path, '.')) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(std::string(part));
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

bool JsonInput::has(const std::string& name) const {
  return find(name) != nullptr;
}

bool JsonInput::is_null(const std::string& name) const {
  const auto* node = find(name);
  return node && node->is_null();
}

const nlohmann::json* JsonInput::member(const std::string& name) {
  read_.insert(name);
  const auto* node = find(name);
  if (!node || node->is_null()) return nullptr;
  return node;
}

void JsonInput::reject(const std::string& field, const std::string& message) {
  if (!problem_) problem_ = Error::invalid(field, message);
}

void JsonInput::type_error(const std::string& name, const char* expected) {
  reject(name, name + " must be " + expected);
}

std::string JsonInput::required_string(const std::string& name, size_t max_length) {
  const auto* v = member(name);
  if (!v) {
    reject(name, name + " is required");
    return {};
  }
  auto text = optional_string(name, max_length);
  if (text && text->empty()) reject(name, name + " must not be empty");
  return text.value_or("");
}

std::optional<std::string> JsonInput::optional_string(const std::string& name, size_t max_length) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    type_error(name, "a string");
    return std::nullopt;
  }
  const auto& text = v->get_ref<const std::string&>();
  if (text.size() > max_length) {
    reject(name, name + " must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  if (has_control_chars(text)) {
    reject(name, name + " must not contain control characters");
    return std::nullopt;
  }
  return text;
}

std::optional<int64_t> JsonInput::optional_int(const std::string& name, int64_t min, int64_t max) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    type_error(name, "a whole number");
    return std::nullopt;
  }
  const int64_t value = v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)
                            ? INT64_MAX
                            : v->get<int64_t>();
  if (value < min || value > max) {
    reject(name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

int64_t JsonInput::required_int(const std::string& name, int64_t min, int64_t max) {
  if (!has(name) || is_null(name)) {
    read_.insert(name);
    reject(name, name + " is required");
    return 0;
  }
  return optional_int(name, min, max).value_or(0);
}

std::optional<double> JsonInput::optional_number(const std::string& name, double min, double max) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    type_error(name, "a number");
    return std::nullopt;
  }
  const double value = v->get<double>();
  if (!std::isfinite(value) || value < min || value > max) {
    reject(name, name + " must be between " + nlohmann::json(min).dump() + " and " +
                     nlohmann::json(max).dump());
    return std::nullopt;
  }
  return value;
}

std::optional<bool> JsonInput::optional_bool(const std::string& name) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    type_error(name, "true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> JsonInput::optional_string_list(const std::string& name,
                                                                        size_t max_items,
                                                                        size_t max_length) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    type_error(name, "a list of strings");
    return std::nullopt;
  }
  if (v->size() > max_items) {
    reject(name, name + " may hold at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const std::string where = name + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      reject(where, where + " must be a string");
      return std::nullopt;
    }
    const auto& text = item.get_ref<const std::string&>();
    if (text.size() > max_length || has_control_chars(text)) {
      reject(where, where + " must be at most " + std::to_string(max_length) +
                        " characters without control characters");
      return std::nullopt;
    }
    items.push_back(text);
  }
  return items;
}

std::optional<std::vector<int64_t>> JsonInput::optional_id_list(const std::string& name,
                                                                size_t max_items) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->size() > max_items) {
    reject(name, name + " must be a list of at most " + std::to_string(max_items) + " ids");
    return std::nullopt;
  }
  std::vector<int64_t> ids;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    if (!item.is_number_integer() || item.get<int64_t>() < 1) {
      const std::string where = name + "[" + std::to_string(i) + "]";
      reject(where, where + " must be a positive whole number");
      return std::nullopt;
    }
    ids.push_back(item.get<int64_t>());
  }
  return ids;
}

std::optional<std::string> JsonInput::optional_object_text(const std::string& name) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    type_error(name, "an object");
    return std::nullopt;
  }
  return v->dump();
}

std::optional<std::string> JsonInput::optional_array_text(const std::string& name) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    type_error(name, "a list");
    return std::nullopt;
  }
  return v->dump();
}

Status JsonInput::unknown_fields(const nlohmann::json& node, const std::string& prefix) const {
  for (const auto& [key, value] : node.items()) {
    const std::string path = prefix + key;
    // A key with a dot in it is never one of ours: dots only separate nested names.
    if (key.find('.') == std::string::npos && read_.count(path)) continue;
    // An object is known when some field below it was read ("model_card" for "model_card.task").
    auto below = read_.lower_bound(path + ".");
    if (value.is_object() && below != read_.end() && below->rfind(path + ".", 0) == 0) {
      if (Status s = unknown_fields(value, path + "."); !s) return s;
      continue;
    }
    return Error::invalid(path, "unknown field " + path);
  }
  return {};
}

Status JsonInput::finish() const {
  if (problem_) return *problem_;
  return unknown_fields(*root_, "");
}

}  // namespace aims::http
