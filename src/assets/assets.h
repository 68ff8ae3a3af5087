// Files compiled into the binary (templates, migrations, CSS, OpenAPI fragments), by path below
// src/.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace aims::assets {

struct Asset {
  std::string_view path;  // e.g. "web/templates/layout.mustache"
  std::string_view data;
};

// Every embedded file, sorted by path. Generated at build time by cmake/embed_assets.cmake.
const std::vector<Asset>& all();

// The file at exactly `path`, or nullopt.
std::optional<std::string_view> find(std::string_view path);

// Every file whose path starts with `prefix`, in path order.
std::vector<Asset> under(std::string_view prefix);

}  // namespace aims::assets
