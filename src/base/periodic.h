// Background work done at an interval (housekeeping, signing, schedules) on a thread of its own,
// stopped and joined when the owner goes away.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace aims {

class Periodic {
 public:
  // Runs `task` at once and then every `interval` until destruction. A task in progress finishes
  // before the destructor returns.
  Periodic(std::chrono::milliseconds interval, std::function<void()> task);
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aims
