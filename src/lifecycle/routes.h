// The lifecycle module's web routes: its registers from the records platform, and the validation
// runs (upload, pages, API) with the panel they add to a validation's page.
#pragma once

#include "http/router.h"

namespace aims::lifecycle {

void register_routes(http::Router& router);

}  // namespace aims::lifecycle
