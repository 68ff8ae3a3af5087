#include "http/openapi.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assets/assets.h"

namespace aims::http {
namespace {

nlohmann::json build() {
  auto base = assets::find("http/openapi.json");
  if (!base) throw std::logic_error("http/openapi.json is not embedded");
  nlohmann::json doc = nlohmann::json::parse(*base);
  for (const auto& asset : assets::all()) {
    if (!asset.path.ends_with("/openapi.json") || asset.path == "http/openapi.json") continue;
    // A malformed fragment is a build defect; the OpenAPI test catches it before release.
    nlohmann::json part = nlohmann::json::parse(asset.data);
    const nlohmann::json paths = part.value("paths", nlohmann::json::object());
    for (const auto& [path, item] : paths.items()) {
      for (const auto& [method, operation] : item.items())
        doc["paths"][path][method] = operation;
    }
    const nlohmann::json components = part.value("components", nlohmann::json::object());
    const nlohmann::json schemas = components.value("schemas", nlohmann::json::object());
    for (const auto& [name, schema] : schemas.items())
      doc["components"]["schemas"][name] = schema;
  }
  return doc;
}

const nlohmann::json& document() {
  static const nlohmann::json doc = build();
  return doc;
}

}  // namespace

const std::string& openapi_document() {
  static const std::string text = document().dump(2);
  return text;
}

std::vector<std::pair<std::string, std::string>> openapi_operations() {
  std::vector<std::pair<std::string, std::string>> operations;
  for (const auto& [path, item] : document()["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      std::string upper = method;
      for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.emplace_back(upper, path);
    }
  }
  return operations;
}

}  // namespace aims::http
