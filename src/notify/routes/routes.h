// Notify's pages and JSON API: the email settings with a test message, the webhooks with their
// secret shown once and their delivery log, and each person's digest choice.
#pragma once

#include "http/router.h"
#include "trail/keys.h"

namespace aims::notify {

struct RouteOptions {
  bool allow_private = false;  // --allow-private-webhooks: private destinations and plain http
};

// `keys` must outlive the router.
void register_routes(http::Router& router, const trail::SigningKeys& keys, RouteOptions options);

}  // namespace aims::notify
