// The risk module's web routes: its two registers from the records platform, and the criteria,
// library, heat map and printable register with their JSON API.
#pragma once

#include "http/router.h"

namespace aims::risk {

void register_routes(http::Router& router);

}  // namespace aims::risk
