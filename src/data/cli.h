// `aims dataset-versions hash --id N FILE`: a version's file hashed and profiled by aims from a
// shell, as the content upload does on the version's page and API.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::data {

// Adds `hash` to the `dataset-versions` subcommand the records platform registered (call after it).
void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::data
