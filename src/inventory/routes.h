// The inventory's web routes: the JSON API and the pages of the four registers and the scope.
#pragma once

#include "http/router.h"

namespace aims::inventory {

void register_routes(http::Router& router);

}  // namespace aims::inventory
