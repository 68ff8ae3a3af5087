// The pool monitoring runs use: jobs get the pool's limits, one organisation cannot take more
// than its share, a full queue says so, organisations take turns, and stopping the pool tells
// every job, running or queued, instead of dropping it.
#include "monitoring/run_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sys/resource.h>

namespace aims::monitoring {
namespace {

using namespace std::chrono_literals;

// A job that blocks until released, and says when it has started.
class Gate {
 public:
  RunPool::Job job() {
    return [this](const RunOptions& options) {
      ++started_;
      while (!open_ && !options.cancel->load())
        std::this_thread::sleep_for(1ms);
    };
  }
  void wait_started(int n) const {
    while (started_ < n)
      std::this_thread::sleep_for(1ms);
  }
  void open() { open_ = true; }

 private:
  std::atomic<int> started_{0};
  std::atomic<bool> open_{false};
};

RunPoolOptions options_of(unsigned threads, size_t per_organisation, size_t queue = 32) {
  RunPoolOptions options;
  options.threads = threads;
  options.per_organisation = per_organisation;
  options.queue = queue;
  return options;
}

TEST(RunPool, JobsRunWithThePoolsLimitsAndTimeLimit) {
  RunPoolOptions options;
  options.run.max_rows = 7;
  options.time_limit = 42s;
  RunOptions seen;
  RunPool pool(options);
  ASSERT_TRUE(pool.submit(1, [&](const RunOptions& run) { seen = run; }));
  pool.wait_idle();
  EXPECT_EQ(seen.max_rows, 7u);
  EXPECT_EQ(seen.time_limit, 42s);
  ASSERT_NE(seen.cancel, nullptr);
  EXPECT_FALSE(seen.cancel->load());
}

TEST(RunPool, AnOrganisationPastItsShareIsToldHowManyItHas) {
  Gate gate;  // outlives the pool, whose jobs use it
  RunPool pool(options_of(1, 2));
  ASSERT_TRUE(pool.submit(1, gate.job()));  // running
  ASSERT_TRUE(pool.submit(1, gate.job()));  // queued
  const Status third = pool.submit(1, gate.job());
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(third.error().message,
            "your organisation has 2 monitoring runs queued or in progress, the most it may have "
            "at once; try again when one has finished");
  EXPECT_TRUE(pool.submit(2, gate.job())) << "another organisation still gets its turn";
  gate.open();
  pool.wait_idle();
  EXPECT_TRUE(pool.submit(1, gate.job())) << "finished runs no longer count";
}

TEST(RunPool, AFullQueueRefusesNewRuns) {
  Gate gate;
  RunPool pool(options_of(1, 10, 1));
  ASSERT_TRUE(pool.submit(1, gate.job()));
  gate.wait_started(1);
  ASSERT_TRUE(pool.submit(2, gate.job()));
  const Status refused = pool.submit(3, gate.job());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_EQ(refused.error().message,
            "1 monitoring runs are waiting, the most the server queues; try again later");
  gate.open();
}

TEST(RunPool, AnOrganisationWithoutRunsInProgressGoesFirst) {
  Gate first, second;
  std::mutex mutex;
  std::vector<int> order;
  RunPool pool(options_of(2, 4));
  ASSERT_TRUE(pool.submit(1, first.job()));
  ASSERT_TRUE(pool.submit(1, second.job()));
  first.wait_started(1);
  second.wait_started(1);
  // Both threads busy with organisation 1; its third run was queued before organisation 2's.
  auto record = [&](int org) {
    return [&, org](const RunOptions&) {
      std::lock_guard lock(mutex);
      order.push_back(org);
    };
  };
  ASSERT_TRUE(pool.submit(1, record(1)));
  ASSERT_TRUE(pool.submit(2, record(2)));
  first.open();  // a thread frees up while organisation 1 still has a run in progress
  std::this_thread::sleep_for(50ms);
  second.open();
  pool.wait_idle();
  EXPECT_EQ(order, (std::vector<int>{2, 1}));
}

TEST(RunPool, StoppingCancelsRunningJobsAndTellsQueuedOnes) {
  Gate running;
  std::atomic<bool> queued_saw_cancel{false};
  RunPool pool(options_of(1, 5));
  ASSERT_TRUE(pool.submit(1, running.job()));  // returns only once cancelled
  running.wait_started(1);
  ASSERT_TRUE(
      pool.submit(1, [&](const RunOptions& run) { queued_saw_cancel = run.cancel->load(); }));
  pool.stop();
  EXPECT_TRUE(queued_saw_cancel) << "the queued job ran, cancelled, rather than vanishing";
  const Status late = pool.submit(1, running.job());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::unavailable);
}

TEST(RunPool, RunsAtALowerCpuPriorityThanTheProcess) {
  const int process = ::getpriority(PRIO_PROCESS, 0);
  std::atomic<int> job_priority{-100}, engine_thread_priority{-100};
  RunPool pool(RunPoolOptions{});
  ASSERT_TRUE(pool.submit(1, [&](const RunOptions&) {
    job_priority = ::getpriority(PRIO_PROCESS, 0);
    // The engine's workers are started from the job's thread and inherit its priority.
    std::thread([&] { engine_thread_priority = ::getpriority(PRIO_PROCESS, 0); }).join();
  }));
  pool.wait_idle();
  EXPECT_EQ(job_priority, std::min(process + 10, 19));
  EXPECT_EQ(engine_thread_priority, job_priority.load());
}

}  // namespace
}  // namespace aims::monitoring
