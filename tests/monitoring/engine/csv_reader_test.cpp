#include "monitoring/engine/csv_reader.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using testing::analyze_error;
using testing::analyze_ok;

// Every record of `text` as fields, or the first error message.
struct Scan {
  std::vector<std::vector<std::string>> records;
  std::vector<uint64_t> lines;
  std::string error;
};

Scan scan(std::string text, uint64_t first_line = 1) {
  Scan out;
  CsvScanner scanner(text.data(), text.size(), first_line);
  std::vector<std::string_view> fields;
  for (;;) {
    auto more = scanner.next_record(fields);
    if (!more) {
      out.error = more.error().message;
      return out;
    }
    if (!*more) return out;
    out.records.emplace_back(fields.begin(), fields.end());
    out.lines.push_back(scanner.record_line());
  }
}

using Records = std::vector<std::vector<std::string>>;

TEST(CsvScanner, ReadsPlainFields) {
  const auto result = scan("a,b,c\n1,2,3\n");
  EXPECT_EQ(result.records, (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(result.error, "");
}

TEST(CsvScanner, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  const auto result = scan("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,\"\",z\n");
  EXPECT_EQ(result.records, (Records{{"x,y", "say \"hi\"", "two\nlines"}, {"last", "", "z"}}));
  // The second record starts on physical line 3: the quoted line break counts.
  EXPECT_EQ(result.lines, (std::vector<uint64_t>{1, 3}));
}

TEST(CsvScanner, AcceptsCrlfAndAFinalRecordWithoutLineBreak) {
  const auto result = scan("a,b\r\n1,\"2\"\r\n3,4");
  EXPECT_EQ(result.records, (Records{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST(CsvScanner, KeepsCrlfInsideQuotedFields) {
  const auto result = scan("\"a\r\nb\",c\r\n");
  EXPECT_EQ(result.records, (Records{{"a\r\nb", "c"}}));
}

TEST(CsvScanner, SkipsEmptyLinesAndKeepsTrailingEmptyFields) {
  const auto result = scan("\n\r\na,\n\nb,c,\n");
  EXPECT_EQ(result.records, (Records{{"a", ""}, {"b", "c", ""}}));
  EXPECT_EQ(result.lines, (std::vector<uint64_t>{3, 5}));
}

TEST(CsvScanner, ReportsAnUnterminatedQuoteWhereItOpens) {
  // The quote opens on line 2, column 3 and is never closed.
  EXPECT_EQ(scan("a,b\n1,\"open\n2,3\n").error, "line 2, column 3: unterminated quoted field");
}

TEST(CsvScanner, RefusesAQuoteInsideAnUnquotedField) {
  EXPECT_EQ(scan("a,b\nab\"c,d\n").error, "line 2, column 3: quote inside an unquoted field");
}

TEST(CsvScanner, RefusesTextAfterAClosingQuote) {
  // "ab" closes at column 4; the x at column 5 is not allowed.
  EXPECT_EQ(scan("h\n\"ab\"x\n").error,
            "line 2, column 5: unexpected character after a closing quote");
}

TEST(CsvScanner, CountsLinesFromTheBlockStart) {
  // Lines 41-43 hold `1,"a`, `b` and `c","open`: the last quote opens at column 4 of line 43.
  EXPECT_EQ(scan("1,\"a\nb\nc\",\"open\n", 41).error,
            "line 43, column 4: unterminated quoted field");
}

TEST(CsvHeader, FindsMappedColumnsAndSkipsOthers) {
  MonitorConfig config = testing::score_label_config();
  auto schema = LogSchema::create(config);
  ASSERT_TRUE(schema);
  std::string text = "other,label,score\n1,0,0.5\n";
  auto read = read_csv_header(text.data(), text.size(), 1, *schema);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_TRUE(read->has_value());
  const CsvHeader& header = **read;
  EXPECT_EQ(header.bytes, 18u);  // "other,label,score\n"
  EXPECT_EQ(header.lines, 1u);
  ASSERT_EQ(header.slots_of_column.size(), 3u);
  EXPECT_TRUE(header.slots_of_column[0].empty());
  EXPECT_EQ(header.slots_of_column[1],
            std::vector<uint16_t>{static_cast<uint16_t>(schema->label())});
  EXPECT_EQ(header.slots_of_column[2],
            std::vector<uint16_t>{static_cast<uint16_t>(schema->score())});
}

TEST(CsvHeader, MayFollowBlankLinesBeyondTheFirstBlock) {
  // Found by fuzzing: with 4-byte blocks the first block holds only blank lines.
  RunOptions options;
  options.block_bytes = 4;
  const RunResult result = analyze_ok("\n\n\n\n\n\nscore,label\n0.9,1\n",
                                      testing::score_label_config(), nullptr, options);
  EXPECT_EQ(result.rows, 1u);
  EXPECT_EQ(analyze_error("\n\n\n\n\n\nlabel\n1\n", testing::score_label_config(), options),
            "line 7: missing column 'score'");
}

TEST(CsvHeader, NamesAMissingColumn) {
  const auto error = analyze_error("id,label\n1,0\n", testing::score_label_config());
  EXPECT_EQ(error, "line 1: missing column 'score'");
}

TEST(CsvHeader, RefusesAMappedColumnTwice) {
  const auto error = analyze_error("score,label,score\n1,0,1\n", testing::score_label_config());
  EXPECT_EQ(error, "line 1: column 'score' appears twice");
}

TEST(CsvReader, RefusesARecordWithTheWrongFieldCount) {
  const auto error = analyze_error("score,label\n0.5,1\n0.5\n", testing::score_label_config());
  EXPECT_EQ(error, "line 3: expected 2 fields, found 1");
}

TEST(CsvReader, ReportsTheFirstProblemInLogOrderAcrossBlocks) {
  // Line 5 and line 9 are both broken; with tiny blocks they land in different blocks, parsed by
  // different threads, and the earlier one must win.
  std::string log = "score,label\n0.1,0\n0.2,1\n0.3,0\n0.4\n0.5,1\n0.6,0\n0.7,1\n0.8\n";
  RunOptions options;
  options.block_bytes = 8;
  options.threads = 4;
  EXPECT_EQ(analyze_error(log, testing::score_label_config(), options),
            "line 5: expected 2 fields, found 1");
}

TEST(CsvReader, ReadsQuotedValuesThroughTheWholeEngine) {
  // Group values with commas, quotes and line breaks are groups like any other.
  const std::string log =
      "score,label,group\n"
      "0.9,1,\"a,b\"\n"
      "0.1,0,\"say \"\"x\"\"\"\n"
      "0.8,1,\"two\nlines\"\n";
  MonitorConfig config = testing::score_label_config();
  config.columns.sensitive_attributes = {"group"};
  const RunResult result = analyze_ok(log, config);
  ASSERT_EQ(result.fairness.size(), 1u);
  std::vector<std::string> groups;
  for (const auto& group : result.fairness[0].groups)
    groups.push_back(group.group);
  EXPECT_EQ(groups, (std::vector<std::string>{"a,b", "say \"x\"", "two\nlines"}));
}

TEST(CsvReader, SplitsBlocksOnlyOutsideQuotes) {
  // Quoted line breaks every few bytes and 16-byte blocks: every block boundary candidate sits
  // near a quoted newline. Counting must match a single-block run exactly.
  std::string log = "score,label,group\n";
  for (int i = 0; i < 200; ++i) {
    log += "0." + std::to_string(i % 10) + "," + std::to_string(i % 2) + ",\"g\n" +
           std::to_string(i % 3) + "\"\n";
  }
  MonitorConfig config = testing::score_label_config();
  config.columns.sensitive_attributes = {"group"};
  RunOptions small;
  small.block_bytes = 16;
  small.threads = 3;
  const RunResult split = analyze_ok(log, config, nullptr, small);
  const RunResult whole = analyze_ok(log, config);
  EXPECT_EQ(split.rows, 200u);
  EXPECT_EQ(to_json(split), to_json(whole));
}

TEST(CsvReader, SkipsAByteOrderMark) {
  const RunResult result =
      analyze_ok("\xEF\xBB\xBFscore,label\n0.9,1\n0.2,0\n", testing::score_label_config());
  EXPECT_EQ(result.rows, 2u);
  EXPECT_EQ(result.format, LogFormat::csv);
}

}  // namespace
}  // namespace aims::monitoring
