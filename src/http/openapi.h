// The OpenAPI 3.1 document of the JSON API, assembled from http/openapi.json (shared parts) and
// each module's <module>/openapi.json (its paths and schemas).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aims::http {

// The whole document as JSON text (built once).
const std::string& openapi_document();
// Every (METHOD, path) operation the document describes, e.g. ("GET", "/api/v1/users/{id}").
std::vector<std::pair<std::string, std::string>> openapi_operations();

}  // namespace aims::http
