// The controls module's web routes: frameworks and their mappings, the Statement of Applicability
// page, its versions compared, evidence, and their JSON API.
#pragma once

#include "http/router.h"

namespace aims::controls {

void register_routes(http::Router& router);

}  // namespace aims::controls
