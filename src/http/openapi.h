// The OpenAPI 3.1 document of the JSON API, assembled from http/openapi.json (shared parts) and
// each module's <module>/openapi.json (its paths and schemas).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aims::http {

// Adds a fragment built at start-up ({"paths": ..., "components": {"schemas": ...}}), such as the
// operations the records platform generates from register descriptions. Call before serving.
void add_openapi_fragment(std::string json_text);

// The whole document as JSON text (rebuilt only when a fragment was added since).
const std::string& openapi_document();
// Every (METHOD, path) operation the document describes, e.g. ("GET", "/api/v1/users/{id}").
std::vector<std::pair<std::string, std::string>> openapi_operations();

}  // namespace aims::http
