#include <map>
#include <stdexcept>

#include <kainjow/mustache.hpp>

#include "assets/assets.h"
#include "web/web.h"

namespace aims::web {
namespace {

namespace mustache = kainjow::mustache;

mustache::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, item] : value.items())
        object.set(key, to_data(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value)
        list.push_back(to_data(item));
      return list;
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data(value.get<bool>() ? mustache::data::type::bool_true
                                              : mustache::data::type::bool_false);
    case nlohmann::json::value_t::string:
      // An empty string is falsy, as in most mustache implementations, so {{#note}} hides an
      // empty note; as a variable it still prints nothing.
      if (value.get_ref<const std::string&>().empty()) {
        return mustache::data(mustache::data::type::bool_false);
      }
      return mustache::data(value.get<std::string>());
    case nlohmann::json::value_t::null:
      return mustache::data(mustache::data::type::bool_false);
    default:
      return mustache::data(value.dump());
  }
}

std::string template_text(std::string_view path) {
  auto text = assets::find(path);
  if (!text) throw std::logic_error("template not embedded: " + std::string(path));
  return std::string(*text);
}

// Parsed templates, per thread: kainjow's render is not const, so threads do not share them.
mustache::mustache& compiled(std::string_view path) {
  thread_local std::map<std::string, mustache::mustache, std::less<>> cache;
  auto it = cache.find(path);
  if (it == cache.end()) {
    it = cache.emplace(std::string(path), mustache::mustache(template_text(path))).first;
    if (!it->second.is_valid()) {
      throw std::logic_error("template " + std::string(path) + ": " + it->second.error_message());
    }
  }
  return it->second;
}

}  // namespace

std::string render(std::string_view path, const nlohmann::json& view) {
  mustache::data data = to_data(view);
  // Partials of every module: <module>/templates/partials/<name>.mustache, named <name>.
  for (const auto& asset : assets::all()) {
    const auto at = asset.path.find("/templates/partials/");
    if (at == std::string_view::npos) continue;
    std::string name(asset.path.substr(at + 20));
    name = name.substr(0, name.find('.'));
    std::string text(asset.data);
    data.set(name, mustache::partial([text] { return text; }));
  }
  return compiled(path).render(data);
}

}  // namespace aims::web
