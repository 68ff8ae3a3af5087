// The audit trail's web routes: the event list (API and page, with filters) and chain verification.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "trail/trail.h"

namespace aims::trail {

void register_routes(http::Router& router);

// An event as the shared event table (web partial "event_table") shows it, for record pages.
nlohmann::json event_view(const Event& event);

}  // namespace aims::trail
