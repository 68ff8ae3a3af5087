// The risk module's web routes: its two registers from the records platform, and the criteria,
// library, heat map and printable register with their JSON API.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::risk {

void register_routes(http::Router& router);

// Dashboard number: open risks, how many are above the threshold without acceptance, awaiting
// acceptance, or have a review raised by a monitoring breach.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::risk
