#include "http/response.h"

#include "base/text.h"
#include "http/parse/form.h"
#include "http/request.h"

namespace aims::http {

std::string Request::media_type() const {
  auto value = header("content-type");
  if (!value) return {};
  return to_lower_ascii(trim(value->substr(0, value->find(';'))));
}

Response Response::json(int status, std::string body) {
  return Response{status, {{"Content-Type", "application/json"}}, std::move(body)};
}

Response Response::html(int status, std::string body) {
  return Response{status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body)};
}

Response Response::text(int status, std::string body, std::string content_type) {
  return Response{status, {{"Content-Type", std::move(content_type)}}, std::move(body)};
}

Response Response::redirect(std::string location) {
  return Response{303, {{"Location", std::move(location)}}, {}};
}

Response Response::no_content() {
  return Response{204, {}, {}};
}

Response Response::download(std::string body, std::string content_type,
                            const std::string& filename) {
  std::string ascii;
  for (char c : filename) {
    ascii.push_back((c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? c : '_');
  }
  Response r{200, {{"Content-Type", std::move(content_type)}}, std::move(body)};
  r.with_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
                                           percent_encode(filename));
  return r;
}

}  // namespace aims::http
