// Subcommands of every register: `aims <command> list|show|add|import|export|attach|attachments`.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "records/description.h"

namespace aims::records {

void register_cli(CLI::App& app, std::function<int()>& chosen, const Description& d);

}  // namespace aims::records
