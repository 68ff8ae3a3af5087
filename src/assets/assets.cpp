#include "assets/assets.h"

namespace aims::assets {

std::optional<std::string_view> find(std::string_view path) {
  for (const auto& asset : all()) {
    if (asset.path == path) return asset.data;
  }
  return std::nullopt;
}

std::vector<Asset> under(std::string_view prefix) {
  std::vector<Asset> found;
  for (const auto& asset : all()) {
    if (asset.path.substr(0, prefix.size()) == prefix) found.push_back(asset);
  }
  return found;
}

}  // namespace aims::assets
