// The composition root: which modules' routes make up the server. Shared by `aims serve` and
// the integration tests, so both run exactly the same application.
#pragma once

#include "http/router.h"
#include "monitoring/run_pool.h"
#include "trail/keys.h"

namespace aims::cli {

// Uploaded prediction logs are run on `monitoring_runs`; `keys` sign the audit trail's
// checkpoints. Both must outlive the router.
http::Router build_router(bool secure_cookies, monitoring::RunPool& monitoring_runs,
                          const trail::SigningKeys& keys);

// Makes every module's registers known to the records platform (idempotent); build_router does
// it too, and every subcommand runs after it.
void define_registers();

}  // namespace aims::cli
