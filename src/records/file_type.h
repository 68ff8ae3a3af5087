// What an uploaded file is, decided from its bytes alone (magic numbers, UTF-8, JSON syntax), never
// from what the client claims; the file name only chooses among text types.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::records {

// The media type to store and serve a file as: application/pdf, image/png, image/jpeg,
// image/gif, the OOXML types (docx, xlsx, pptx), application/zip, application/json,
// text/csv, text/markdown or text/plain (all "; charset=utf-8"), else application/octet-stream.
// HTML and SVG are never named as such: they are text, served as text/plain downloads.
// Errors: invalid_argument ("file") for native executables (ELF, PE, Mach-O, Java class files):
// evidence is documents, and aims does not scan files for malware, so it keeps no programs to
// hand out.
Result<std::string> detect_media_type(std::string_view content, std::string_view file_name);

}  // namespace aims::records
