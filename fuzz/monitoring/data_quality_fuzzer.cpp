// libFuzzer target for the data-quality pass: every input (CSV or JSON Lines, the first byte
// choosing) is measured against one requirement of each kind without crashing, and a file without
// malformed rows gives the same report whatever the block size (a malformed row's resynchronising
// may see different lines around a block boundary, so those inputs are only required to survive).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "monitoring/engine/data_quality.h"

namespace {

using namespace aims::monitoring;

const std::vector<QualityRequirement>& requirements() {
  static const std::vector<QualityRequirement> all = {
      {.key = "c", .kind = QualityKind::completeness, .columns = {"a", "b"}, .threshold = 0.9},
      {.key = "d", .kind = QualityKind::duplicates, .threshold = 0.1},
      {.key = "l",
       .kind = QualityKind::label_consistency,
       .label_column = "label",
       .threshold = 0.1},
      {.key = "v", .kind = QualityKind::value_range, .columns = {"a"}, .min = 0, .max = 100},
      {.key = "r",
       .kind = QualityKind::representativeness,
       .group_column = "g",
       .targets = {{"x", 0.5}, {"y", 0.3}}},
  };
  return all;
}

std::optional<QualityReport> measure(std::string_view file, LogFormat format, size_t block_bytes) {
  RunOptions options;
  options.format = format;
  options.block_bytes = block_bytes;
  auto report = evaluate_quality(LogInput::memory(file), requirements(), options);
  if (!report) return std::nullopt;
  return std::move(*report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const LogFormat format = data[0] % 2 == 0 ? LogFormat::csv : LogFormat::jsonl;
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto large = measure(file, format, size_t{1} << 20);
  const auto small = measure(file, format, 61);
  if (large.has_value() != small.has_value()) std::abort();
  if (large && large->malformed_rows == 0 && small->malformed_rows == 0 &&
      to_json(*large) != to_json(*small)) {
    std::abort();
  }
  return 0;
}
