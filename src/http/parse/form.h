// application/x-www-form-urlencoded bodies and URL query strings, decoded to name/value pairs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace aims::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Decodes "a=1&b=x+y&c=%C3%A9". Errors: malformed for a broken %-escape or a name or value that
// is not valid UTF-8 (field = the name, when known). At most `max_fields` pairs.
Result<FormFields> parse_form(std::string_view text, size_t max_fields = 1000);

// Percent-decodes one component ('+' means space when `plus_is_space`). nullopt-like failure is
// reported as false.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

std::string percent_encode(std::string_view in);

}  // namespace aims::http
