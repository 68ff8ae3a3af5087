// Records as JSON: the shape the API sends (keys with dots nest: "model_card.task"), and the
// same document read back from a frozen version's snapshot.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "records/description.h"

namespace aims::records {

// {"id", every field, "state" (with a workflow), "frozen_version" (when versioned), "version",
// "created_at", "updated_at", "archived_at"}.
nlohmann::json to_json(const Description& d, const Record& record);

// A value as JSON: text, number, boolean, list, or null when not set.
nlohmann::json value_json(const FieldValue& value);

// The field values held in a document made by to_json (a frozen version's snapshot).
Record from_snapshot(const Description& d, const nlohmann::json& snapshot);

// The value at the dotted `key` of `document`, or null.
const nlohmann::json* at_key(const nlohmann::json& document, std::string_view key);

}  // namespace aims::records
