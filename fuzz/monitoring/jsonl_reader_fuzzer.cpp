// libFuzzer target for the JSON Lines reader: the reader on raw bytes, then the whole engine.
#include <cstdint>
#include <string>

#include "engine_fuzzing.h"
#include "monitoring/engine/jsonl_reader.h"
#include "monitoring/engine/log_schema.h"

namespace {

class CountingSink : public aims::monitoring::RowSink {
 public:
  aims::Status add(const aims::monitoring::Row&) override {
    ++rows;
    return {};
  }
  uint64_t rows = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aims::monitoring;
  static const LogSchema schema = *LogSchema::create(fuzzing::fuzz_config());
  std::string buffer(reinterpret_cast<const char*>(data), size);
  buffer.append(kBlockPadding, '\0');
  JsonlReader reader(schema);
  CountingSink sink;
  auto records = reader.read(buffer.data(), size, 1, sink);
  if (records && *records != sink.rows) std::abort();
  fuzzing::check_block_size_independence(data, size, LogFormat::jsonl);
  return 0;
}
