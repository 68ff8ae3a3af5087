// The improvement module's web routes: incidents in the API and the UI, and the form on the AI
// system page that reports one.
#pragma once

#include <string>

#include "http/context.h"
#include "http/router.h"
#include "overview/overview.h"

namespace aims::improvement {

void register_routes(http::Router& router);

// Dashboard number: incidents open or under investigation.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

// The form that reports an incident about one AI system, for its page (empty for those who may
// not). The page lists the system's incidents under "Referred to by".
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::improvement
