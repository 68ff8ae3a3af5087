// Stage gate checks on the web: POST/GET /api/v1/ai-systems/{id}/gate-checks, GET
// /api/v1/gate-checks/{id}, the check's page, and the panel on the AI system page with the latest
// check and the form that runs one.
#pragma once

#include "http/context.h"
#include "http/router.h"

namespace aims::lifecycle {

void register_gate_routes(http::Router& router);
Result<std::string> gate_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::lifecycle
