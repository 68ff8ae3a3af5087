// Spreadsheets (XLSX) from plain tables. Renders only: modules decide what goes in the table.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace aims::report {

struct Sheet {
  std::string name;  // at most 31 characters; Excel's limit
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The workbook's bytes. Every cell is written as text, never as a formula. Errors: unavailable
// when the temporary file cannot be written.
Result<std::string> xlsx(const std::vector<Sheet>& sheets);

}  // namespace aims::report
