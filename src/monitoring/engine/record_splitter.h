// Cuts the decoded log into blocks of whole records, so worker threads can parse them
// independently: at a line break for JSON Lines, at a line break outside quotes for CSV.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/input_source.h"

namespace aims::monitoring {

struct Block {
  uint64_t index = 0;
  uint64_t first_line = 1;  // physical line of the byte at `begin`
  size_t begin = 0;         // first record byte (after a byte-order mark, or the CSV header)
  size_t end = 0;           // one past the last record byte; kBlockPadding readable bytes follow
  std::vector<char> buffer;
};

class RecordSplitter {
 public:
  // `format` may be LogFormat::detect: a log whose first non-blank byte is '{' is JSON Lines.
  RecordSplitter(ByteReader& input, LogFormat format, size_t block_bytes,
                 size_t max_record_bytes = size_t{64} << 20);

  // Fills `block` with the next records (its index is left to the caller). Returns false, leaving
  // `block` untouched, once the input is exhausted. Errors: those of the input, and malformed for
  // a record longer than max_record_bytes (reported after that record was handed out, so a parser
  // can first name a precise cause such as an unterminated quote).
  Result<bool> next(Block& block);

  // Known after the first call to next().
  LogFormat format() const { return format_; }

 private:
  Status fill(Block& block);
  size_t find_boundary(const Block& block) const;
  // Skips a byte-order mark and settles the format; false while the buffer holds too little to.
  bool detect_format(Block& block);

  ByteReader& input_;
  LogFormat format_;
  size_t block_bytes_;
  size_t max_record_bytes_;
  std::vector<char> carry_;  // bytes after the last boundary, the start of the next block
  uint64_t next_line_ = 1;
  bool first_ = true;
  bool input_ended_ = false;
  bool oversized_ = false;
};

}  // namespace aims::monitoring
