#include "records/file_type.h"

#include <array>

#include <nlohmann/json.hpp>

#include "base/text.h"

namespace aims::records {
namespace {

bool starts(std::string_view content, std::string_view magic) {
  return content.substr(0, magic.size()) == magic;
}

bool is_executable(std::string_view content) {
  using namespace std::string_view_literals;
  constexpr std::array kMagic = {
      "\x7f"
      "ELF"sv,  // Linux, BSDs
      "\xfe\xed\xfa\xce"sv,
      "\xfe\xed\xfa\xcf"sv,
      "\xce\xfa\xed\xfe"sv,  // Mach-O
      "\xcf\xfa\xed\xfe"sv,
      "\xca\xfe\xba\xbe"sv,  // Mach-O universal, Java class
  };
  for (auto magic : kMagic) {
    if (starts(content, magic)) return true;
  }
  // Windows (PE) programs start with an MS-DOS header; a text that happens to start with "MZ" is
  // still text.
  return starts(content, "MZ") && !is_valid_utf8(content);
}

// Text people can open: valid UTF-8 without control characters other than tab, line breaks and
// form feed.
bool is_text(std::string_view content) {
  for (char c : content) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || byte == 0x7f)
      return false;
  }
  return is_valid_utf8(content);
}

std::string extension(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string() : to_lower_ascii(name.substr(dot + 1));
}

// An Office Open XML package is a ZIP holding [Content_Types].xml and its main part; the names
// are stored uncompressed in the ZIP's headers.
std::string zip_type(std::string_view content) {
  if (content.find("[Content_Types].xml") != std::string_view::npos) {
    if (content.find("word/document") != std::string_view::npos)
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (content.find("xl/workbook") != std::string_view::npos)
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (content.find("ppt/presentation") != std::string_view::npos)
      return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  }
  return "application/zip";
}

std::string text_type(std::string_view content, std::string_view file_name) {
  if (content.starts_with("\xef\xbb\xbf")) content.remove_prefix(3);  // a byte order mark
  const auto first = content.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (content[first] == '{' || content[first] == '[') &&
      nlohmann::json::accept(content)) {
    return "application/json";
  }
  const std::string ext = extension(file_name);
  if (ext == "csv") return "text/csv; charset=utf-8";
  if (ext == "md" || ext == "markdown") return "text/markdown; charset=utf-8";
  return "text/plain; charset=utf-8";
}

}  // namespace

Result<std::string> detect_media_type(std::string_view content, std::string_view file_name) {
  if (is_executable(content)) {
    return Error::invalid("file",
                          "programs cannot be attached; attach documents, images, spreadsheets, "
                          "archives or text");
  }
  if (starts(content, "%PDF-")) return std::string("application/pdf");
  if (starts(content, "\x89PNG\r\n\x1a\n")) return std::string("image/png");
  if (starts(content, "\xff\xd8\xff")) return std::string("image/jpeg");
  if (starts(content, "GIF87a") || starts(content, "GIF89a")) return std::string("image/gif");
  if (starts(content, "PK\x03\x04") || starts(content, "PK\x05\x06")) return zip_type(content);
  if (is_text(content)) return text_type(content, file_name);
  return std::string("application/octet-stream");
}

}  // namespace aims::records
