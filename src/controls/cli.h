// `aims frameworks list|export|import`: the framework catalogs from a shell, as the API serves
// them.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::controls {

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::controls
