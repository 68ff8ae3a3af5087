#include "http/parse/cookies.h"

#include "base/text.h"

namespace aims::http {

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
  for (std::string_view pair : split(header, ';')) {
    pair = trim(pair);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace aims::http
