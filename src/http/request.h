// An HTTP request as handlers see it: no Beast types, headers by lower-case name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aims::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path plus query
  std::string path;    // percent-decoded path without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                                          // small bodies, read into memory
  std::string body_file;  // large bodies, streamed to this file (deleted after the response)
  std::string remote_addr;
  std::string request_id;

  std::optional<std::string_view> header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_name) return std::string_view(value);
    }
    return std::nullopt;
  }
  // The media type of Content-Type, lower-cased, without parameters.
  std::string media_type() const;
};

}  // namespace aims::http
