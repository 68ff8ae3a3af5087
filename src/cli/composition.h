// The composition root: which modules' routes make up the server. Shared by `aims serve` and
// the integration tests, so both run exactly the same application.
#pragma once

#include "http/router.h"
#include "trail/keys.h"

namespace aims::cli {

// `keys` (the audit trail's signing keys) must outlive the router.
http::Router build_router(bool secure_cookies, const trail::SigningKeys& keys);

}  // namespace aims::cli
