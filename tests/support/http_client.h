// A small blocking HTTP/1.1 client for integration tests, with a cookie jar and CSRF helper.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace aims::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> header(const std::string& lower_name) const;
  nlohmann::json json() const;  // null when the body is not JSON
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port) : port_(port) {}

  // Sends one request on a fresh connection. Cookies from Set-Cookie are kept and sent back.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  // JSON body with Content-Type set; adds the bearer token or the session's CSRF header.
  HttpResponse send_json(const std::string& method, const std::string& target,
                         const nlohmann::json& body,
                         std::vector<std::pair<std::string, std::string>> headers = {});

  // Signs in through the API; keeps the session cookie and CSRF token. Returns the status.
  int login(const std::string& email, const std::string& password);
  void use_token(const std::string& token) { bearer_ = token; }
  void forget_credentials();
  const std::string& csrf() const { return csrf_; }
  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string bearer_;
};

}  // namespace aims::testing
