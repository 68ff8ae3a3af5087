#include "notify/destinations.h"

#include <array>
#include <cstring>
#include <memory>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

namespace aims::notify {
namespace {

constexpr size_t kMaxUrlLength = 2000;

Error bad_url(const std::string& message) {
  return Error::invalid("url", message);
}

struct Range4 {
  uint32_t network;
  int prefix;
};

bool in_range(uint32_t address, const Range4& r) {
  const uint32_t mask = r.prefix == 0 ? 0 : ~uint32_t{0} << (32 - r.prefix);
  return (address & mask) == (r.network & mask);
}

bool is_public_v4(uint32_t a) {
  static constexpr std::array<Range4, 10> kRefused = {{
      {0x00000000, 8},   // "this network", 0.0.0.0 unspecified
      {0x0A000000, 8},   // 10/8 private
      {0x64400000, 10},  // 100.64/10 shared address space (CGNAT)
      {0x7F000000, 8},   // loopback
      {0xA9FE0000, 16},  // 169.254/16 link-local (cloud metadata services live here)
      {0xAC100000, 12},  // 172.16/12 private
      {0xC0000000, 24},  // 192.0.0/24 protocol assignments
      {0xC0A80000, 16},  // 192.168/16 private
      {0xC6120000, 15},  // 198.18/15 benchmarking
      {0xE0000000, 3},   // multicast, reserved and broadcast
  }};
  for (const auto& r : kRefused)
    if (in_range(a, r)) return false;
  return true;
}

uint32_t v4_at(const unsigned char* b) {
  return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | uint32_t(b[3]);
}

bool is_public_v6(const unsigned char* b) {
  static constexpr unsigned char kZero[16] = {};
  if (std::memcmp(b, kZero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return false;  // :: and ::1
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMapped, 12) == 0) return is_public_v4(v4_at(b + 12));
  static constexpr unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kNat64, 12) == 0) return is_public_v4(v4_at(b + 12));
  if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;  // fe80::/10 link-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return false;  // fec0::/10 old site-local
  if (b[0] == 0xff) return false;                           // multicast
  return true;
}

std::string part(CURLU* url, CURLUPart which) {
  char* text = nullptr;
  if (curl_url_get(url, which, &text, CURLU_DEFAULT_PORT) != CURLUE_OK || text == nullptr)
    return "";
  std::string out(text);
  curl_free(text);
  return out;
}

std::string numeric(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
              sizeof text);
  }
  return text;
}

}  // namespace

bool is_public_address(std::string_view address) {
  const std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return is_public_v4(v4_at(bytes));
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return is_public_v6(bytes);
  return false;
}

Result<Destination> parse_destination(std::string_view url, bool allow_private) {
  if (url.empty()) return bad_url("a webhook needs a URL");
  if (url.size() > kMaxUrlLength) return bad_url("the URL is longer than 2,000 characters");
  for (const char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return bad_url("the URL may not contain spaces or control characters");
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  if (curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK)
    return bad_url("not a URL: write it in full, e.g. https://hooks.example.com/aims");
  Destination d;
  d.url = std::string(url);
  d.scheme = part(parsed.get(), CURLUPART_SCHEME);
  if (d.scheme != "https" && d.scheme != "http")
    return bad_url("a webhook URL starts with https://");
  if (d.scheme == "http" && !allow_private)
    return bad_url(
        "a webhook URL must use https (plain http only on a server started with "
        "--allow-private-webhooks)");
  if (!part(parsed.get(), CURLUPART_USER).empty())
    return bad_url("put no user name or password in the URL: the signature proves the sender");
  d.host = part(parsed.get(), CURLUPART_HOST);
  if (d.host.size() > 2 && d.host.front() == '[') d.host = d.host.substr(1, d.host.size() - 2);
  if (d.host.empty()) return bad_url("the URL names no host");
  const long port = std::strtol(part(parsed.get(), CURLUPART_PORT).c_str(), nullptr, 10);
  if (port < 1 || port > 65535) return bad_url("the URL's port must be 1 to 65535");
  d.port = uint16_t(port);
  return d;
}

Result<Destination> resolve_destination(std::string_view url, bool allow_private) {
  TRY_ASSIGN(Destination d, parse_destination(url, allow_private));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(d.host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr)
    return bad_url("the host " + d.host + " cannot be found");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, freeaddrinfo);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const std::string address = numeric(a->ai_addr);
    if (address.empty()) continue;
    if (!allow_private && !is_public_address(address)) {
      return bad_url("the host " + d.host + " is on a private, loopback or link-local network (" +
                     address + "); webhooks may not reach internal services");
    }
    if (d.address.empty()) d.address = address;
  }
  if (d.address.empty()) return bad_url("the host " + d.host + " has no usable address");
  return d;
}

}  // namespace aims::notify
