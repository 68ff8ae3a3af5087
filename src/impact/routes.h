// The impact module's web routes: its two registers' pages and JSON API from the records platform.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::impact {

void register_routes(http::Router& router);

// Dashboard number: approved assessments, and how many a significant change has flagged.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::impact
