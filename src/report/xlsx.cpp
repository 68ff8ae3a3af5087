#include "report/xlsx.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <xlsxwriter.h>

#include "base/crypto.h"

namespace aims::report {

Result<std::string> xlsx(const std::vector<Sheet>& sheets) {
  // libxlsxwriter 1.1.4 writes only to a file; the workbook goes through a private temp file.
  const auto path =
      std::filesystem::temp_directory_path() / ("aims-" + crypto::random_token(12) + ".xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Error::unavailable("cannot create a temporary workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE8EFFF);
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.substr(0, 31).c_str());
    std::vector<size_t> widths(sheet.header.size(), 8);
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
      widths[c] = std::max(widths[c], sheet.header[c].size());
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      for (size_t c = 0; c < sheet.rows[r].size() && c < widths.size(); ++c) {
        worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               sheet.rows[r][c].c_str(), nullptr);
        widths[c] = std::max(widths[c], std::min<size_t>(sheet.rows[r][c].size(), 60));
      }
    }
    for (size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           static_cast<double>(widths[c] + 2), nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!sheet.header.empty()) {
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                           static_cast<lxw_col_t>(sheet.header.size() - 1));
    }
  }
  const lxw_error closed = workbook_close(book);
  std::error_code ignored;
  if (closed != LXW_NO_ERROR) {
    std::filesystem::remove(path, ignored);
    return Error::unavailable(std::string("cannot write the workbook: ") + lxw_strerror(closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path, ignored);
  return bytes.str();
}

}  // namespace aims::report
