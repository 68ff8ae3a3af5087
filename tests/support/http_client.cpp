#include "support/http_client.h"

#include <utility>  // before Asio (Boost 1.74)

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace aims::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return std::nullopt;
}

nlohmann::json HttpResponse::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
  std::string cookie;
  for (const auto& [name, value] : cookies_)
    cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
  if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
  for (const auto& [name, value] : headers)
    req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  bhttp::read(stream, buffer, parser);
  auto res = parser.release();
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);

  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value(field.value());
    if (name == "set-cookie") {
      const auto eq = value.find('='), semi = value.find(';');
      const std::string key = value.substr(0, eq);
      const std::string val = value.substr(eq + 1, semi - eq - 1);
      if (value.find("Max-Age=0") != std::string::npos || val.empty()) {
        cookies_.erase(key);
      } else {
        cookies_[key] = val;
      }
    }
    out.headers.emplace_back(std::move(name), std::move(value));
  }
  out.body = std::move(res.body());
  return out;
}

HttpResponse HttpClient::send_json(const std::string& method, const std::string& target,
                                   const nlohmann::json& body,
                                   std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "application/json");
  if (bearer_.empty() && !csrf_.empty()) headers.emplace_back("X-CSRF-Token", csrf_);
  return request(method, target, body.dump(), std::move(headers));
}

int HttpClient::login(const std::string& email, const std::string& password) {
  bearer_.clear();
  auto r = send_json("POST", "/api/v1/auth/login", {{"email", email}, {"password", password}});
  if (r.status == 200) csrf_ = r.json().value("csrf_token", "");
  return r.status;
}

void HttpClient::forget_credentials() {
  cookies_.clear();
  csrf_.clear();
  bearer_.clear();
}

}  // namespace aims::testing
