#include "base/fresh_read.h"

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace aims {
namespace {

TEST(FreshReadTest, EachCallAloneReadsAgain) {
  FreshRead<int64_t> shared;
  int64_t reads = 0;
  auto read = [&]() -> Result<int64_t> { return ++reads; };
  EXPECT_EQ(shared.get(read).value(), 1);
  EXPECT_EQ(shared.get(read).value(), 2);
  EXPECT_EQ(shared.get(read).value(), 3);
}

// Three callers arrive while read 1 is under way: none of them may take its value (it may
// predate a change committed just before they arrived), and all three share read 2.
TEST(FreshReadTest, CallersArrivingDuringAReadShareTheNextOneAndNeverTheCurrent) {
  FreshRead<int64_t> shared;
  std::atomic<int64_t> reads = 0;
  std::promise<void> gate;
  std::shared_future<void> opened = gate.get_future().share();
  auto read = [&]() -> Result<int64_t> {
    const int64_t number = ++reads;
    if (number == 1) opened.wait();
    return number;
  };
  auto first = std::async(std::launch::async, [&] { return shared.get(read).value(); });
  while (reads.load() == 0)
    std::this_thread::yield();
  std::vector<std::future<int64_t>> later;
  for (int i = 0; i < 3; ++i)
    later.push_back(std::async(std::launch::async, [&] { return shared.get(read).value(); }));
  // Time for the three to start waiting; were one late, it would only read again, never older.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  gate.set_value();
  EXPECT_EQ(first.get(), 1);
  for (auto& f : later)
    EXPECT_EQ(f.get(), 2);
  EXPECT_EQ(reads.load(), 2);
}

TEST(FreshReadTest, AFailedReadIsEveryWaitersAnswer) {
  FreshRead<int64_t> shared;
  auto failing = []() -> Result<int64_t> { return Error::unavailable("database down"); };
  auto answer = shared.get(failing);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::unavailable);
  EXPECT_EQ(shared.get([]() -> Result<int64_t> { return 7; }).value(), 7) << "then reads again";
}

TEST(FreshReadTest, AReadThatThrowsDoesNotLeaveTheNextCallerWaiting) {
  FreshRead<int64_t> shared;
  auto throwing = []() -> Result<int64_t> { throw std::logic_error("a bug in the read"); };
  EXPECT_THROW((void)shared.get(throwing), std::logic_error);
  auto next = std::async(std::launch::async,
                         [&] { return shared.get([]() -> Result<int64_t> { return 5; }).value(); });
  ASSERT_EQ(next.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(next.get(), 5);
}

}  // namespace
}  // namespace aims
