// `aims technical-file show --system ID [--model-version ID] [--json|--markdown]`: the technical
// file of an AI system as assembled now, for auditors; exit 0 when every section is complete, 4
// when one is not, 2 on a usage error.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::technical_file {

inline constexpr int kIncomplete = 4;

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::technical_file
