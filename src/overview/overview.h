// The overview page (dashboard): the state of the organisation's management system at a glance,
// built from the records of the other modules.
#pragma once

#include "http/router.h"

namespace aims::overview {

void register_routes(http::Router& router);

}  // namespace aims::overview
