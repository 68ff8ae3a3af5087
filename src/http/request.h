// An HTTP request as handlers see it: no Beast types, headers by lower-case name.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aims::http {

class UploadFile;
struct Admitted;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path plus query
  std::string path;    // percent-decoded path without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                                          // small bodies, read into memory
  // Large bodies, streamed to a file of the server's upload store; removed when the last holder
  // (the request, or deferred work that took a copy) lets go.
  std::shared_ptr<UploadFile> body_file;
  std::string remote_addr;  // the client: the peer, or what a trusted proxy says the client is
  std::string peer_addr;    // the connection's other end
  std::string request_id;
  // Set once the route, caller and permission have been checked (App::admit), before the body.
  std::shared_ptr<const Admitted> admitted;

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
