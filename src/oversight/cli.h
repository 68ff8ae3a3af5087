// `aims oversight metrics --system ID [--days N] [--json]` (a system's oversight metrics for a
// report or a check in a pipeline) and `aims oversight submit` (a decision submitted to the review
// queue, to try a plan from a shell before the production system calls the API).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::oversight {

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::oversight
