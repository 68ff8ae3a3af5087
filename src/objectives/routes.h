// The objectives module's web routes: its two registers from the records platform, the progress
// panel on an objective's page and its JSON twin, and the dashboard number.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::objectives {

void register_routes(http::Router& router);

// Dashboard number: objectives under way, and how many of them are behind or off track.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::objectives
