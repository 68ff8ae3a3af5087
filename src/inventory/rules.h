// Pure rules of the inventory (private to inventory/): the shape of every value, text-to-value
// conversion for forms and CSV, and the rules that tie fields of one record together.
#pragma once

#include <string_view>

#include "base/result.h"
#include "inventory/record.h"
#include "inventory/schema.h"

namespace aims::inventory::rules {

// Gives every field missing from `record` its default.
void apply_defaults(const Entity& entity, Record& record);

// Checks and normalises each value by its field type (trims text, lower-cases hashes and tags,
// drops duplicate list items). Errors: invalid_argument naming the field key.
Status check_values(const Entity& entity, Record& record);

// Rules across the fields of one complete record. Errors: invalid_argument naming the field.
//  AI system: high-risk needs an Annex III area or an Annex I product, and only high-risk has
//  them; a classified system needs a rationale; a prohibited practice is never deployed or
//  operated; out of scope needs a reason; retirement not before deployment.
//  Model: a supplier's model names the supplier; an in-house one has none.
//  Dataset: personal data needs a consent or lawful-basis status; disposal not before collection.
//  Supplier: the next review comes after the last one.
Status check_consistency(const Entity& entity, Record& record);

// Converts the text of a form field or CSV cell to the field's value. `list_separator` splits
// text lists (';' in CSV, newline in forms). References are not converted here.
// Errors: invalid_argument naming the field key.
Result<FieldValue> parse_text(const Field& field, std::string_view text, char list_separator);

// The text form of a value, as forms and CSV show it (the inverse of parse_text).
std::string to_text(const FieldValue& value, const char* list_separator);

}  // namespace aims::inventory::rules
