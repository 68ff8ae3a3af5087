// libFuzzer target for the CSV reader: the scanner on raw bytes, then the whole engine.
#include <cstdint>
#include <string>
#include <vector>

#include "engine_fuzzing.h"
#include "monitoring/engine/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aims::monitoring;
  std::string buffer(reinterpret_cast<const char*>(data), size);
  CsvScanner scanner(buffer.data(), buffer.size(), 1);
  std::vector<std::string_view> fields;
  for (auto more = scanner.next_record(fields); more && *more; more = scanner.next_record(fields)) {
    for (const auto& field : fields) {
      // Every non-empty field is a view into the scanned buffer.
      if (field.empty()) continue;
      if (field.data() < buffer.data() || field.data() + field.size() > buffer.data() + size) {
        std::abort();
      }
    }
  }
  fuzzing::check_block_size_independence(data, size, LogFormat::csv);
  return 0;
}
