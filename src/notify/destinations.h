// Where a webhook may send: the SSRF guard. A destination is checked when a webhook is saved and
// again before every delivery, by resolving its host and refusing loopback, link-local, private
// (RFC 1918, unique-local IPv6), shared (CGNAT), unspecified, multicast and reserved addresses;
// the delivery then connects to the very address that was checked. `aims serve
// --allow-private-webhooks` lifts the rule (and allows plain http) for trusted networks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace aims::notify {

struct Destination {
  std::string url;
  std::string scheme;  // "https" or "http"
  std::string host;    // as in the URL, without IPv6 brackets
  uint16_t port = 0;
  std::string address;  // the checked numeric address to connect to
};

// Whether a numeric IPv4 or IPv6 address is one a webhook may reach without the server flag.
// False for text that is not an address.
bool is_public_address(std::string_view address);

// The URL's parts, checked without resolving: absolute http(s) URL, no user information, at most
// 2,000 characters, https unless `allow_private`. Errors: invalid_argument on "url".
Result<Destination> parse_destination(std::string_view url, bool allow_private);

// parse_destination, then resolves the host and picks the address to connect to. Every address
// the name resolves to must be public unless `allow_private` (a name that resolves to one public
// and one private address could be made to pick either). Errors: invalid_argument on "url".
Result<Destination> resolve_destination(std::string_view url, bool allow_private);

}  // namespace aims::notify
