// The inventory's subcommands: `aims systems|models|datasets|suppliers
// list|show|add|import|export`.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::inventory {

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::inventory
