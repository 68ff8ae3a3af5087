// The oversight module's web routes: the plans register from the records platform, the review
// queue's API and pages, and the oversight panel of the AI system page.
#pragma once

#include "http/context.h"
#include "http/router.h"
#include "oversight/oversight.h"

namespace aims::oversight {

void register_routes(http::Router& router);
// The system's approved plan, its metrics of the last 30 days and its pending decisions.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

// Shared by the API and the pages: `state` (default pending, "all" for every state) and
// `system_id` from the query. Errors: invalid_argument on either.
Result<QueueQuery> queue_query(const http::Context& ctx);
// `days` from the query: 1 to 366, 30 when absent. Errors: invalid_argument on "days".
Result<int> period_days(const http::Context& ctx);
void register_api(http::Router& router);
void register_pages(http::Router& router);

}  // namespace aims::oversight
