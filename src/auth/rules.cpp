#include "auth/rules.h"

#include "base/text.h"

namespace aims::auth::rules {
namespace {

Result<std::string> bounded_text(const std::string& raw, const std::string& field,
                                 size_t max_length, const char* what) {
  if (!is_valid_utf8(raw)) return Error::invalid(field, std::string(what) + " is not valid UTF-8");
  std::string text(trim(raw));
  if (text.empty()) return Error::invalid(field, std::string(what) + " is required");
  if (text.size() > max_length) {
    return Error::invalid(field, std::string(what) + " must be at most " +
                                     std::to_string(max_length) + " characters");
  }
  if (has_control_chars(text)) {
    return Error::invalid(field, std::string(what) + " must not contain control characters");
  }
  return text;
}

}  // namespace

Result<std::string> normalise_email(const std::string& email, const std::string& field) {
  auto text = bounded_text(email, field, 254, "email");
  if (!text) return text;
  std::string lower = to_lower_ascii(*text);
  if (!looks_like_email(lower))
    return Error::invalid(field, "email must look like name@example.org");
  return lower;
}

Result<std::string> normalise_name(const std::string& name, const std::string& field) {
  return bounded_text(name, field, 200, "name");
}

Result<std::string> normalise_token_name(const std::string& name) {
  return bounded_text(name, "name", 100, "token name");
}

}  // namespace aims::auth::rules
