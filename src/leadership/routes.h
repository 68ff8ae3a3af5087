// The leadership module's web routes: its registers from the records platform, the holds and the
// RACI of an AI system (page, panel on the system page and JSON), and its dashboard headline.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::leadership {

void register_routes(http::Router& router);

// The AI system page's section: a banner for each hold in force, and the system's RACI grid.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

// Dashboard number: holds in force, and decisions whose follow-up is overdue.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::leadership
