// A dataset's content read once as it streams: SHA-256 of the bytes as given (InputSource), gzip
// inflated on the way (GzipSource), cut into whole records (RecordSplitter), records counted and
// the first ones kept to name the columns and guess their types.
#include <charconv>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "data/data.h"
#include "data/schema.h"
#include "monitoring/engine/gzip_source.h"
#include "monitoring/engine/input_source.h"
#include "monitoring/engine/record_splitter.h"

namespace aims::data {
namespace {

using monitoring::ByteReader;
using monitoring::LogFormat;

// The records whose columns are looked at, and the bytes kept of them.
constexpr size_t kSampleRecords = 101;  // a CSV header and 100 rows
constexpr size_t kSampleBytes = size_t{1} << 20;

// Refuses a decompression bomb the way the monitoring engine's run limits do: past the first
// 64 MiB of output, at most max_gzip_ratio bytes out per byte in, and never beyond max_log_bytes.
class LimitedReader final : public ByteReader {
 public:
  LimitedReader(ByteReader& decoded, const monitoring::InputSource& raw, bool gzip,
                const monitoring::RunOptions& options)
      : decoded_(decoded), raw_(raw), gzip_(gzip), options_(options) {}

  Result<size_t> read(char* out, size_t capacity) override {
    TRY_ASSIGN(const size_t n, decoded_.read(out, capacity));
    produced_ += n;
    if (options_.max_log_bytes && produced_ > options_.max_log_bytes)
      return Error{ErrorCode::too_large, "the content is larger than aims reads", "file"};
    constexpr uint64_t kRatioJudgedPast = uint64_t{64} << 20;
    if (gzip_ && produced_ > kRatioJudgedPast &&
        produced_ > options_.max_gzip_ratio * std::max<uint64_t>(raw_.bytes_read(), 1))
      return Error{ErrorCode::too_large, "the gzip file expands too far to be data", "file"};
    return n;
  }

 private:
  ByteReader& decoded_;
  const monitoring::InputSource& raw_;
  bool gzip_;
  const monitoring::RunOptions& options_;
  uint64_t produced_ = 0;
};

// Counts the non-blank records of the blocks it is given (a line break inside CSV quotes does not
// end a record) and keeps the first ones.
class RecordCounter {
 public:
  explicit RecordCounter(bool csv) : csv_(csv) {}

  void add(const char* begin, const char* end) {
    for (const char* p = begin; p < end; ++p) {
      const char c = *p;
      if (csv_ && c == '"') in_quotes_ = !in_quotes_;
      if (c == '\n' && !in_quotes_) {
        end_record();
        continue;
      }
      if (c != ' ' && c != '\t' && c != '\r') blank_ = false;
      if (samples_.size() < kSampleRecords && kept_ < kSampleBytes) {
        current_.push_back(c);
        ++kept_;
      }
    }
  }
  void end_record() {
    if (!blank_) {
      ++records_;
      if (samples_.size() < kSampleRecords) samples_.push_back(std::move(current_));
    }
    current_.clear();
    blank_ = true;
  }

  int64_t records() const { return records_; }
  const std::vector<std::string>& samples() const { return samples_; }

 private:
  bool csv_;
  bool in_quotes_ = false;
  bool blank_ = true;
  int64_t records_ = 0;
  size_t kept_ = 0;
  std::string current_;
  std::vector<std::string> samples_;
};

}  // namespace

Result<ContentProfile> profile_file(const std::string& path, const std::string& name) {
  const monitoring::RunOptions options;
  TRY_ASSIGN(auto source,
             monitoring::InputSource::open(monitoring::LogInput::file(path, name), options));
  ContentProfile profile;
  profile.gzip = monitoring::has_gzip_magic(source->head());
  std::optional<monitoring::GzipSource> gzip;
  if (profile.gzip) gzip.emplace(*source);
  LimitedReader decoded(gzip ? static_cast<ByteReader&>(*gzip) : *source, *source, profile.gzip,
                        options);
  monitoring::RecordSplitter splitter(decoded, LogFormat::detect, options.block_bytes);
  monitoring::Block block;
  std::optional<RecordCounter> counter;
  for (;;) {
    TRY_ASSIGN(const bool more, splitter.next(block));
    if (!more) break;
    if (!counter) counter.emplace(splitter.format() == LogFormat::csv);
    counter->add(block.buffer.data() + block.begin, block.buffer.data() + block.end);
  }
  if (counter) counter->end_record();
  TRY_ASSIGN(profile.sha256, source->finish_sha256());
  profile.size_bytes = static_cast<int64_t>(source->bytes_read());
  if (!counter) return profile;  // empty: no records, no columns
  const bool csv = splitter.format() == LogFormat::csv;
  profile.row_count = counter->records() - (csv ? 1 : 0);
  profile.schema_summary = csv ? csv_schema(counter->samples()) : jsonl_schema(counter->samples());
  return profile;
}

}  // namespace aims::data
