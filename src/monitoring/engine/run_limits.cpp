#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

namespace {

std::string bytes_text(uint64_t bytes) {
  constexpr uint64_t kMiB = uint64_t{1} << 20, kGiB = uint64_t{1} << 30;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Every limit's message says what was exceeded and which option of `aims serve` and
// `aims monitor run` raises it.
Error exceeded(ErrorCode code, const std::string& what, const char* option) {
  return {code, what + ", the limit for one run (raise it with --" + option + ")", {}};
}

}  // namespace

RunClock::RunClock(const RunOptions& options) : options_(options) {
  if (options.time_limit.count() > 0)
    deadline_ = std::chrono::steady_clock::now() + options.time_limit;
}

bool RunClock::stopped() const {
  return (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) ||
         (deadline_ && std::chrono::steady_clock::now() >= *deadline_);
}

Status RunClock::check() const {
  if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
    return Error::unavailable("the run was cancelled");
  }
  if (deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
    return exceeded(
        ErrorCode::unavailable,
        "the run took longer than " + std::to_string(options_.time_limit.count()) + " s",
        "run-time-limit");
  }
  return {};
}

LimitedReader::LimitedReader(ByteReader& decoded, const InputSource& raw, bool gzip,
                             const RunOptions& options, const RunClock& clock)
    : decoded_(decoded), raw_(raw), gzip_(gzip), options_(options), clock_(clock) {}

Result<size_t> LimitedReader::read(char* out, size_t capacity) {
  TRY(clock_.check());
  TRY_ASSIGN(const size_t n, decoded_.read(out, capacity));
  decoded_bytes_ += n;
  if (options_.max_log_bytes > 0 && decoded_bytes_ > options_.max_log_bytes) {
    return exceeded(ErrorCode::too_large,
                    "the log is larger than " + bytes_text(options_.max_log_bytes) +
                        (gzip_ ? " once decompressed" : ""),
                    "max-log-gib");
  }
  if (gzip_ && options_.max_gzip_ratio > 0 && decoded_bytes_ > kGzipRatioFloor &&
      decoded_bytes_ > options_.max_gzip_ratio * raw_.bytes_read()) {
    return exceeded(ErrorCode::too_large,
                    "the gzip log expands more than " + std::to_string(options_.max_gzip_ratio) +
                        "-fold, as a decompression bomb does",
                    "max-gzip-ratio");
  }
  return n;
}

Error too_many_rows(uint64_t limit) {
  return exceeded(ErrorCode::too_large, "the log has more than " + std::to_string(limit) + " rows",
                  "max-log-rows");
}

Error spill_too_large(uint64_t limit) {
  return exceeded(
      ErrorCode::too_large,
      "the duplicate-id check needs more than " + bytes_text(limit) + " of temporary disk",
      "max-spill-gib");
}

}  // namespace aims::monitoring
