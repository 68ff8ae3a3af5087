// The audit trail's web routes: the event list (API and page, with filters) and chain verification.
#pragma once

#include "http/router.h"

namespace aims::trail {

void register_routes(http::Router& router);

}  // namespace aims::trail
