// The limits of one run: decompressed bytes, rows, gzip expansion, the duplicate-id spill's disk
// and time. Each failure says which limit was hit and which option raises it, whatever the thread
// count, and a log within every limit is unaffected.
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using testing::gzip;
using testing::score_label_config;

// Six bytes a row after the 12-byte header: "score,label\n" then "0.5,1\n" ...
std::string rows_of(size_t rows) {
  std::string log = "score,label\n";
  for (size_t i = 0; i < rows; ++i)
    log += i % 2 ? "0.5,1\n" : "0.3,0\n";
  return log;
}

Error run_error(const std::string& log, const RunOptions& options,
                const MonitorConfig& config = score_label_config()) {
  auto result = analyze(LogInput::memory(log), config, nullptr, options);
  EXPECT_FALSE(result.ok());
  return result ? Error{} : result.error();
}

TEST(Limits, ALogLargerThanTheByteLimitFails) {
  RunOptions options;
  options.max_log_bytes = 100;
  const std::string log = rows_of(20);  // 12 + 20 * 6 = 132 bytes
  const Error plain = run_error(log, options);
  EXPECT_EQ(plain.code, ErrorCode::too_large);
  EXPECT_EQ(plain.message,
            "the log is larger than 100 bytes, the limit for one run (raise it with "
            "--max-log-gib)");
  // The limit is on the bytes after decompression, however small the gzip is.
  const Error compressed = run_error(gzip(log), options);
  EXPECT_EQ(compressed.message,
            "the log is larger than 100 bytes once decompressed, the limit for one run (raise it "
            "with --max-log-gib)");
  options.max_log_bytes = 132;
  EXPECT_TRUE(analyze(LogInput::memory(log), score_label_config(), nullptr, options).ok());
}

TEST(Limits, ALogWithMoreRowsThanTheLimitFailsWhateverTheThreads) {
  const std::string log = rows_of(50);
  for (unsigned threads : {1u, 3u}) {
    for (size_t block_bytes : {size_t{7}, size_t{1} << 20}) {
      RunOptions options;
      options.threads = threads;
      options.block_bytes = block_bytes;
      options.max_rows = 49;
      const Error error = run_error(log, options);
      EXPECT_EQ(error.code, ErrorCode::too_large);
      EXPECT_EQ(error.message,
                "the log has more than 49 rows, the limit for one run (raise it with "
                "--max-log-rows)");
      options.max_rows = 50;
      auto result = analyze(LogInput::memory(log), score_label_config(), nullptr, options);
      ASSERT_TRUE(result.ok()) << result.error().message;
      EXPECT_EQ(result->rows, 50u);
    }
  }
}

TEST(Limits, AnErrorEarlierInTheLogWinsOverTheRowLimit) {
  // Line 3 holds the second row, which is malformed; the limit of 2 rows is passed on line 4.
  std::string log = rows_of(10);
  log.replace(log.find("0.5,1\n"), 6, "0.5,1,9\n");
  RunOptions options;
  options.block_bytes = 7;
  options.threads = 2;
  options.max_rows = 2;
  const Error error = run_error(log, options);
  EXPECT_EQ(error.code, ErrorCode::malformed);
  EXPECT_EQ(error.message.rfind("line 3:", 0), 0u) << error.message;
}

TEST(Limits, ReferenceProfilesHaveTheSameLimits) {
  RunOptions options;
  options.max_rows = 3;
  auto profile = build_profile(LogInput::memory(rows_of(4)), score_label_config(), options);
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().code, ErrorCode::too_large);
}

TEST(Limits, AGzipThatExpandsMoreThanTheRatioFailsPastTheFirst64MiB) {
  // 70 MiB of one repeated row compress about a thousandfold: past 64 MiB of output that is far
  // beyond the 100-fold default, and the run stops there instead of reading on.
  std::string bomb = "score,label\n";
  bomb.reserve(size_t{70} << 20);
  while (bomb.size() < (size_t{70} << 20))
    bomb += "0.5,1\n";
  const std::string compressed = gzip(bomb);
  ASSERT_LT(compressed.size() * 500, bomb.size());
  RunOptions options;
  options.threads = 2;
  const Error error = run_error(compressed, options);
  EXPECT_EQ(error.code, ErrorCode::too_large);
  EXPECT_EQ(error.message,
            "the gzip log expands more than 100-fold, as a decompression bomb does, the limit for "
            "one run (raise it with --max-gzip-ratio)");
  // Below 64 MiB of output a small log may compress as well as it likes: 1 MiB of it passes.
  const std::string small = gzip(bomb.substr(0, size_t{1} << 20));
  EXPECT_TRUE(analyze(LogInput::memory(small), score_label_config(), nullptr, options).ok());
}

TEST(Limits, TheDuplicateIdSpillStopsAtItsDiskBudget) {
  // 20 000 rows of one id: its partition holds 16 384 records in memory, then moves them to a file
  // (16 384 x 16 bytes = 256 KiB), which 1000 bytes of budget do not allow.
  std::string log = "id,score,label\n";
  for (int i = 0; i < 20000; ++i)
    log += "7,0.5,1\n";
  MonitorConfig config = score_label_config();
  config.columns.id = "id";
  RunOptions options;
  options.max_spill_bytes = 1000;
  const Error error = run_error(log, options, config);
  EXPECT_EQ(error.code, ErrorCode::too_large);
  EXPECT_EQ(error.message,
            "the duplicate-id check needs more than 1000 bytes of temporary disk, the limit for "
            "one run (raise it with --max-spill-gib)");
  // 300 000 bytes hold that one file (the 3 616 records left stay in memory): 19 999 duplicates.
  options.max_spill_bytes = 300000;
  auto result = analyze(LogInput::memory(log), config, nullptr, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->duplicates.duplicate_rows, 19999u);
}

TEST(Limits, ARunPastItsTimeLimitFailsSayingSo) {
  RunOptions options;
  options.time_limit = std::chrono::seconds(1);
  bool slept = false;
  options.on_progress = [&](uint64_t, uint64_t) {  // the first chunk takes 1.1 s
    if (!std::exchange(slept, true)) std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  };
  options.block_bytes = 64;
  const Error error = run_error(rows_of(100), options);
  EXPECT_EQ(error.code, ErrorCode::unavailable);
  EXPECT_EQ(error.message,
            "the run took longer than 1 s, the limit for one run (raise it with "
            "--run-time-limit)");
}

TEST(Limits, ErrorsNameAFileAsTheCallerNamesIt) {
  auto result = analyze(LogInput::file("/srv/aims/monitoring/7/logs/window.csv", "logs/window.csv"),
                        score_label_config(), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
  EXPECT_EQ(result.error().message, "no such log file: 'logs/window.csv'");
}

}  // namespace
}  // namespace aims::monitoring
