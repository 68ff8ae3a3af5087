// libFuzzer target for the CSV reader: the scanner on raw bytes, the reader's fast path against the
// scanner, then the whole engine.
#include <cstdint>
#include <string>
#include <vector>

#include "engine_fuzzing.h"
#include "monitoring/engine/csv_reader.h"
#include "monitoring/engine/csv_reader_check.h"

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
  // The first byte picks how many columns the records should have; the scanner above rewrote
  // `buffer` where it unescaped quotes, so the text comes from `data`.
  if (size > 0) {
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t columns = 1 + data[0] % 4;
    if (!(testing::read_with_csv_reader(text, columns, 1) ==
          testing::read_with_csv_scanner(text, columns, 1))) {
      std::abort();
    }
  }
  fuzzing::check_block_size_independence(data, size, LogFormat::csv);
  return 0;
}
