// The resources module's web routes: its three registers' pages, API and OpenAPI from the
// records platform. The AI system page shows the tools and compute a system uses under the
// platform's "Referred to by" (by name, with the registers' list columns), so no panel is added.
#pragma once

#include "http/router.h"

namespace aims::resources {

void register_routes(http::Router& router);

}  // namespace aims::resources
