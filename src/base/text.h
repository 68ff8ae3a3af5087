// Small text routines every layer needs: UTF-8 validation, trimming, case folding of ASCII.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aims {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// True when `text` contains control characters other than tab, CR and LF.
bool has_control_chars(std::string_view text);
// True when the text has no control characters at all, line breaks and tabs included: names and
// titles that are shown on one line.
bool is_one_line(std::string_view text);

// The shape local@domain.tld, without spaces or quotes (not a deliverability check).
bool looks_like_email(std::string_view text);

std::string_view trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
// The longest start of `text` of at most `max_bytes` that ends on a whole UTF-8 character.
std::string utf8_prefix(std::string_view text, size_t max_bytes);
// The first line of `text` that is neither blank nor a comment (starting with '#'), trimmed;
// empty when there is none. For small files that hold one value, such as a key.
std::string_view first_content_line(std::string_view text);

}  // namespace aims
