// Pure rules every register shares: the shape of each value by its field type, defaults, and the
// text form of values in forms and CSV. Nothing here reads the database.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "records/description.h"

namespace aims::records::rules {

inline constexpr size_t kTextLimit = 200;
inline constexpr size_t kLongTextLimit = 10'000;
inline constexpr size_t kMarkdownLimit = 100'000;
inline constexpr size_t kListItems = 50;
inline constexpr size_t kListItemLimit = 100;
inline constexpr size_t kReferenceLimit = 500;

// Gives every input field missing from `record` its default.
void apply_defaults(const Description& d, Record& record);

// Checks and normalises each value by its field type (trims text, lower-cases emails and hashes,
// removes duplicate list entries and references, formats instants), adding each problem.
void check_values(const Description& d, Record& record, Problems& problems);

// The problem with one value of `field` (for inputs described like fields but kept outside
// records: a link's address, a comment), normalising it in place as check_values does.
std::optional<std::string> check_value(const Field& field, FieldValue& value);

// Whether `record` has every field a transition or the description requires.
void check_required(const Description& d, const Record& record, Problems& problems);

// The value of a form field or CSV cell. Lists split at `list_separator` (';' in CSV, a line
// break in forms). References are ids here; CSV names are resolved by the exchange.
// Errors: invalid_argument naming the field.
Result<FieldValue> parse_text(const Field& field, std::string_view text, char list_separator);

// The text form of a value, as forms and CSV show it (the inverse of parse_text).
std::string to_text(const FieldValue& value, const char* list_separator);

}  // namespace aims::records::rules
