// The improvement module's web routes: incidents in the API and the UI, and their panel on the AI
// system page.
#pragma once

#include <string>

#include "http/context.h"
#include "http/router.h"
#include "overview/overview.h"

namespace aims::improvement {

void register_routes(http::Router& router);

// Dashboard number: incidents open or under investigation.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

// The incidents of one AI system, for its page.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::improvement
