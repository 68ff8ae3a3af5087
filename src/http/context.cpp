#include "http/context.h"

#include <charconv>

#include "base/text.h"

namespace aims::http {
namespace {

std::optional<std::string> find(const FormFields& fields, const std::string& name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<int64_t> positive_int(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

Result<int64_t> Context::path_id(const std::string& name) const {
  for (const auto& [key, value] : params) {
    if (key == name) {
      if (auto id = positive_int(value)) return *id;
      break;
    }
  }
  return Error::not_found("no such record");
}

std::optional<std::string> Context::query_value(const std::string& name) const {
  return find(query, name);
}

std::optional<std::string> Context::form_value(const std::string& name) const {
  if (auto v = find(form, name)) return v;
  for (const auto& part : uploads) {
    if (part.name == name && !part.is_file()) return part.value;
  }
  return std::nullopt;
}

std::vector<std::string> Context::form_values(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : form) {
    if (key == name) values.push_back(value);
  }
  return values;
}

const MultipartPart* Context::upload(const std::string& name) const {
  for (const auto& part : uploads) {
    if (part.name == name && part.is_file()) return &part;
  }
  return nullptr;
}

Result<int64_t> Context::if_match() const {
  auto header = request.header("if-match");
  if (!header) {
    return Error{ErrorCode::version_required,
                 "send If-Match with the ETag you read, so a concurrent change is not overwritten",
                 "If-Match"};
  }
  std::string_view text = trim(*header);
  if (text.starts_with("W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  if (text == "0") return 0;  // the version of a record that has never been written (scope)
  if (auto version = positive_int(text)) return *version;
  return Error::malformed("If-Match must be an ETag such as \"3\"", "If-Match");
}

std::string etag(int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

}  // namespace aims::http
