// Data quality: missing values, type errors, reference range, duplicate ids and conflicting labels.
#include <map>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "base/time.h"
#include "monitoring/engine/engine_test_support.h"
#include "monitoring/engine/id_spill.h"

namespace aims::monitoring {
namespace {

using testing::analyze_ok;
using testing::expect_undefined;
using testing::expect_value;
using testing::quality_of;

TEST(Quality, MissingAndTypeErrorsPerColumn) {
  // Six rows. x: "" and "abc" (2 of 6); c: "" (1 of 6); ts: "" missing and "yesterday" invalid.
  const std::string log =
      "id,ts,score,label,group,x,c\n"
      "1,2026-03-01T10:00:00Z,0.9,1,a,1.5,red\n"
      "2,,0.2,0,a,,blue\n"
      "3,yesterday,0.7,0,b,abc,red\n"
      "4,2026-03-02,0.4,1,b,2,\n"
      "5,2026-02-28T23:00:00+02:00,0.5,1,,3,red\n"
      "6,2026-03-01T12:00:00Z,,1,a,4,red\n";
  const RunResult result = analyze_ok(log, testing::classification_config());
  const ColumnQuality& x = quality_of(result, "x", "feature");
  EXPECT_EQ(x.missing, 1u);
  EXPECT_EQ(x.type_errors, 1u);
  expect_value(x.missing_share, 1.0 / 6);
  expect_value(x.type_error_share, 1.0 / 6);
  expect_value(quality_of(result, "c", "feature").missing_share, 1.0 / 6);
  expect_value(quality_of(result, "score", "score").missing_share, 1.0 / 6);
  expect_value(quality_of(result, "group", "sensitive").missing_share, 1.0 / 6);
  const ColumnQuality& ts = quality_of(result, "ts", "timestamp");
  EXPECT_EQ(ts.missing, 1u);
  EXPECT_EQ(ts.type_errors, 1u);
  // Time window over the valid timestamps; 23:00+02:00 on the 28th is 21:00Z.
  ASSERT_TRUE(result.first_timestamp_micros.has_value());
  EXPECT_EQ(*result.first_timestamp_micros, *parse_timestamp("2026-02-28T21:00:00Z"));
  EXPECT_EQ(*result.last_timestamp_micros, *parse_timestamp("2026-03-02T00:00:00Z"));
  // Without a reference there is no range to check against.
  expect_undefined(x.out_of_range_share, "no reference range for this column");
  expect_undefined(quality_of(result, "c", "feature").out_of_range_share,
                   "range checks apply to numeric features and the score");
}

TEST(Quality, ValuesOutsideTheReferenceRange) {
  MonitorConfig config;
  config.columns.prediction = "prediction";
  config.columns.features = {{"x", ColumnKind::numeric}};
  const ReferenceProfile profile = testing::profile_ok("prediction,x\n1,10\n1,20\n", config);
  // 9 and 21 are outside [10, 20]; 10 and 20 are inside; "" is missing and not counted.
  const RunResult result =
      analyze_ok("prediction,x\n1,9\n1,10\n1,20\n1,21\n1,\n", config, &profile);
  const ColumnQuality& x = quality_of(result, "x", "feature");
  EXPECT_EQ(x.out_of_range, 2u);
  expect_value(x.out_of_range_share, 2.0 / 4);  // of the 4 valid values
}

TEST(Quality, DuplicateIdsAndConflictingLabels) {
  // id 1 once; id 2 twice, labels 1 and 1; id 3 three times, labels 0, 1, 0 (a conflict);
  // id 4 twice, one label missing (no conflict); one row without id.
  const std::string log =
      "id,score,label\n1,0.5,1\n2,0.5,1\n2,0.5,1\n3,0.5,0\n3,0.5,1\n3,0.5,0\n4,0.5,1\n4,0.5,\n"
      ",0.5,1\n";
  MonitorConfig config = testing::score_label_config();
  config.columns.id = "id";
  const RunResult result = analyze_ok(log, config);
  const DuplicateReport& duplicates = result.duplicates;
  EXPECT_EQ(duplicates.rows_with_id, 8u);
  EXPECT_EQ(duplicates.distinct_ids, 4u);
  EXPECT_EQ(duplicates.duplicated_ids, 3u);   // 2, 3 and 4
  EXPECT_EQ(duplicates.duplicate_rows, 4u);   // 8 rows - 4 distinct ids
  EXPECT_EQ(duplicates.conflicting_ids, 1u);  // 3
  expect_value(duplicates.duplicate_row_share, 4.0 / 8);
  expect_value(duplicates.conflicting_label_share, 1.0 / 4);
  EXPECT_EQ(quality_of(result, "id", "id").missing, 1u);
}

TEST(Quality, RegressionLabelsConflictByValue) {
  MonitorConfig config;
  config.task = TaskType::regression;
  config.columns.id = "id";
  config.columns.prediction = "prediction";
  config.columns.label = "label";
  // id a: labels 1 and 1.0 are the same number; id b: 2 and 3 conflict.
  const RunResult result =
      analyze_ok("id,prediction,label\na,1,1\na,1,1.0\nb,1,2\nb,1,3\n", config);
  EXPECT_EQ(result.duplicates.conflicting_ids, 1u);
}

TEST(Quality, DuplicateSharesAreUndefinedWithoutAnIdColumn) {
  const RunResult result = analyze_ok("score,label\n0.5,1\n", testing::score_label_config());
  expect_undefined(result.duplicates.duplicate_row_share, "no id column mapped");
  EXPECT_EQ(testing::find_sample(result, "quality.duplicate_row_share"), nullptr);
}

// The expected counts, computed with a plain map over the same records.
DuplicateCounts count_with_map(const std::vector<IdRecord>& records) {
  std::map<uint64_t, std::pair<uint64_t, std::set<uint64_t>>> ids;
  for (const auto& record : records) {
    auto& [rows, labels] = ids[record.id_hash];
    ++rows;
    if (record.label_hash != 0) labels.insert(record.label_hash);
  }
  DuplicateCounts counts;
  for (const auto& [hash, entry] : ids) {
    counts.rows += entry.first;
    ++counts.distinct;
    if (entry.first > 1) {
      ++counts.duplicated_ids;
      counts.duplicate_rows += entry.first - 1;
    }
    if (entry.second.size() > 1) ++counts.conflicting_ids;
  }
  return counts;
}

DuplicateCounts count_with_spill(const std::vector<IdRecord>& records, SpillLimits limits,
                                 int writers) {
  IdSpill spill("", limits);
  std::vector<std::unique_ptr<IdSpill::Writer>> batches;
  for (int i = 0; i < writers; ++i)
    batches.push_back(std::make_unique<IdSpill::Writer>(spill));
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_TRUE(batches[i % writers]->add(records[i]));
  }
  for (auto& writer : batches)
    EXPECT_TRUE(writer->flush_all());
  const RunOptions options;
  auto counts = spill.count(1, RunClock(options));
  EXPECT_TRUE(counts) << counts.error().message;
  return *counts;
}

void expect_same(const DuplicateCounts& actual, const DuplicateCounts& expected) {
  EXPECT_EQ(actual.rows, expected.rows);
  EXPECT_EQ(actual.distinct, expected.distinct);
  EXPECT_EQ(actual.duplicated_ids, expected.duplicated_ids);
  EXPECT_EQ(actual.duplicate_rows, expected.duplicate_rows);
  EXPECT_EQ(actual.conflicting_ids, expected.conflicting_ids);
}

TEST(IdSpill, SpillsToFilesAndSplitsLargePartitions) {
  // 20 000 records over 5 000 ids with random labels; limits small enough that every partition
  // goes to a file and is split again before sorting.
  std::mt19937_64 random(42);
  std::vector<IdRecord> records;
  for (int i = 0; i < 20000; ++i) {
    const uint64_t id = random() % 5000;
    const uint64_t label = random() % 7;
    records.push_back(
        {hash_id(std::to_string(id)), label == 0 ? 0 : hash_label(std::to_string(label % 2))});
  }
  const DuplicateCounts expected = count_with_map(records);
  EXPECT_GT(expected.conflicting_ids, 0u);
  expect_same(count_with_spill(records, {8, 64}, 3), expected);
  expect_same(count_with_spill(records, {}, 1), expected);  // all in memory
}

TEST(IdSpill, RadixSortsLargePartitions) {
  // 200 000 records in one partition (top 6 id-hash bits zero), over 50 000 ids whose other 58
  // bits are random: enough for the radix sort, which smaller tests never reach.
  std::mt19937_64 random(7);
  std::vector<uint64_t> ids(50000);
  for (auto& id : ids)
    id = random() >> 6;
  std::vector<IdRecord> records;
  for (int i = 0; i < 200000; ++i) {
    const uint64_t label = random() % 5;
    records.push_back({ids[random() % ids.size()], label == 0 ? 0 : hash_label(label % 2)});
  }
  const DuplicateCounts expected = count_with_map(records);
  EXPECT_GT(expected.conflicting_ids, 0u);
  expect_same(count_with_spill(records, {}, 2), expected);
}

TEST(IdSpill, CountsOneIdRepeatedBeyondTheSortLimitFromOneCopyOnDisk) {
  // Every record shares its hash: splitting could not shrink the partition, only copy it at each
  // of nine levels. The disk allows the 501 records (8016 bytes) once and no copy of them.
  std::vector<IdRecord> records(500, IdRecord{hash_id("same"), hash_label("1")});
  records.push_back({hash_id("same"), hash_label("0")});
  SpillLimits limits{4, 16};
  limits.disk_bytes = 501 * sizeof(IdRecord);
  const DuplicateCounts counts = count_with_spill(records, limits, 2);
  EXPECT_EQ(counts.rows, 501u);
  EXPECT_EQ(counts.distinct, 1u);
  EXPECT_EQ(counts.duplicated_ids, 1u);
  EXPECT_EQ(counts.duplicate_rows, 500u);
  EXPECT_EQ(counts.conflicting_ids, 1u);
}

TEST(IdSpill, CountsIdsThatShareAllButTheLastBitsWithAMap) {
  // Three hashes equal but for their lowest bits: splitting by 6 bits at a time leaves them
  // together down to the last level, which counts them with a map. 300 records: hash 0x...0 has
  // rows 0, 3, 6, ... (100 rows, labels 1), 0x...1 100 rows with labels 1 and 0 alternating every
  // third row (a conflict), 0x...2 100 rows without labels.
  const uint64_t base = 0xabcdef0123456780ULL;
  std::vector<IdRecord> records;
  for (int i = 0; i < 300; ++i) {
    const uint64_t which = static_cast<uint64_t>(i % 3);
    const uint64_t label = which == 0   ? hash_label("1")
                           : which == 1 ? hash_label(i % 2 == 0 ? "1" : "0")
                                        : 0;
    records.push_back({base + which, label});
  }
  const DuplicateCounts counts = count_with_spill(records, {4, 16}, 2);
  expect_same(counts, count_with_map(records));
  EXPECT_EQ(counts.distinct, 3u);
  EXPECT_EQ(counts.duplicate_rows, 297u);
  EXPECT_EQ(counts.conflicting_ids, 1u);
}

TEST(IdSpill, StopsAtItsDiskBudgetNamingTheLimit) {
  // 64 ids spread over the partitions, 100 records each: with 4 records kept in memory per
  // partition nearly all 6400 records (102 400 bytes) go to files; 4 KiB of disk is not enough.
  SpillLimits limits{4, 16};
  limits.disk_bytes = 4096;
  IdSpill spill("", limits);
  IdSpill::Writer writer(spill);
  Status status;
  for (int i = 0; i < 6400 && status.ok(); ++i)
    status = writer.add({hash_id(std::to_string(i % 64)), 0});
  if (status.ok()) status = writer.flush_all();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::too_large);
  EXPECT_EQ(status.error().message,
            "the duplicate-id check needs more than 4096 bytes of temporary disk, the limit for "
            "one run (raise it with --max-spill-gib)");
}

TEST(IdSpill, LabelHashesAreNeverZero) {
  EXPECT_NE(hash_label(""), 0u);
  EXPECT_NE(hash_label(0.0), 0u);
  EXPECT_EQ(hash_label(0.0), hash_label(-0.0));
}

}  // namespace
}  // namespace aims::monitoring
