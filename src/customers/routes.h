// The customers module's web routes: its three registers, an AI system's split of
// responsibilities as a page, a panel and JSON, adding the default duties, and the hint on an
// incident's page that its system's customers were not told.
#pragma once

#include <vector>

#include "http/context.h"
#include "http/router.h"

namespace aims::customers {

void register_routes(http::Router& router);

// The AI system page's summary of its split: the duties of its role, the gaps, the link.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);
// The incident page's hint: customers receive its AI system and no notice names the incident.
Result<std::string> incident_panel(const http::Context& ctx, int64_t incident_id);

}  // namespace aims::customers
