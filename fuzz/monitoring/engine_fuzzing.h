// What both log-reader fuzzers check on every input: the whole engine survives it, and cutting the
// log into tiny blocks changes neither the outcome nor, on failure, the error reported.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "monitoring/engine/engine.h"

namespace aims::monitoring::fuzzing {

// Columns the fuzzers' seed corpora use; anything else in the input is ignored or refused.
inline MonitorConfig fuzz_config() {
  MonitorConfig config;
  config.columns.id = "id";
  config.columns.timestamp = "ts";
  config.columns.score = "score";
  config.columns.label = "label";
  config.columns.sensitive_attributes = {"g"};
  config.columns.features = {{"x", ColumnKind::numeric}, {"c", ColumnKind::categorical}};
  config.min_group_size = 1;
  return config;
}

inline std::string outcome(std::string_view log, LogFormat format, size_t block_bytes,
                           unsigned threads) {
  RunOptions options;
  options.format = format;
  options.block_bytes = block_bytes;
  options.threads = threads;
  auto result = analyze(LogInput::memory(log), fuzz_config(), nullptr, options);
  if (!result) return "error: " + result.error().message;
  return "rows: " + std::to_string(result->rows);
}

inline void check_block_size_independence(const uint8_t* data, size_t size, LogFormat format) {
  const std::string_view log(reinterpret_cast<const char*>(data), size);
  if (outcome(log, format, size_t{1} << 20, 1) != outcome(log, format, 61, 2)) std::abort();
}

}  // namespace aims::monitoring::fuzzing
