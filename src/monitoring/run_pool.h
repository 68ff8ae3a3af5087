// Monitoring runs apart from the HTTP workers: a few threads of their own, a bounded queue, a cap
// on what one organisation may have queued or running, and the engine limits every run is held to.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

struct RunPoolOptions {
  // Runs at once. Each run already uses every core (RunOptions::threads), so more only share them.
  unsigned threads = 2;
  // Runs waiting for a thread, over all organisations.
  size_t queue = 32;
  // Runs one organisation may have queued or running.
  size_t per_organisation = 2;
  // How long one run may take: a log at every limit of RunOptions takes about four CPU-minutes
  // at the engine's speed, so this leaves room for a slower or busier server.
  std::chrono::seconds time_limit{15 * 60};
  // The engine options of every run: its limits and threads. Its `cancel` and `time_limit` are
  // set by the pool.
  RunOptions run;
};

class RunPool {
 public:
  // A job runs the engine with `options`: the pool's RunOptions, whose cancel flag is set once
  // the pool stops. The job reports its own outcome (it logs it, or answers a request).
  using Job = std::function<void(const RunOptions& options)>;

  // Starts the threads, at a lower CPU priority than the rest of the process (Linux keeps one per
  // thread, and the engine's workers inherit it), so requests stay quick while logs are read.
  explicit RunPool(RunPoolOptions options);
  ~RunPool();
  RunPool(const RunPool&) = delete;
  RunPool& operator=(const RunPool&) = delete;

  // Queues `job` for organisation `org`; among organisations, the next job taken is the oldest of
  // one with the fewest runs in progress. Errors: rate_limited (the organisation has
  // per_organisation runs queued or running; the message says how many), unavailable (the queue
  // is full, or the pool has stopped).
  Status submit(int64_t org, Job job);

  // Returns once no job is queued or running.
  void wait_idle();

  // Refuses new jobs and sets the cancel flag: running jobs stop at their next check, and the
  // jobs still queued run at once with the flag set, so each fails through its own error path
  // instead of vanishing. Returns when all have finished; later calls do nothing.
  void stop();

 private:
  struct Entry {
    int64_t org = 0;
    Job job;
  };

  void work();
  // The next job to run; call with mutex_ held and queue_ not empty.
  Entry take();

  RunPoolOptions options_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable idle_;
  std::deque<Entry> queue_;
  std::map<int64_t, size_t> running_;  // by organisation
  std::map<int64_t, size_t> active_;   // queued or running, by organisation
  std::vector<std::thread> threads_;
};

}  // namespace aims::monitoring
