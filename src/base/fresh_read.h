// One read shared by the callers that wait for it together, without ever giving a caller a value
// read before it asked: every caller gets the result of a read that started after its call.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "base/result.h"

namespace aims {

// A check that must see every change committed before a request arrived (a revoked credential)
// cannot reuse a value read earlier; but requests that arrive while a read is under way can all
// take the next one, so under load one round trip answers many requests.
template <typename T>
class FreshRead {
 public:
  Result<T> get(const std::function<Result<T>()>& read) {
    std::unique_lock lock(mutex_);
    const uint64_t needed = started_ + 1;  // the first read to start after this call
    while (finished_ < needed) {
      if (in_flight_) {
        finished_changed_.wait(lock);
        continue;
      }
      const uint64_t mine = ++started_;
      in_flight_ = true;
      lock.unlock();
      std::optional<Result<T>> value;
      try {
        value.emplace(read());
      } catch (...) {
        // A read that throws is a bug, but it must not leave every later caller waiting for it.
        lock.lock();
        in_flight_ = false;
        finished_changed_.notify_all();
        throw;
      }
      lock.lock();
      in_flight_ = false;
      finished_ = mine;
      last_ = std::move(value);
      finished_changed_.notify_all();
    }
    return *last_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable finished_changed_;
  uint64_t started_ = 0;   // reads started so far
  uint64_t finished_ = 0;  // the number of the last read finished
  bool in_flight_ = false;
  std::optional<Result<T>> last_;  // what read number `finished_` returned
};

}  // namespace aims
