// The bytes of a log or dataset file as the record splitter reads them: hashed and counted as
// given, inflated when they start with gzip's magic bytes, and held to the run's limits.
#pragma once

#include <memory>
#include <optional>

#include "base/result.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/gzip_source.h"
#include "monitoring/engine/input_source.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

class DecodedInput {
 public:
  // Errors: those of InputSource::open.
  static Result<std::unique_ptr<DecodedInput>> open(const LogInput& input,
                                                    const RunOptions& options,
                                                    const RunClock& clock);
  DecodedInput(const DecodedInput&) = delete;
  DecodedInput& operator=(const DecodedInput&) = delete;

  ByteReader& decoded() { return *limited_; }
  InputSource& raw() { return *source_; }
  bool gzip() const { return gzip_.has_value(); }

 private:
  explicit DecodedInput(std::unique_ptr<InputSource> source) : source_(std::move(source)) {}

  std::unique_ptr<InputSource> source_;
  std::optional<GzipSource> gzip_;
  std::optional<LimitedReader> limited_;
};

}  // namespace aims::monitoring
