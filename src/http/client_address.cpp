#include "http/client_address.h"

#include <algorithm>

#include "base/text.h"

namespace aims::http {
namespace {

bool looks_like_ip(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
  });
}

// One `for=` value of a Forwarded element: 192.0.2.1, "[2001:db8::1]:4711", "192.0.2.1:80".
std::string forwarded_for(std::string_view element) {
  for (auto pair : split(element, ';')) {
    pair = trim(pair);
    if (to_lower_ascii(pair.substr(0, 4)) != "for=") continue;
    std::string_view value = trim(pair.substr(4));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value.starts_with('[')) return std::string(value.substr(1, value.find(']') - 1));
    if (std::count(value.begin(), value.end(), ':') == 1) value = value.substr(0, value.find(':'));
    return std::string(value);
  }
  return {};
}

// Addresses in the order the proxies appended them (client first).
std::vector<std::string> chain(const Request& request) {
  std::vector<std::string> hops;
  if (auto xff = request.header("x-forwarded-for")) {
    for (auto hop : split(*xff, ','))
      hops.emplace_back(trim(hop));
  } else if (auto forwarded = request.header("forwarded")) {
    for (auto element : split(*forwarded, ','))
      hops.push_back(forwarded_for(element));
  }
  return hops;
}

}  // namespace

std::string forwarded_client(const Request& request, const std::vector<std::string>& trusted) {
  const auto hops = chain(request);
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    if (!looks_like_ip(*hop)) break;
    if (std::find(trusted.begin(), trusted.end(), *hop) == trusted.end()) return *hop;
  }
  return request.peer_addr.empty() ? request.remote_addr : request.peer_addr;
}

}  // namespace aims::http
