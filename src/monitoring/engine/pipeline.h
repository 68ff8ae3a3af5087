// One pass over a log. The calling thread reads, hashes and decompresses the input and cuts it into
// blocks of whole records; worker threads parse blocks into accumulators, which are merged into the
// total strictly in block order. Block boundaries depend only on the input and the block size, so
// floating-point sums come out bit-identical whatever the thread count.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/log_schema.h"
#include "monitoring/engine/row.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

// What a worker fills from one block.
class BlockAccumulator : public RowSink {
 public:
  // Adds this block's state to `total` (an accumulator of the same type) and clears this one so it
  // can take the next block.
  virtual Status merge_into(BlockAccumulator& total) = 0;
};

using AccumulatorFactory = std::function<std::unique_ptr<BlockAccumulator>()>;

struct PassSummary {
  std::string sha256;
  uint64_t input_bytes = 0;
  bool gzip = false;
  LogFormat format = LogFormat::csv;
  uint64_t rows = 0;
};

// RunOptions::threads, with 0 resolved to the number of cores.
unsigned worker_threads(const RunOptions& options);

// Reads every record of `input` into `total`, within the limits of `options` and `clock`.
// Errors: those of the input and readers (the first problem in log order wins), malformed when
// the log holds no records, those of the limits (run_limits.h).
Result<PassSummary> run_pass(const LogInput& input, const LogSchema& schema,
                             const RunOptions& options, const RunClock& clock,
                             const AccumulatorFactory& make_accumulator, BlockAccumulator& total);

}  // namespace aims::monitoring
