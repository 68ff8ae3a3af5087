// CSV as RFC 4180 writes it: quoted fields with doubled quotes, commas and line breaks inside
// quotes, CRLF or LF. Cells a spreadsheet would run as a formula are neutralised on the way out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace aims::csv {

using Rows = std::vector<std::vector<std::string>>;

// Every row of `text` (a leading UTF-8 byte-order mark is skipped). Errors: malformed, naming
// the line and column of the first problem.
Result<Rows> parse(std::string_view text);

// One cell, quoted when needed. A value starting with = + - @ tab or CR gets a leading
// apostrophe, so a spreadsheet shows it instead of running it (OWASP CSV injection).
std::string cell(std::string_view value);
// Undoes cell()'s apostrophe on import.
std::string unescape_formula(std::string_view value);
// Cells joined with commas and ended with CRLF.
std::string row(const std::vector<std::string>& cells);

inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace aims::csv
