// Stage changes on the web: POST /api/v1/stage-changes/{id}/approve and its form, which check the
// gate before the approval moves the system; the entry criteria on a stage change's page; the
// stage changes waiting on an AI system; and "Stage changes to approve" on My work.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "http/router.h"

namespace aims::lifecycle {

void register_stage_routes(http::Router& router);
// The system's stage changes still in draft or awaiting approval: name, href and state in words.
Result<std::vector<nlohmann::json>> open_stage_changes(const http::Context& ctx, int64_t system_id);

}  // namespace aims::lifecycle
