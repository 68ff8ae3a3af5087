// libFuzzer target: Cookie headers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/parse/cookies.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view header(reinterpret_cast<const char*>(data), size);
  auto value = aims::http::find_cookie(header, "aims_session");
  if (value && value->size() > size) __builtin_trap();
  return 0;
}
