// evaluate_quality: the one pass over a dataset file. It runs on the calling thread, not on the
// monitoring pipeline's workers (pipeline.h): that pipeline fails a run at its first malformed
// record, while a data-quality check must count malformed rows and go on past them.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "monitoring/engine/csv_reader.h"
#include "monitoring/engine/data_quality.h"
#include "monitoring/engine/decoded_input.h"
#include "monitoring/engine/quality_checks.h"
#include "monitoring/engine/record_splitter.h"
#include "monitoring/engine/run_limits.h"

namespace aims::monitoring {

namespace {

class QualityPass {
 public:
  QualityPass(const std::vector<QualityRequirement>& requirements, const RunOptions& options,
              QualityReport& report)
      : requirements_(requirements), options_(options), report_(report) {}

  Status read_block(Block& block, LogFormat format) {
    char* data = block.buffer.data() + block.begin;
    const size_t size = block.end - block.begin;
    return format == LogFormat::csv ? read_csv(data, size, block.first_line)
                                    : read_jsonl(data, size, block.first_line);
  }

  Status finish(const RunClock& clock) {
    if (format_csv_ && !header_read_) return Error::malformed("the file is empty");
    if (checks_.empty()) start_checks();
    report_.pass = true;
    for (auto& check : checks_) {
      TRY_ASSIGN(QualityResult result, check->finish(clock));
      report_.pass = report_.pass && result.pass;
      report_.results.push_back(std::move(result));
    }
    return {};
  }

  void set_csv(bool csv) { format_csv_ = csv; }

 private:
  void start_checks() {
    for (const auto& requirement : requirements_)
      checks_.push_back(make_check(requirement, {options_, slots_}));
  }

  void malformed(uint64_t line, std::string problem) {
    ++report_.malformed_rows;
    if (report_.malformed_examples.size() < kMalformedExamples)
      report_.malformed_examples.push_back({line, std::move(problem)});
  }

  Status add(const DatasetRow& row) {
    ++report_.rows;
    if (options_.max_rows > 0 && report_.rows > options_.max_rows)
      return too_many_rows(options_.max_rows);
    for (auto& check : checks_)
      TRY(check->add(row));
    return {};
  }

  Status read_csv(char* data, size_t size, uint64_t first_line) {
    size_t offset = 0;
    uint64_t line = first_line;
    while (offset < size) {
      CsvScanner scanner(data + offset, size - offset, line);
      for (;;) {
        auto more = scanner.next_record(fields_);
        if (!more) {
          // Without its header no row can be read: the file is refused.
          if (!header_read_) return std::move(more).error();
          // Reading resumes at the line after the problem.
          malformed(scanner.record_line(), more.error().message);
          const size_t at = offset + scanner.offset();
          size_t next = at;
          while (next < size && data[next] != '\n')
            ++next;
          offset = next + 1;
          line = scanner.line() + 1;
          break;
        }
        if (!*more) return {};
        TRY(csv_record(scanner.record_line()));
      }
    }
    return {};
  }

  Status csv_record(uint64_t line) {
    if (!header_read_) {
      std::vector<std::string> names(fields_.begin(), fields_.end());
      slots_.set_header(std::move(names));
      header_read_ = true;
      start_checks();
      return {};
    }
    if (fields_.size() != slots_.names().size()) {
      malformed(line, "line " + std::to_string(line) + ": " + std::to_string(fields_.size()) +
                          " fields where the header has " + std::to_string(slots_.names().size()));
      return {};
    }
    row_.values.assign(fields_.begin(), fields_.end());
    row_.object = nullptr;
    return add(row_);
  }

  Status read_jsonl(const char* data, size_t size, uint64_t first_line) {
    if (checks_.empty()) start_checks();
    uint64_t line = first_line;
    for (size_t start = 0; start < size; ++line) {
      size_t end = start;
      while (end < size && data[end] != '\n')
        ++end;
      std::string_view text(data + start, end - start);
      start = end + 1;
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
      TRY(jsonl_record(text, line));
    }
    return {};
  }

  Status jsonl_record(std::string_view text, uint64_t line) {
    object_ = nlohmann::json::parse(text, nullptr, false);
    if (object_.is_discarded() || !object_.is_object()) {
      malformed(line, "line " + std::to_string(line) + ": not a JSON object");
      return {};
    }
    const auto& names = slots_.names();
    texts_.resize(names.size());
    row_.values.assign(names.size(), std::nullopt);
    for (size_t slot = 0; slot < names.size(); ++slot) {
      auto found = object_.find(names[slot]);
      if (found == object_.end() || found->is_null()) continue;
      texts_[slot] = found->is_string() ? found->get<std::string>() : found->dump();
      row_.values[slot] = texts_[slot];
    }
    row_.object = &object_;
    return add(row_);
  }

  const std::vector<QualityRequirement>& requirements_;
  const RunOptions& options_;
  QualityReport& report_;
  ColumnSlots slots_;
  std::vector<std::unique_ptr<QualityCheck>> checks_;
  std::vector<std::string_view> fields_;
  DatasetRow row_;
  nlohmann::json object_;
  std::vector<std::string> texts_;
  bool format_csv_ = true;
  bool header_read_ = false;
};

}  // namespace

Result<QualityReport> evaluate_quality(const LogInput& input,
                                       const std::vector<QualityRequirement>& requirements,
                                       const RunOptions& options) {
  const RunClock clock(options);
  TRY_ASSIGN(auto decoded, DecodedInput::open(input, options, clock));
  QualityReport report;
  report.gzip = decoded->gzip();
  RecordSplitter splitter(decoded->decoded(), options.format, options.block_bytes);
  QualityPass pass(requirements, options, report);
  Block block;
  bool any = false;
  for (;;) {
    TRY_ASSIGN(const bool more, splitter.next(block));
    if (!more) break;
    if (!any) pass.set_csv(splitter.format() == LogFormat::csv);
    any = true;
    TRY(pass.read_block(block, splitter.format()));
    TRY(clock.check());
  }
  if (!any) return Error::malformed("the file is empty");
  report.format = splitter.format();
  TRY(pass.finish(clock));
  report.input_bytes = decoded->raw().bytes_read();
  TRY_ASSIGN(report.sha256, decoded->raw().finish_sha256());
  return report;
}

}  // namespace aims::monitoring
