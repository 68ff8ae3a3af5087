// The composition root: which modules' routes make up the server. Shared by `aims serve` and
// the integration tests, so both run exactly the same application.
#pragma once

#include <string>

#include "http/router.h"
#include "monitoring/run_pool.h"
#include "trail/keys.h"

namespace aims::cli {

// Uploaded prediction logs are run on `monitoring_runs`; `keys` sign the audit trail's
// checkpoints. Both must outlive the router. Calendar feeds link to records below `public_url`
// (--public-url; empty: the host the calendar application asked).
http::Router build_router(bool secure_cookies, monitoring::RunPool& monitoring_runs,
                          const trail::SigningKeys& keys, const std::string& public_url = "",
                          bool allow_private_webhooks = false);

// Makes every module's registers known to the records platform (idempotent); build_router does
// it too, and every subcommand runs after it.
void define_registers();

}  // namespace aims::cli
