#include "monitoring/engine/jsonl_reader.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using testing::analyze_error;
using testing::analyze_ok;

// Copies of the fields of every row, as the accumulators would see them.
class CollectingSink : public RowSink {
 public:
  struct Copy {
    FieldState state;
    std::string text;
    double number;
    bool is_number;
  };
  Status add(const Row& row) override {
    std::vector<Copy> copies;
    for (const auto& field : row.fields) {
      copies.push_back({field.state, std::string(field.text), field.number, field.is_number});
    }
    rows.push_back(std::move(copies));
    lines.push_back(row.line);
    return {};
  }
  std::vector<std::vector<Copy>> rows;
  std::vector<uint64_t> lines;
};

struct Parsed {
  CollectingSink sink;
  std::string error;
};

Parsed parse(const MonitorConfig& config, std::string text, uint64_t first_line = 1) {
  auto schema = LogSchema::create(config);
  if (!schema) throw std::runtime_error(schema.error().message);
  const size_t size = text.size();
  text.append(kBlockPadding, '\0');
  JsonlReader reader(*schema);
  Parsed parsed;
  auto records = reader.read(text.data(), size, first_line, parsed.sink);
  if (!records) parsed.error = records.error().message;
  return parsed;
}

TEST(JsonlReader, ReadsEachJsonTypeIntoItsSlot) {
  // Slots: prediction (text), score (numeric), label (text).
  const MonitorConfig config = testing::score_label_config("prediction");
  auto schema = LogSchema::create(config);
  ASSERT_TRUE(schema);
  const auto parsed = parse(config,
                            "{\"score\": 0.25, \"label\": 1, \"prediction\": \"1\", \"x\": [1]}\n"
                            "{\"score\": null, \"label\": true, \"prediction\": 1.0}\n"
                            "{\"score\": \"0.5\", \"label\": 2.5, \"prediction\": false}\n");
  ASSERT_EQ(parsed.error, "");
  ASSERT_EQ(parsed.sink.rows.size(), 3u);
  const auto& first = parsed.sink.rows[0];
  EXPECT_TRUE(first[schema->score()].is_number);
  EXPECT_EQ(first[schema->score()].number, 0.25);
  EXPECT_EQ(first[schema->label()].text, "1");  // a JSON number in a text slot becomes text
  EXPECT_EQ(first[schema->prediction()].text, "1");
  const auto& second = parsed.sink.rows[1];
  EXPECT_EQ(second[schema->score()].state, FieldState::missing);
  EXPECT_EQ(second[schema->label()].text, "true");
  EXPECT_EQ(second[schema->prediction()].text, "1");  // 1.0 reads as "1", the shortest form
  const auto& third = parsed.sink.rows[2];
  EXPECT_FALSE(third[schema->score()].is_number);  // a string: read_number parses it later
  EXPECT_EQ(third[schema->score()].text, "0.5");
  EXPECT_EQ(third[schema->label()].text, "2.5");
  EXPECT_EQ(third[schema->prediction()].text, "false");
}

TEST(JsonlReader, MarksArraysObjectsAndBooleansInNumericSlotsInvalid) {
  const MonitorConfig config = testing::score_label_config();
  auto schema = LogSchema::create(config);
  ASSERT_TRUE(schema);
  const auto parsed = parse(config,
                            "{\"score\": [0.5], \"label\": {\"a\": 1}}\n"
                            "{\"score\": true, \"label\": \"\"}\n");
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.sink.rows[0][schema->score()].state, FieldState::invalid);
  EXPECT_EQ(parsed.sink.rows[0][schema->label()].state, FieldState::invalid);
  EXPECT_EQ(parsed.sink.rows[1][schema->score()].state, FieldState::invalid);
  EXPECT_EQ(parsed.sink.rows[1][schema->label()].state, FieldState::missing);
}

TEST(JsonlReader, SkipsBlankLinesAndCountsThem) {
  const auto parsed = parse(testing::score_label_config(),
                            "\n{\"score\": 1, \"label\": 1}\r\n  \n{\"score\": 0, \"label\": 0}");
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.sink.lines, (std::vector<uint64_t>{2, 4}));
}

TEST(JsonlReader, NamesAMissingKeyAndItsLine) {
  const auto parsed =
      parse(testing::score_label_config(),
            "{\"score\": 1, \"label\": 1}\n{\"score\": 1, \"label\": 0}\n{\"label\": 0}\n");
  EXPECT_EQ(parsed.error, "line 3: missing column 'score'");
}

TEST(JsonlReader, RefusesInvalidJsonWithItsLine) {
  const auto parsed = parse(testing::score_label_config(),
                            "{\"score\": 1, \"label\": 1}\n{\"score\": 1, \"label\": 0\n", 8);
  EXPECT_EQ(parsed.error.rfind("line 9: invalid JSON (", 0), 0u) << parsed.error;
}

TEST(JsonlReader, RefusesALineThatIsNotAnObject) {
  EXPECT_EQ(parse(testing::score_label_config(), "[1, 2]\n").error,
            "line 1: expected a JSON object");
}

TEST(JsonlReader, RefusesTwoValuesOnOneLine) {
  const auto parsed =
      parse(testing::score_label_config(), "{\"score\": 1, \"label\": 1} {\"score\": 1}\n");
  EXPECT_EQ(parsed.error.rfind("line 1: invalid JSON (", 0), 0u) << parsed.error;
}

TEST(JsonlReader, ReadsThroughTheWholeEngineWithKeysInAnyOrder) {
  const std::string log =
      "{\"label\": 1, \"score\": 0.9}\n"
      "{\"score\": 0.2, \"label\": 0, \"extra\": {\"nested\": [1, 2]}}\n";
  const RunResult result = analyze_ok(log, testing::score_label_config());
  EXPECT_EQ(result.format, LogFormat::jsonl);
  EXPECT_EQ(result.rows, 2u);
  // Both rows are predicted correctly with threshold 0.5.
  testing::expect_value(result.overall.classification.accuracy, 1.0);
}

TEST(JsonlReader, CountsTypeErrorsThroughTheWholeEngine) {
  const std::string log =
      "{\"label\": 1, \"score\": [0.9]}\n"
      "{\"label\": 0, \"score\": \"abc\"}\n"
      "{\"label\": 0, \"score\": 0.1}\n";
  const RunResult result = analyze_ok(log, testing::score_label_config());
  const ColumnQuality& score = testing::quality_of(result, "score", "score");
  EXPECT_EQ(score.type_errors, 2u);                        // the array and "abc"
  testing::expect_value(score.type_error_share, 2.0 / 3);  // 2 of 3 rows
}

TEST(JsonlReader, ReportsTheFirstBrokenLineOfALargeLog) {
  std::string log;
  for (int i = 1; i <= 500; ++i) {
    log += i == 321 ? "{\"score\": 0.5}\n" : "{\"score\": 0.5, \"label\": 1}\n";
  }
  RunOptions options;
  options.block_bytes = 256;
  options.threads = 2;
  EXPECT_EQ(analyze_error(log, testing::score_label_config(), options),
            "line 321: missing column 'label'");
}

}  // namespace
}  // namespace aims::monitoring
