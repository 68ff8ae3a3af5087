// The pieces the records platform's generated OpenAPI is built from (private to records/routes/).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "records/description.h"

namespace aims::records::openapi {

// "ai_systems" -> "AiSystems": schema and operation names.
std::string camel(std::string_view snake);
// A reference to the schema `name` of components/schemas.
nlohmann::json ref(const std::string& name);
// The shared error response.
nlohmann::json error_response();
nlohmann::json operation(const std::string& id, const std::string& summary, const std::string& tag,
                         nlohmann::json responses);
// `responses` with the shared error response under each of `codes`.
nlohmann::json with_errors(nlohmann::json responses, std::initializer_list<const char*> codes);

// The attachment and comment operations of a register's records, added to `paths`.
void add_attachment_operations(nlohmann::json& paths, const Description& d);

}  // namespace aims::records::openapi
