// Inflates a gzip stream (RFC 1952; several members in a row, as `cat a.gz b.gz` makes) while it
// is read, so a compressed log of any size needs only zlib's window in memory.
#pragma once

#include <string_view>
#include <vector>

#include <zlib.h>

#include "monitoring/engine/input_source.h"

namespace aims::monitoring {

bool has_gzip_magic(std::string_view head);

class GzipSource final : public ByteReader {
 public:
  explicit GzipSource(ByteReader& compressed);
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  // Errors: malformed (corrupt or truncated gzip data), and the errors of the compressed reader.
  Result<size_t> read(char* out, size_t capacity) override;

 private:
  Status refill();

  ByteReader& compressed_;
  z_stream stream_{};
  std::vector<char> input_;
  bool input_ended_ = false;
  bool member_ended_ = false;
};

}  // namespace aims::monitoring
