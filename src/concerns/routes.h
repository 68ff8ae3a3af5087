// The concerns module's web routes: the register's pages and API, the public channel (no sign-in),
// its settings page, and triage.
#pragma once

#include <vector>

#include "http/context.h"
#include "http/router.h"
#include "overview/overview.h"

namespace aims::concerns {

void register_routes(http::Router& router);

// Dashboard number: concerns waiting for triage.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::concerns
