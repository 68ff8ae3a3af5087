#include "monitoring/run_pool.h"

#include <algorithm>

#include <sys/resource.h>

namespace aims::monitoring {

namespace {

// Niceness added to the process's: on a busy machine the kernel gives requests the CPU first.
constexpr int kRunNiceness = 10;
constexpr int kMaxNiceness = 19;

// On Linux the nice value belongs to the calling thread, and threads it starts inherit it.
void lower_this_threads_priority() {
  const int current = ::getpriority(PRIO_PROCESS, 0);
  ::setpriority(PRIO_PROCESS, 0, std::min(current + kRunNiceness, kMaxNiceness));
}

size_t count_of(const std::map<int64_t, size_t>& counts, int64_t org) {
  const auto found = counts.find(org);
  return found == counts.end() ? 0 : found->second;
}

}  // namespace

RunPool::RunPool(RunPoolOptions options) : options_(std::move(options)) {
  options_.run.cancel = &stopping_;
  options_.run.time_limit = options_.time_limit;
  for (unsigned i = 0; i < std::max(options_.threads, 1u); ++i) {
    threads_.emplace_back([this] {
      lower_this_threads_priority();
      work();
    });
  }
}

RunPool::~RunPool() {
  stop();
}

Status RunPool::submit(int64_t org, Job job) {
  std::lock_guard lock(mutex_);
  if (stopping_) return Error::unavailable("monitoring runs are stopping with the server");
  const size_t active = count_of(active_, org);
  if (active >= options_.per_organisation) {
    return Error{ErrorCode::rate_limited,
                 "your organisation has " + std::to_string(active) +
                     " monitoring runs queued or in progress, the most it may have at once; "
                     "try again when one has finished",
                 {}};
  }
  if (queue_.size() >= options_.queue) {
    return Error::unavailable(std::to_string(queue_.size()) +
                              " monitoring runs are waiting, the most the server queues; try "
                              "again later");
  }
  ++active_[org];
  queue_.push_back({org, std::move(job)});
  queued_.notify_one();
  return {};
}

RunPool::Entry RunPool::take() {
  auto fewest_running = [this](const Entry& a, const Entry& b) {
    return count_of(running_, a.org) < count_of(running_, b.org);
  };
  // min_element keeps the first of equals: the oldest job among the least busy organisations.
  const auto chosen = std::min_element(queue_.begin(), queue_.end(), fewest_running);
  Entry entry = std::move(*chosen);
  queue_.erase(chosen);
  return entry;
}

void RunPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and every queued job has been handed out
    Entry entry = take();
    ++running_[entry.org];
    lock.unlock();
    entry.job(options_.run);
    lock.lock();
    if (--running_[entry.org] == 0) running_.erase(entry.org);
    if (--active_[entry.org] == 0) active_.erase(entry.org);
    if (queue_.empty() && running_.empty()) idle_.notify_all();
  }
}

void RunPool::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && running_.empty(); });
}

void RunPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  queued_.notify_all();
  for (auto& thread : threads_)
    thread.join();
}

}  // namespace aims::monitoring
