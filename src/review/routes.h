// The review module's web routes: its three registers from the records platform, the input pack
// and hold form on a review's page, holding a review (page and API), and the printable minutes.
#pragma once

#include "http/router.h"

namespace aims::review {

void register_routes(http::Router& router);

}  // namespace aims::review
