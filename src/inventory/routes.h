// The inventory's web routes: the JSON API and the pages of the four registers and the scope.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/context.h"
#include "http/router.h"

namespace aims::inventory {

// A section of the AI system page that another module fills (monitoring, incidents, ...): its
// HTML for the system. The inventory shows these without depending on the modules.
using SystemPanel = std::function<Result<std::string>(const http::Context& ctx, int64_t system_id)>;

void register_routes(http::Router& router, std::vector<SystemPanel> system_panels = {});

}  // namespace aims::inventory
