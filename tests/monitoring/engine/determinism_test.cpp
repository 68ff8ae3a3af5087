// Results must not depend on the number of threads: blocks are merged in log order, so even
// floating-point sums come out bit-identical.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

// A log with every column kind, some missing values and repeated ids, from a fixed seed.
std::string synthetic_log(int rows, uint64_t seed, double shift) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal(10 + shift, 3);
  std::uniform_real_distribution<double> uniform(0, 1);
  const char* groups[] = {"north", "south", "east", "west", ""};
  const char* colours[] = {"red", "green", "blue", "teal"};
  std::string log = "id,ts,score,label,group,x,c\n";
  for (int i = 0; i < rows; ++i) {
    const double score = uniform(random);
    log += "id" + std::to_string(random() % (rows - rows / 20)) + ",2026-05-" +
           std::to_string(1 + i % 28) + "T10:00:00Z," + std::to_string(score) + "," +
           (uniform(random) < score ? "1" : "0") + "," + groups[random() % 5] + "," +
           (random() % 50 == 0 ? "" : std::to_string(normal(random))) + "," +
           colours[random() % 4] + "\n";
  }
  return log;
}

TEST(Determinism, ResultsAreIdenticalForAnyThreadCount) {
  const std::string reference = synthetic_log(4000, 1, 0);
  const std::string current = synthetic_log(6000, 2, 0.5);
  RunOptions options;
  options.block_bytes = 8 << 10;  // about 30 blocks
  std::string first_profile;
  std::string first_result;
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    SCOPED_TRACE(threads);
    options.threads = threads;
    auto profile =
        build_profile(LogInput::memory(reference), testing::classification_config(), options);
    ASSERT_TRUE(profile);
    auto result =
        analyze(LogInput::memory(current), testing::classification_config(), &*profile, options);
    ASSERT_TRUE(result);
    if (threads == 1) {
      first_profile = to_json(*profile);
      first_result = to_json(*result);
      continue;
    }
    EXPECT_EQ(to_json(*profile), first_profile);
    EXPECT_EQ(to_json(*result), first_result);
  }
}

TEST(Determinism, BlockSizeChangesOnlyRoundingOfSums) {
  const std::string log = synthetic_log(5000, 3, 0);
  RunOptions small;
  small.block_bytes = 4 << 10;
  const RunResult a = testing::analyze_ok(log, testing::classification_config(), nullptr, small);
  const RunResult b = testing::analyze_ok(log, testing::classification_config());
  ASSERT_EQ(a.samples.size(), b.samples.size());
  for (size_t i = 0; i < a.samples.size(); ++i) {
    EXPECT_EQ(a.samples[i].value.count, b.samples[i].value.count) << a.samples[i].key;
    if (b.samples[i].value.value) {
      testing::expect_value(a.samples[i].value, *b.samples[i].value.value, 1e-12);
    }
  }
  EXPECT_EQ(a.duplicates.duplicate_rows, b.duplicates.duplicate_rows);
}

}  // namespace
}  // namespace aims::monitoring
