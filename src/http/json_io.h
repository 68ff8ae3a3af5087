// JSON in and out for API handlers: the body as JsonInput (Content-Type checked), responses with
// an ETag for versioned records, and list pages.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "http/parse/json_input.h"
#include "http/response.h"

namespace aims::http {

// Errors: malformed when the Content-Type is not application/json or the body is not a JSON
// object.
Result<JsonInput> read_json(const Context& ctx);

Response json_response(int status, const nlohmann::json& body);
// A record with its ETag (the record's version).
Response json_record(int status, const nlohmann::json& body, int64_t version);
// {"items": [...], "next_cursor": "..." | null}
Response json_list(const nlohmann::json& items, const std::optional<std::string>& next_cursor);

}  // namespace aims::http
