// The impact module's web routes: its two registers' pages and JSON API from the records platform.
#pragma once

#include "http/router.h"

namespace aims::impact {

void register_routes(http::Router& router);

}  // namespace aims::impact
