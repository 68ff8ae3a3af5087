// libFuzzer target: JSON request bodies read the way API handlers read them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/parse/json_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto input = aims::http::JsonInput::parse(body);
  if (!input.ok()) return 0;
  (void)input->required_string("name");
  (void)input->optional_int("tier", 1, 5);
  (void)input->optional_number("score", 0, 1);
  (void)input->optional_bool("in_scope");
  (void)input->optional_string_list("tags");
  (void)input->optional_id_list("model_ids");
  (void)input->optional_object_text("mapping");
  (void)input->finish();
  return 0;
}
