// The client behind a trusted reverse proxy: read from X-Forwarded-For or Forwarded (RFC 7239),
// so per-client limits, sign-in throttling and the loopback rule of /metrics see the real client.
#pragma once

#include <string>
#include <vector>

#include "http/request.h"

namespace aims::http {

// The address the proxy chain names as the client: the right-most entry that is not itself a
// trusted proxy. Headers a client wrote itself sit further left and are never reached past a
// proxy address. Falls back to the peer when no usable address is given.
std::string forwarded_client(const Request& request, const std::vector<std::string>& trusted);

}  // namespace aims::http
