// libFuzzer target: multipart/form-data bodies, fed in uneven chunks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/parse/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  size_t file_bytes = 0;
  aims::http::MultipartParser parser(
      "bnd", {}, [&](aims::http::MultipartPart&) -> aims::Result<aims::http::PartSink> {
        return aims::http::PartSink([&](std::string_view bytes) -> aims::Status {
          file_bytes += bytes.size();
          return {};
        });
      });
  // The first byte picks the chunk size, so chunk boundaries fall everywhere.
  const size_t chunk = size ? 1 + data[0] % 17 : 1;
  for (size_t i = 0; i < body.size(); i += chunk) {
    if (!parser.feed(body.substr(i, chunk)).ok()) return 0;
  }
  if (parser.finish().ok() && file_bytes > size) __builtin_trap();
  return 0;
}
