// The retention module's web routes: its three registers from the records platform, the records
// a legal hold covers (panel, form and API), and the Retention page with its JSON twin.
#pragma once

#include "http/router.h"

namespace aims::retention {

void register_routes(http::Router& router);

}  // namespace aims::retention
