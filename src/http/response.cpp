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

Response Response::later(std::function<void(Finish)> start) {
  Response r{202, {}, {}};
  r.deferred = std::move(start);
  return r;
}

namespace {

bool is_same_site_path(std::string_view path) {
  if (path.empty() || path[0] != '/' || path.starts_with("//")) return false;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return false;
  }
  return true;
}

}  // namespace

std::string same_site_path(std::string_view next) {
  std::string decoded;
  if (!is_same_site_path(next) || !percent_decode(next, decoded, false) ||
      !is_same_site_path(decoded)) {
    return "/";
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : next) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out += {'%', kHex[byte >> 4], kHex[byte & 0xf]};
    }
  }
  return out;
}

}  // namespace aims::http
