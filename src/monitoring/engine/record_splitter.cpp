#include "monitoring/engine/record_splitter.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "monitoring/engine/row.h"

namespace aims::monitoring {

namespace {

// Counts `c` in [begin, end) with memchr, which glibc vectorises: quotes and line breaks are
// sparse, so this runs several times faster than a byte loop.
size_t count_byte(const char* begin, const char* end, char c) {
  size_t count = 0;
  for (const char* p = begin; p < end; ++count, ++p) {
    p = static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)));
    if (p == nullptr) break;
  }
  return count;
}

std::string describe_size(size_t bytes) {
  constexpr size_t kMiB = size_t{1} << 20;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

RecordSplitter::RecordSplitter(ByteReader& input, LogFormat format, size_t block_bytes,
                               size_t max_record_bytes)
    : input_(input),
      format_(format),
      block_bytes_(std::max<size_t>(block_bytes, 1)),
      max_record_bytes_(max_record_bytes) {}

bool RecordSplitter::detect_format(Block& block) {
  static constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";
  if (block.end < 3 && !input_ended_) return false;
  if (block.end >= 3 && std::memcmp(block.buffer.data(), kByteOrderMark, 3) == 0) block.begin = 3;
  if (format_ != LogFormat::detect) return true;
  for (size_t i = block.begin; i < block.end; ++i) {
    const char c = block.buffer[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    format_ = c == '{' ? LogFormat::jsonl : LogFormat::csv;
    return true;
  }
  if (!input_ended_ && block.end - block.begin < max_record_bytes_) return false;
  format_ = LogFormat::csv;  // blank to the end (or for too long): nothing to tell them apart
  return true;
}

size_t RecordSplitter::find_boundary(const Block& block) const {
  const char* const begin = block.buffer.data() + block.begin;
  const char* const end = block.buffer.data() + block.end;
  if (format_ == LogFormat::jsonl) {
    const auto* newline = static_cast<const char*>(memrchr(begin, '\n', end - begin));
    return newline == nullptr ? 0 : static_cast<size_t>(newline + 1 - block.buffer.data());
  }
  // A line break ends a CSV record when an even number of quotes precedes it in the block: the
  // block starts on a record boundary, and doubled quotes inside quoted fields come in pairs.
  size_t quotes = count_byte(begin, end, '"');
  for (const char* p = end; p > begin;) {
    --p;
    if (*p == '"') {
      --quotes;
    } else if (*p == '\n' && quotes % 2 == 0) {
      return static_cast<size_t>(p + 1 - block.buffer.data());
    }
  }
  return 0;
}

Status RecordSplitter::fill(Block& block) {
  const size_t wanted = block.end + block_bytes_;
  if (block.buffer.size() < wanted + kBlockPadding) block.buffer.resize(wanted + kBlockPadding);
  while (!input_ended_ && block.end < wanted) {
    auto n = input_.read(block.buffer.data() + block.end, wanted - block.end);
    if (!n) return n.error();
    if (*n == 0) input_ended_ = true;
    block.end += *n;
  }
  return {};
}

Result<bool> RecordSplitter::next(Block& block) {
  if (oversized_) {
    return Error::malformed("line " + std::to_string(next_line_) + ": a record is longer than " +
                            describe_size(max_record_bytes_));
  }
  if (input_ended_ && carry_.empty()) return false;

  block.begin = 0;
  block.end = carry_.size();
  if (block.buffer.size() < block.end + kBlockPadding) {
    block.buffer.resize(block.end + kBlockPadding);
  }
  std::copy(carry_.begin(), carry_.end(), block.buffer.begin());
  carry_.clear();

  size_t boundary = 0;
  for (;;) {
    if (auto status = fill(block); !status) return status.error();
    if (first_) {
      // The byte-order mark and the first non-blank byte decide; they may lie beyond one block.
      if (!detect_format(block)) continue;
      first_ = false;
    }
    if (input_ended_) {
      boundary = block.end;
      break;
    }
    boundary = find_boundary(block);
    if (boundary > block.begin) break;
    if (block.end - block.begin >= max_record_bytes_) {
      oversized_ = true;
      boundary = block.end;
      break;
    }
  }
  if (block.end == block.begin && input_ended_) return false;  // only a byte-order mark or nothing

  carry_.assign(block.buffer.begin() + static_cast<std::ptrdiff_t>(boundary),
                block.buffer.begin() + static_cast<std::ptrdiff_t>(block.end));
  block.end = boundary;
  block.first_line = next_line_;
  next_line_ += count_byte(block.buffer.data() + block.begin, block.buffer.data() + boundary, '\n');
  if (!oversized_) return true;
  // The next call reports the oversized record; its line is where this block starts.
  next_line_ = block.first_line;
  return true;
}

}  // namespace aims::monitoring
