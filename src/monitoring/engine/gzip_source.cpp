#include "monitoring/engine/gzip_source.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace aims::monitoring {

namespace {

constexpr size_t kCompressedChunk = size_t{256} << 10;
// windowBits 15 plus 16: expect a gzip header and trailer rather than raw zlib.
constexpr int kGzipWindowBits = 15 + 16;

}  // namespace

bool has_gzip_magic(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b;
}

GzipSource::GzipSource(ByteReader& compressed) : compressed_(compressed), input_(kCompressedChunk) {
  if (inflateInit2(&stream_, kGzipWindowBits) != Z_OK) {
    throw std::runtime_error("zlib inflateInit2 failed");  // only on out-of-memory
  }
}

GzipSource::~GzipSource() {
  inflateEnd(&stream_);
}

Status GzipSource::refill() {
  TRY_ASSIGN(auto n, compressed_.read(input_.data(), input_.size()));
  if (n == 0) input_ended_ = true;
  stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
  stream_.avail_in = static_cast<uInt>(n);
  return {};
}

Result<size_t> GzipSource::read(char* out, size_t capacity) {
  stream_.next_out = reinterpret_cast<Bytef*>(out);
  stream_.avail_out = static_cast<uInt>(std::min<size_t>(capacity, 1u << 30));
  const uInt wanted = stream_.avail_out;
  while (stream_.avail_out == wanted) {
    if (stream_.avail_in == 0 && !input_ended_) {
      TRY(refill());
    }
    if (member_ended_) {
      if (stream_.avail_in == 0 && input_ended_) return size_t{0};
      // Another gzip member follows.
      if (inflateReset(&stream_) != Z_OK) return Error::internal("zlib inflateReset failed");
      member_ended_ = false;
    }
    if (stream_.avail_in == 0 && input_ended_) {
      return Error::malformed("gzip: the compressed stream is truncated");
    }
    const int code = inflate(&stream_, Z_NO_FLUSH);
    if (code == Z_STREAM_END) {
      member_ended_ = true;
    } else if (code == Z_BUF_ERROR && stream_.avail_in == 0) {
      continue;  // needs more input
    } else if (code != Z_OK) {
      return Error::malformed(std::string("gzip: ") +
                              (stream_.msg != nullptr ? stream_.msg : "corrupt data"));
    }
  }
  return static_cast<size_t>(wanted - stream_.avail_out);
}

}  // namespace aims::monitoring
