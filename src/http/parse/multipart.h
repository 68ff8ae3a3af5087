// multipart/form-data (RFC 7578) parsed as a stream: chunks of any size go in, text fields are
// kept in memory up to a limit, file parts are handed to a sink as their bytes arrive.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace aims::http {

class UploadFile;  // http/upload_store.h; this parser only passes it through

struct MultipartPart {
  std::string name;
  std::string filename;  // empty for a plain field
  std::string content_type;
  std::string value;                 // the content of a plain field
  std::shared_ptr<UploadFile> file;  // where the sink put a file part, if it says so
  uint64_t size = 0;
  bool is_file() const { return !filename.empty(); }
};

struct MultipartLimits {
  size_t max_parts = 64;
  size_t max_field_bytes = 1 << 20;   // a plain field's value
  size_t max_header_bytes = 8 << 10;  // one part's header block
};

// Receives a file part's bytes, in order; returns an error to abort parsing.
using PartSink = std::function<Status(std::string_view bytes)>;
// Called when a file part begins; may set part.file. Returns the sink for its bytes.
using OpenPart = std::function<Result<PartSink>(MultipartPart& part)>;

class MultipartParser {
 public:
  MultipartParser(std::string boundary, MultipartLimits limits, OpenPart open_part);

  // Errors: malformed (with the part name in `field` when known), too_large.
  Status feed(std::string_view chunk);
  // Errors: malformed when the body ended before the closing boundary.
  Status finish();
  const std::vector<MultipartPart>& parts() const { return parts_; }

 private:
  enum class State { preamble, after_delimiter, headers, content, done };
  Status step(bool& progressed);
  Status parse_headers(std::string_view block);
  Status emit(std::string_view bytes);

  std::string delimiter_;  // "\r\n--" + boundary
  MultipartLimits limits_;
  OpenPart open_part_;
  State state_ = State::preamble;
  std::string buffer_;
  std::vector<MultipartPart> parts_;
  PartSink sink_;
};

// The boundary parameter of a multipart/form-data Content-Type. Errors: malformed.
Result<std::string> multipart_boundary(std::string_view content_type);

}  // namespace aims::http
