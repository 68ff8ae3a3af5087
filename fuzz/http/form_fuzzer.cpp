// libFuzzer target: URL-encoded forms and query strings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/parse/form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto fields = aims::http::parse_form(text);
  if (fields.ok()) {
    for (const auto& [name, value] : *fields) {
      std::string back;
      // Whatever was decoded must survive an encode/decode round trip unchanged.
      if (!aims::http::percent_decode(aims::http::percent_encode(value), back, false) ||
          back != value) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
