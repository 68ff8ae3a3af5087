// The public concerns channel's pages: reachable without an account, through the link only.
#pragma once

#include "http/router.h"

namespace aims::concerns {

// GET/POST /concerns/{token} (the form) and /concerns/{token}/status (the receipt code).
void register_public_routes(http::Router& router);

}  // namespace aims::concerns
