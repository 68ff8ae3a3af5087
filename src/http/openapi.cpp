#include "http/openapi.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assets/assets.h"

namespace aims::http {
namespace {

// A malformed fragment is a build defect; the OpenAPI test catches it before release.
void merge(nlohmann::json& doc, const nlohmann::json& part) {
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

struct Document {
  std::mutex mutex;
  std::vector<std::string> fragments;  // added at start-up
  size_t built_with = SIZE_MAX;        // how many fragments `doc` includes
  nlohmann::json doc;
  std::string text;
};

Document& state() {
  static Document d;
  return d;
}

// Rebuilds the document when fragments were added since; returns it with the lock held.
const Document& current(std::unique_lock<std::mutex>& lock) {
  Document& d = state();
  lock = std::unique_lock(d.mutex);
  if (d.built_with == d.fragments.size()) return d;
  auto base = assets::find("http/openapi.json");
  if (!base) throw std::logic_error("http/openapi.json is not embedded");
  d.doc = nlohmann::json::parse(*base);
  for (const auto& asset : assets::all()) {
    if (!asset.path.ends_with("/openapi.json") || asset.path == "http/openapi.json") continue;
    merge(d.doc, nlohmann::json::parse(asset.data));
  }
  for (const auto& fragment : d.fragments)
    merge(d.doc, nlohmann::json::parse(fragment));
  d.text = d.doc.dump(2);
  d.built_with = d.fragments.size();
  return d;
}

}  // namespace

void add_openapi_fragment(std::string json_text) {
  Document& d = state();
  std::lock_guard lock(d.mutex);
  if (std::find(d.fragments.begin(), d.fragments.end(), json_text) == d.fragments.end()) {
    d.fragments.push_back(std::move(json_text));
  }
}

const std::string& openapi_document() {
  std::unique_lock<std::mutex> lock;
  return current(lock).text;
}

std::vector<std::pair<std::string, std::string>> openapi_operations() {
  std::vector<std::pair<std::string, std::string>> operations;
  std::unique_lock<std::mutex> lock;
  for (const auto& [path, item] : current(lock).doc["paths"].items()) {
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
