// The context module's web routes: its registers' pages and JSON API from the records platform.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::context {

void register_routes(http::Router& router);

// Dashboard number: active communication plan items, and how many are overdue.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::context
