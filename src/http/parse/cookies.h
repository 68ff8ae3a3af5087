// The Cookie request header, split into name/value pairs (RFC 6265 section 5.4 order kept).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aims::http {

// The value of cookie `name` in a Cookie header, or nullopt. Surrounding quotes are removed;
// a malformed pair is skipped rather than failing the whole header, as browsers do.
std::optional<std::string> find_cookie(std::string_view header, std::string_view name);

}  // namespace aims::http
