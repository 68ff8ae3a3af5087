// Reading the log as given: files and memory, gzip, hashing, progress, cancellation, blocks.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "base/crypto.h"
#include "monitoring/engine/engine_test_support.h"
#include "monitoring/engine/gzip_source.h"
#include "monitoring/engine/input_source.h"
#include "monitoring/engine/record_splitter.h"

namespace aims::monitoring {
namespace {

using testing::analyze_error;
using testing::analyze_ok;
using testing::gzip;

const std::string kLog = "score,label,group\n0.9,1,a\n0.4,1,a\n0.3,0,b\n0.8,0,b\n0.6,1,b\n";

MonitorConfig config() {
  MonitorConfig config = testing::score_label_config();
  config.columns.sensitive_attributes = {"group"};
  return config;
}

// The result without the fields that describe the input bytes themselves.
std::string metrics_json(RunResult result) {
  result.input_sha256.clear();
  result.input_bytes = 0;
  result.gzip = false;
  return to_json(result);
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    path_ = std::filesystem::temp_directory_path() /
            ("aims-engine-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(Input, HashesTheBytesAsGiven) {
  const RunResult result = analyze_ok(kLog, config());
  EXPECT_EQ(result.input_sha256, crypto::sha256_hex(kLog));
  EXPECT_EQ(result.input_bytes, kLog.size());
  EXPECT_FALSE(result.gzip);
}

TEST(Input, ReadsGzipAndHashesTheCompressedBytes) {
  const std::string compressed = gzip(kLog);
  const RunResult plain = analyze_ok(kLog, config());
  const RunResult unzipped = analyze_ok(compressed, config());
  EXPECT_TRUE(unzipped.gzip);
  EXPECT_EQ(unzipped.input_sha256, crypto::sha256_hex(compressed));
  EXPECT_EQ(unzipped.input_bytes, compressed.size());
  EXPECT_EQ(metrics_json(unzipped), metrics_json(plain));
}

TEST(Input, ReadsConcatenatedGzipMembers) {
  // `cat a.gz b.gz` is a valid gzip file holding a followed by b.
  const std::string first = "score,label\n0.9,1\n";
  const std::string second = "0.2,0\n0.7,0\n";
  const RunResult result = analyze_ok(gzip(first) + gzip(second), testing::score_label_config());
  EXPECT_EQ(result.rows, 3u);
}

TEST(Input, RefusesCorruptGzip) {
  std::string compressed = gzip(kLog);
  compressed[compressed.size() / 2] ^= 0x55;
  compressed[compressed.size() / 2 + 1] ^= 0x55;
  const std::string error = analyze_error(compressed, config());
  EXPECT_EQ(error.rfind("gzip: ", 0), 0u) << error;
}

TEST(Input, RefusesTruncatedGzip) {
  const std::string compressed = gzip(kLog);
  EXPECT_EQ(analyze_error(compressed.substr(0, compressed.size() - 10), config()),
            "gzip: the compressed stream is truncated");
}

TEST(Input, ReadsAFileAndReportsProgressUpToItsSize) {
  const TempFile file(gzip(kLog));
  std::vector<std::pair<uint64_t, uint64_t>> reports;
  RunOptions options;
  options.on_progress = [&](uint64_t done, uint64_t total) { reports.emplace_back(done, total); };
  auto result = analyze(LogInput::file(file.path()), config(), nullptr, options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->rows, 5u);
  ASSERT_FALSE(reports.empty());
  const uint64_t size = std::filesystem::file_size(file.path());
  for (size_t i = 1; i < reports.size(); ++i)
    EXPECT_GE(reports[i].first, reports[i - 1].first);
  EXPECT_EQ(reports.back(), std::make_pair(size, size));
}

TEST(Input, NamesAMissingFile) {
  auto result = analyze(LogInput::file("/nonexistent/aims/log.csv"), config(), nullptr);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
}

TEST(Input, StopsWhenCancelled) {
  std::atomic<bool> cancel{true};
  RunOptions options;
  options.cancel = &cancel;
  auto result = analyze(LogInput::memory(kLog), config(), nullptr, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
  EXPECT_EQ(result.error().message, "the run was cancelled");
}

TEST(Input, StopsWhenCancelledMidway) {
  std::string log = "score,label\n";
  for (int i = 0; i < 20000; ++i)
    log += "0.5,1\n";
  std::atomic<bool> cancel{false};
  RunOptions options;
  options.block_bytes = 1024;
  options.on_progress = [&](uint64_t done, uint64_t) {
    if (done > log.size() / 2) cancel = true;
  };
  options.cancel = &cancel;
  auto result = analyze(LogInput::memory(log), testing::score_label_config(), nullptr, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "the run was cancelled");
}

TEST(Input, RefusesAnEmptyLog) {
  EXPECT_EQ(analyze_error("", config()), "the log is empty");
  EXPECT_EQ(analyze_error("score,label,group\n", config()), "the log holds no records");
  EXPECT_EQ(analyze_error("\n\n", config()), "the log is empty");
}

TEST(Input, DetectsJsonLinesByTheFirstByte) {
  const RunResult result =
      analyze_ok("  \n{\"score\": 0.5, \"label\": 1}\n", testing::score_label_config());
  EXPECT_EQ(result.format, LogFormat::jsonl);
}

TEST(Input, DetectsJsonLinesBehindBlankLinesLongerThanABlock) {
  RunOptions options;
  options.block_bytes = 2;
  const RunResult result = analyze_ok(std::string(10, '\n') + "{\"score\": 0.5, \"label\": 1}\n",
                                      testing::score_label_config(), nullptr, options);
  EXPECT_EQ(result.format, LogFormat::jsonl);
}

TEST(Input, HonoursAnExplicitFormat) {
  RunOptions options;
  options.format = LogFormat::jsonl;
  // Read as JSON Lines, a CSV header is invalid JSON on line 1.
  const std::string error =
      analyze_error("score,label\n0.5,1\n", testing::score_label_config(), options);
  EXPECT_EQ(error.rfind("line 1: invalid JSON", 0), 0u) << error;
}

// A reader over a string, for driving the splitter directly.
class StringReader : public ByteReader {
 public:
  explicit StringReader(std::string text) : text_(std::move(text)) {}
  Result<size_t> read(char* out, size_t capacity) override {
    const size_t n = std::min(capacity, text_.size() - position_);
    std::copy_n(text_.data() + position_, n, out);
    position_ += n;
    return n;
  }

 private:
  std::string text_;
  size_t position_ = 0;
};

TEST(RecordSplitter, CutsCsvBlocksOutsideQuotesAndNumbersLines) {
  StringReader input("h\n\"a\nb\",1\nc,2\n\"d\n\ne\",3\n");
  RecordSplitter splitter(input, LogFormat::csv, 4);
  std::vector<std::string> blocks;
  std::vector<uint64_t> first_lines;
  Block block;
  for (;;) {
    auto more = splitter.next(block);
    ASSERT_TRUE(more) << more.error().message;
    if (!*more) break;
    blocks.emplace_back(block.buffer.data() + block.begin, block.end - block.begin);
    first_lines.push_back(block.first_line);
  }
  // Each block ends at a line break outside quotes; joined they give the input back.
  std::string joined;
  for (const auto& text : blocks) {
    EXPECT_EQ(text.back(), '\n');
    joined += text;
  }
  EXPECT_EQ(joined, "h\n\"a\nb\",1\nc,2\n\"d\n\ne\",3\n");
  EXPECT_EQ(blocks, (std::vector<std::string>{"h\n", "\"a\nb\",1\n", "c,2\n", "\"d\n\ne\",3\n"}));
  EXPECT_EQ(first_lines, (std::vector<uint64_t>{1, 2, 4, 5}));
}

TEST(RecordSplitter, RefusesARecordLongerThanTheLimit) {
  StringReader input("h\n\"" + std::string(100, 'x') + "\n" + std::string(100, 'y'));
  RecordSplitter splitter(input, LogFormat::csv, 16, 64);
  Block block;
  ASSERT_TRUE(*splitter.next(block));  // the header line
  // The oversized record is handed out once (so a parser can name a precise cause), then refused.
  ASSERT_TRUE(*splitter.next(block));
  auto more = splitter.next(block);
  ASSERT_FALSE(more);
  EXPECT_EQ(more.error().message, "line 2: a record is longer than 64 bytes");
}

TEST(RecordSplitter, PrefersTheParserMessageForAnUnterminatedQuote) {
  // With the default 64 MiB limit this would read on; the parser names the opening quote anyway.
  std::string log = "score,label\n0.5,\"1\n";
  for (int i = 0; i < 1000; ++i)
    log += "0.5,1\n";
  RunOptions options;
  options.block_bytes = 64;
  EXPECT_EQ(analyze_error(log, testing::score_label_config(), options),
            "line 2, column 5: unterminated quoted field");
}

TEST(GzipMagic, RecognisesTheTwoBytes) {
  EXPECT_TRUE(has_gzip_magic("\x1f\x8b\x08"));
  EXPECT_FALSE(has_gzip_magic("\x1f"));
  EXPECT_FALSE(has_gzip_magic("id,score"));
}

}  // namespace
}  // namespace aims::monitoring
