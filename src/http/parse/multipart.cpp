#include "http/parse/multipart.h"

#include "base/text.h"

namespace aims::http {
namespace {

// Splits `; key=value` parameters of a header value, unquoting quoted values.
std::vector<std::pair<std::string, std::string>> header_parameters(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> params;
  for (std::string_view item : split(value, ';')) {
    item = trim(item);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = to_lower_ascii(trim(item.substr(0, eq)));
    std::string_view v = trim(item.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    params.emplace_back(std::move(key), std::string(v));
  }
  return params;
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (to_lower_ascii(trim(content_type.substr(0, semicolon))) != "multipart/form-data") {
    return Error::malformed("expected Content-Type multipart/form-data");
  }
  if (semicolon == std::string_view::npos)
    return Error::malformed("multipart body has no boundary");
  for (auto& [key, value] : header_parameters(content_type.substr(semicolon + 1))) {
    if (key == "boundary") {
      if (value.empty() || value.size() > 70) {
        return Error::malformed("multipart boundary must be 1 to 70 characters");
      }
      return value;
    }
  }
  return Error::malformed("multipart body has no boundary");
}

MultipartParser::MultipartParser(std::string boundary, MultipartLimits limits, OpenPart open_part)
    : delimiter_("\r\n--" + boundary), limits_(limits), open_part_(std::move(open_part)) {
  // The first delimiter may open the body without a preceding CRLF; pretending one was there
  // lets a single search rule find every delimiter.
  buffer_ = "\r\n";
}

Status MultipartParser::feed(std::string_view chunk) {
  buffer_.append(chunk);
  bool progressed = true;
  while (progressed) {
    progressed = false;
    if (Status s = step(progressed); !s) return s;
  }
  return {};
}

Status MultipartParser::finish() {
  if (state_ != State::done)
    return Error::malformed("multipart body ended before its closing boundary");
  return {};
}

Status MultipartParser::emit(std::string_view bytes) {
  if (bytes.empty()) return {};
  MultipartPart& part = parts_.back();
  part.size += bytes.size();
  if (part.is_file()) return sink_ ? sink_(bytes) : Status{};
  if (part.value.size() + bytes.size() > limits_.max_field_bytes) {
    return Error{ErrorCode::too_large, "form field '" + part.name + "' is too large", part.name};
  }
  part.value.append(bytes);
  return {};
}

Status MultipartParser::parse_headers(std::string_view block) {
  MultipartPart part;
  bool has_disposition = false;
  for (std::string_view line : split(block, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return Error::malformed("multipart part header has no ':'");
    const std::string name = to_lower_ascii(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      has_disposition = true;
      for (auto& [key, v] :
           header_parameters(value.substr(std::min(value.find(';'), value.size())))) {
        if (key == "name") part.name = v;
        if (key == "filename") part.filename = v.empty() ? "upload" : v;
      }
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition || part.name.empty()) {
    return Error::malformed("multipart part lacks a Content-Disposition name");
  }
  if (!is_valid_utf8(part.name) || !is_valid_utf8(part.filename)) {
    return Error::malformed("multipart part name is not valid UTF-8");
  }
  if (parts_.size() >= limits_.max_parts) return Error::malformed("too many multipart parts");
  parts_.push_back(std::move(part));
  sink_ = nullptr;
  if (parts_.back().is_file()) {
    TRY_ASSIGN(sink_, open_part_(parts_.back()));
  }
  return {};
}

Status MultipartParser::step(bool& progressed) {
  switch (state_) {
    case State::preamble: {
      const size_t at = buffer_.find(delimiter_);
      if (at == std::string::npos) {
        // Keep only what could still be the start of a delimiter.
        if (buffer_.size() > delimiter_.size())
          buffer_.erase(0, buffer_.size() - delimiter_.size());
        return {};
      }
      buffer_.erase(0, at + delimiter_.size());
      state_ = State::after_delimiter;
      progressed = true;
      return {};
    }
    case State::after_delimiter: {
      if (buffer_.size() < 2) return {};
      if (buffer_.compare(0, 2, "--") == 0) {
        state_ = State::done;
        buffer_.clear();
        return {};
      }
      // Transport padding (spaces or tabs) may follow a delimiter before its CRLF.
      const size_t eol = buffer_.find("\r\n");
      if (eol == std::string::npos) {
        if (buffer_.size() > 256) return Error::malformed("multipart delimiter line is too long");
        return {};
      }
      if (!trim(std::string_view(buffer_).substr(0, eol)).empty()) {
        return Error::malformed("unexpected text after a multipart delimiter");
      }
      buffer_.erase(0, eol + 2);
      state_ = State::headers;
      progressed = true;
      return {};
    }
    case State::headers: {
      const size_t end = buffer_.find("\r\n\r\n");
      const bool empty_block = buffer_.compare(0, 2, "\r\n") == 0;
      if (end == std::string::npos && !empty_block) {
        if (buffer_.size() > limits_.max_header_bytes) {
          return Error::malformed("multipart part headers are too long");
        }
        return {};
      }
      const size_t block_end = empty_block ? 0 : end;
      if (block_end > limits_.max_header_bytes)
        return Error::malformed("multipart part headers are too long");
      if (Status s = parse_headers(std::string_view(buffer_).substr(0, block_end)); !s) return s;
      buffer_.erase(0, block_end + (empty_block ? 2 : 4));
      state_ = State::content;
      progressed = true;
      return {};
    }
    case State::content: {
      const size_t at = buffer_.find(delimiter_);
      if (at == std::string::npos) {
        // Everything but a possible partial delimiter at the end is content.
        if (buffer_.size() >= delimiter_.size()) {
          const size_t safe = buffer_.size() - (delimiter_.size() - 1);
          if (Status s = emit(std::string_view(buffer_).substr(0, safe)); !s) return s;
          buffer_.erase(0, safe);
        }
        return {};
      }
      if (Status s = emit(std::string_view(buffer_).substr(0, at)); !s) return s;
      buffer_.erase(0, at + delimiter_.size());
      state_ = State::after_delimiter;
      progressed = true;
      return {};
    }
    case State::done:
      buffer_.clear();  // the epilogue is ignored
      return {};
  }
  return {};
}

}  // namespace aims::http
