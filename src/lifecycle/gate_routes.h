// Stage gate checks on the web: POST/GET /api/v1/ai-systems/{id}/gate-checks, GET
// /api/v1/gate-checks/{id}, the check's page, and the panel on the AI system page with the latest
// check and the form that runs one.
#pragma once

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "http/router.h"

namespace aims::lifecycle {

struct GateCheck;

void register_gate_routes(http::Router& router);
Result<std::string> gate_panel(const http::Context& ctx, int64_t system_id);
// A check as the pages show it: stage and tier in words, each criterion, how many are unmet.
nlohmann::json gate_check_view(const GateCheck& check);

}  // namespace aims::lifecycle
