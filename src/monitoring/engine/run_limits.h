// The limits of one run (RunOptions): the cancel flag and time limit, and the caps on decompressed
// bytes, gzip expansion and rows. They are checked once per chunk read and once per block merged,
// so the parsers' inner loops never see them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/input_source.h"

namespace aims::monitoring {

// The time a run has, counted from its construction, and whether it was cancelled.
class RunClock {
 public:
  explicit RunClock(const RunOptions& options);

  // True once cancelled or past the time limit: work still queued need not be done.
  bool stopped() const;
  // Errors: unavailable ("the run was cancelled", or that it took longer than its time limit).
  Status check() const;

 private:
  const RunOptions& options_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

// The decoded log as the record splitter reads it, failing the read that takes it past
// RunOptions::max_log_bytes or, for gzip, RunOptions::max_gzip_ratio, or that finds the clock
// stopped.
class LimitedReader final : public ByteReader {
 public:
  LimitedReader(ByteReader& decoded, const InputSource& raw, bool gzip, const RunOptions& options,
                const RunClock& clock);

  Result<size_t> read(char* out, size_t capacity) override;

 private:
  ByteReader& decoded_;
  const InputSource& raw_;
  const bool gzip_;
  const RunOptions& options_;
  const RunClock& clock_;
  uint64_t decoded_bytes_ = 0;
};

// The gzip ratio is judged only past this much output: a small log may compress very well.
inline constexpr uint64_t kGzipRatioFloor = uint64_t{64} << 20;

// too_large: the log has more rows than RunOptions::max_rows.
Error too_many_rows(uint64_t limit);
// too_large: the duplicate-id check needs more disk than RunOptions::max_spill_bytes.
Error spill_too_large(uint64_t limit);

}  // namespace aims::monitoring
