// The leadership module's web routes: its registers from the records platform, the holds and the
// RACI of an AI system (page, panel on the system page and JSON), and its dashboard headline.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::leadership {

void register_routes(http::Router& router);

// The top of the AI system page: a banner for each hold in force on it (nothing when none is).
Result<std::string> hold_banner(const http::Context& ctx, int64_t system_id);
// The AI system page's section: the system's RACI grid and a form to assign someone.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

// Dashboard number: holds in force, and decisions whose follow-up is overdue.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::leadership
