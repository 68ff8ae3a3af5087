// The audit trail's web routes: the event list (API and page, with filters), chain verification,
// the signed checkpoints and the public key auditors pin.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "trail/keys.h"
#include "trail/trail.h"

namespace aims::trail {

// `keys` (the server's key file) must outlive the router: the routes show each organisation's
// public key and check its checkpoints with it.
void register_routes(http::Router& router, const SigningKeys& keys);

// An event as the shared event table (web partial "event_table") shows it, for record pages.
nlohmann::json event_view(const Event& event);

}  // namespace aims::trail
