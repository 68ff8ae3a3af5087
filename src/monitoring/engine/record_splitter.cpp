#include "monitoring/engine/record_splitter.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "monitoring/engine/row.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aims::monitoring {

namespace {

// What the first read of a block asks for; the buffer doubles from there up to the block size.
constexpr size_t kFirstRead = size_t{4} << 10;

// Counts `c` in [begin, end) with memchr, which glibc vectorises: quotes are rare, so this jumps
// from one to the next.
size_t count_sparse(const char* begin, const char* end, char c) {
  size_t count = 0;
  for (const char* p = begin; p < end; ++count, ++p) {
    p = static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)));
    if (p == nullptr) break;
  }
  return count;
}

// Counts line feeds in [begin, end), 64 bytes per step: there is one every 80 bytes or so, too
// many for a memchr call each.
size_t count_line_feeds(const char* begin, const char* end) {
  size_t count = 0;
  const char* p = begin;
#if defined(__SSE2__)
  const __m128i line_feed = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  while (end - p >= 64) {
    // Each byte lane counts matches down from 0 (a match is -1), at most 4 a step: 63 steps
    // cannot overflow it.
    __m128i lanes = zero;
    for (int step = 0; step < 63 && end - p >= 64; ++step, p += 64) {
      for (int i = 0; i < 4; ++i) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
        lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, line_feed));
      }
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    count += static_cast<size_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; p < end; ++p)
    count += *p == '\n' ? 1 : 0;
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
  size_t quotes = count_sparse(begin, end, '"');
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
  while (!input_ended_ && block.end < wanted) {
    // The buffer grows as bytes arrive (and is reused for later blocks), so a small log does not
    // pay for zeroing a whole block.
    if (block.buffer.size() < std::min(block.end + kFirstRead, wanted) + kBlockPadding) {
      const size_t grown = std::max(block.end + kFirstRead, 2 * block.buffer.size());
      block.buffer.resize(std::min(grown, wanted) + kBlockPadding);
    }
    const size_t room = std::min(block.buffer.size() - kBlockPadding, wanted) - block.end;
    TRY_ASSIGN(auto n, input_.read(block.buffer.data() + block.end, room));
    if (n == 0) input_ended_ = true;
    block.end += n;
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
    TRY(fill(block));
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
  next_line_ += count_line_feeds(block.buffer.data() + block.begin, block.buffer.data() + boundary);
  if (!oversized_) return true;
  // The next call reports the oversized record; its line is where this block starts.
  next_line_ = block.first_line;
  return true;
}

}  // namespace aims::monitoring
