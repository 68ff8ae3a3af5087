// The documents module's web routes: the register's pages, API and sidebar entry, all from the
// records platform.
#pragma once

#include "http/router.h"

namespace aims::documents {

void register_routes(http::Router& router);

}  // namespace aims::documents
