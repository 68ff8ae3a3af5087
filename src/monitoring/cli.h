// Monitoring's subcommands for automation (log ingestion, CI/CD gates): `aims monitor
// list|reference|run`, and the options `aims serve` takes for its monitoring runs.
#pragma once

#include <cstdint>
#include <functional>

#include <CLI/CLI.hpp>

#include "monitoring/engine/engine.h"
#include "monitoring/run_pool.h"

namespace aims::monitoring {

// Exit status of `aims monitor run --fail-on-breach` when a threshold was breached.
inline constexpr int kBreached = 4;

void register_cli(CLI::App& app, std::function<int()>& chosen);

// The limits of RunOptions as command-line options, the engine's defaults by default (in GiB
// where RunOptions counts bytes; 0 turns a limit off). The engine's messages name these options.
struct RunLimitArgs {
  uint64_t log_gib = RunOptions{}.max_log_bytes >> 30;
  uint64_t rows = RunOptions{}.max_rows;
  uint64_t spill_gib = RunOptions{}.max_spill_bytes >> 30;
  uint64_t gzip_ratio = RunOptions{}.max_gzip_ratio;
  int64_t time_limit_seconds = RunOptions{}.time_limit.count();

  void apply_to(RunOptions& options) const;
};
void add_run_limit_options(CLI::App& command, RunLimitArgs& args);

// `aims serve`'s monitoring RunPool as command-line options, its runs' limits included.
struct RunPoolArgs {
  RunLimitArgs limits;
  unsigned threads = RunPoolOptions{}.threads;
  size_t queue = RunPoolOptions{}.queue;
  size_t per_organisation = RunPoolOptions{}.per_organisation;

  RunPoolArgs() { limits.time_limit_seconds = RunPoolOptions{}.time_limit.count(); }
  RunPoolOptions options() const;
};
void add_run_pool_options(CLI::App& serve, RunPoolArgs& args);

}  // namespace aims::monitoring
