// An HTTP response as handlers build it, plus the constructors every route uses.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aims::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  static Response json(int status, std::string body);
  static Response html(int status, std::string body);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  // 303 See Other: after a form POST the browser fetches `location` with GET.
  static Response redirect(std::string location);
  static Response no_content();
  // A file to download: Content-Disposition names it (RFC 6266, with a UTF-8 filename*).
  static Response download(std::string body, std::string content_type, const std::string& filename);
};

}  // namespace aims::http
