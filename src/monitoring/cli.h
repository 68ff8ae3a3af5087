// Monitoring's subcommands for automation (log ingestion, CI/CD gates): `aims monitor
// list|reference|run`.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::monitoring {

// Exit status of `aims monitor run --fail-on-breach` when a threshold was breached.
inline constexpr int kBreached = 4;

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::monitoring
