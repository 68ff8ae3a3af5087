#include "monitoring/engine/pipeline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "monitoring/engine/csv_reader.h"
#include "monitoring/engine/decoded_input.h"
#include "monitoring/engine/jsonl_reader.h"
#include "monitoring/engine/record_splitter.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

namespace {

constexpr unsigned kMaxThreads = 256;

// Reusable objects shared between threads; take() waits while none is free. Each item remembers
// the worker that last used it and take() prefers one of the caller's own: an accumulator's
// counters then stay in the cache of the core that fills them instead of moving between cores.
template <typename T>
class Pool {
 public:
  void put(std::unique_ptr<T> item, unsigned owner = 0) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back({std::move(item), owner});
    }
    available_.notify_one();
  }
  std::unique_ptr<T> take(unsigned owner = 0) {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !items_.empty(); });
    // The most recently returned of the caller's own, else the most recently returned.
    auto chosen = std::find_if(items_.rbegin(), items_.rend(),
                               [owner](const Item& item) { return item.owner == owner; });
    if (chosen == items_.rend()) chosen = items_.rbegin();
    auto item = std::move(chosen->item);
    items_.erase(std::next(chosen).base());
    return item;
  }

 private:
  struct Item {
    std::unique_ptr<T> item;
    unsigned owner = 0;
  };
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Item> items_;
};

// Blocks in log order, from the reading thread to the workers.
class BlockQueue {
 public:
  void push(std::unique_ptr<Block> block) {
    {
      std::lock_guard lock(mutex_);
      blocks_.push_back(std::move(block));
    }
    changed_.notify_one();
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }
  // nullptr once closed and drained.
  std::unique_ptr<Block> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return closed_ || !blocks_.empty(); });
    if (blocks_.empty()) return nullptr;
    auto block = std::move(blocks_.front());
    blocks_.pop_front();
    return block;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Block>> blocks_;
  bool closed_ = false;
};

// Keeps the error that comes first in the log, whichever thread finds it first.
class FirstError {
 public:
  void report(uint64_t block_index, Error error) {
    std::lock_guard lock(mutex_);
    if (error_ && block_index >= block_index_) return;
    error_ = std::move(error);
    block_index_ = block_index;
    limit_.store(block_index, std::memory_order_relaxed);
  }
  // Blocks after the first known error need no work: their result would be discarded.
  bool skips(uint64_t block_index) const {
    return block_index > limit_.load(std::memory_order_relaxed);
  }
  bool any() const { return limit_.load(std::memory_order_relaxed) != kNone; }
  std::optional<Error> take() {
    std::lock_guard lock(mutex_);
    return std::move(error_);
  }

 private:
  static constexpr uint64_t kNone = std::numeric_limits<uint64_t>::max();
  std::mutex mutex_;
  std::optional<Error> error_;
  uint64_t block_index_ = kNone;
  std::atomic<uint64_t> limit_{kNone};
};

// A parsed block waiting for its turn to be merged.
struct ParsedBlock {
  std::unique_ptr<BlockAccumulator> accumulator;
  unsigned worker = 0;
  uint64_t rows = 0;
};

// Merges finished blocks into the total in block order, counting rows against
// RunOptions::max_rows as it goes (in log order, so the outcome does not depend on threads).
class OrderedMerger {
 public:
  OrderedMerger(BlockAccumulator& total, Pool<BlockAccumulator>& pool, FirstError& errors,
                uint64_t max_rows)
      : total_(total), pool_(pool), errors_(errors), max_rows_(max_rows) {}

  // `block.worker` filled `block.accumulator`, which goes back to the pool as that worker's.
  void finish(uint64_t block_index, ParsedBlock block) {
    std::lock_guard lock(mutex_);
    ready_.emplace(block_index, std::move(block));
    for (auto next = ready_.find(next_); next != ready_.end(); next = ready_.find(next_)) {
      ParsedBlock& ready = next->second;
      rows_ += ready.rows;
      if (max_rows_ > 0 && rows_ > max_rows_) {
        errors_.report(next_, too_many_rows(max_rows_));
      } else if (auto status = ready.accumulator->merge_into(total_); !status) {
        errors_.report(next_, status.error());
      }
      pool_.put(std::move(ready.accumulator), ready.worker);
      ready_.erase(next);
      ++next_;
    }
  }

 private:
  BlockAccumulator& total_;
  Pool<BlockAccumulator>& pool_;
  FirstError& errors_;
  const uint64_t max_rows_;
  std::mutex mutex_;
  std::map<uint64_t, ParsedBlock> ready_;
  uint64_t next_ = 0;
  uint64_t rows_ = 0;
};

struct Workers {
  Pool<Block> blocks;
  Pool<BlockAccumulator> accumulators;
  BlockQueue queue;
  FirstError errors;
  std::atomic<uint64_t> rows{0};
};

void work(unsigned worker, Workers& shared, OrderedMerger& merger, BlockReader& reader,
          const RunClock& clock) {
  for (;;) {
    // The accumulator is taken before the block: the worker holding the oldest unmerged block
    // then always has one, so the ordered merge cannot starve.
    auto accumulator = shared.accumulators.take(worker);
    auto block = shared.queue.pop();
    if (block == nullptr) {
      shared.accumulators.put(std::move(accumulator), worker);
      return;
    }
    const uint64_t index = block->index;
    if (clock.stopped() || shared.errors.skips(index)) {
      shared.accumulators.put(std::move(accumulator), worker);
      shared.blocks.put(std::move(block));
      continue;
    }
    auto rows = reader.read(block->buffer.data() + block->begin, block->end - block->begin,
                            block->first_line, *accumulator);
    shared.blocks.put(std::move(block));
    if (!rows) {
      shared.errors.report(index, std::move(rows).error());
      shared.accumulators.put(std::move(accumulator), worker);
      continue;
    }
    shared.rows.fetch_add(*rows, std::memory_order_relaxed);
    merger.finish(index, {std::move(accumulator), worker, *rows});
  }
}

// Fills `block` with the first records of the log and settles its format. For CSV the header is
// taken off the front of the block, which may take several blocks when the log opens with blank
// lines. Returns the CSV column layout (empty for JSON Lines).
Result<std::vector<std::vector<uint16_t>>> read_first_block(RecordSplitter& splitter, Block& block,
                                                            const LogSchema& schema) {
  for (;;) {
    TRY_ASSIGN(auto more, splitter.next(block));
    if (!more) return Error::malformed("the log is empty");
    if (splitter.format() != LogFormat::csv) return std::vector<std::vector<uint16_t>>();
    TRY_ASSIGN(auto header, read_csv_header(block.buffer.data() + block.begin,
                                            block.end - block.begin, block.first_line, schema));
    if (!header) continue;  // blank lines only
    block.begin += header->bytes;
    block.first_line += header->lines;
    return std::move(header->slots_of_column);
  }
}

}  // namespace

unsigned worker_threads(const RunOptions& options) {
  unsigned threads = options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return std::min(threads, kMaxThreads);
}

Result<PassSummary> run_pass(const LogInput& input, const LogSchema& schema,
                             const RunOptions& options, const RunClock& clock,
                             const AccumulatorFactory& make_accumulator, BlockAccumulator& total) {
  TRY_ASSIGN(auto decoded, DecodedInput::open(input, options, clock));
  PassSummary summary;
  summary.gzip = decoded->gzip();
  RecordSplitter splitter(decoded->decoded(), options.format, options.block_bytes);

  auto first = std::make_unique<Block>();
  TRY_ASSIGN(const std::vector<std::vector<uint16_t>> csv_columns,
             read_first_block(splitter, *first, schema));
  summary.format = splitter.format();

  // Reading one block ahead tells whether the log fits in the first: then this thread parses it,
  // as starting workers would cost more than the parse.
  auto block = std::make_unique<Block>();
  Result<bool> more = splitter.next(*block);
  const unsigned threads = more && !*more ? 0 : worker_threads(options);
  Workers shared;
  for (unsigned i = 0; i < threads; ++i)
    shared.blocks.put(std::make_unique<Block>());
  for (unsigned i = 0; i < threads + 2; ++i)
    shared.accumulators.put(make_accumulator());
  OrderedMerger merger(total, shared.accumulators, shared.errors, options.max_rows);
  const auto make_reader = [&]() -> std::unique_ptr<BlockReader> {
    if (summary.format == LogFormat::csv) {
      return std::make_unique<CsvReader>(csv_columns, schema.slots().size());
    }
    return std::make_unique<JsonlReader>(schema);
  };

  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) {
    pool.emplace_back([i, &shared, &merger, &clock, reader = make_reader()] {
      work(i, shared, merger, *reader, clock);
    });
  }

  shared.queue.push(std::move(first));
  for (uint64_t index = 1; !shared.errors.any(); ++index) {
    if (!more) {
      shared.errors.report(index, std::move(more).error());
      break;
    }
    if (!*more) break;
    block->index = index;
    shared.queue.push(std::move(block));
    block = shared.blocks.take();
    more = splitter.next(*block);
  }
  shared.queue.close();
  if (threads == 0) work(0, shared, merger, *make_reader(), clock);
  for (auto& thread : pool)
    thread.join();

  // Workers skip blocks once the clock stops, so a stopped run has nothing whole to return.
  TRY(clock.check());
  if (auto error = shared.errors.take()) return std::move(*error);
  summary.rows = shared.rows.load();
  if (summary.rows == 0) return Error::malformed("the log holds no records");
  TRY_ASSIGN(summary.sha256, decoded->raw().finish_sha256());
  summary.input_bytes = decoded->raw().bytes_read();
  return summary;
}

}  // namespace aims::monitoring
