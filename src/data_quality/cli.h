// `aims data-quality run --dataset ID FILE`: a dataset file checked against the dataset's
// requirements from a pipeline, the run stored as evidence; exit 4 when a requirement is not met.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace aims::data_quality {

// Exit status when a requirement is not met (as `aims monitor run --fail-on-breach`).
inline constexpr int kNotMet = 4;

void register_cli(CLI::App& app, std::function<int()>& chosen);

}  // namespace aims::data_quality
