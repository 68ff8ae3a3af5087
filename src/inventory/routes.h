// The inventory's web routes: the JSON API and the pages of the four registers and the scope.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/context.h"
#include "http/router.h"
#include "overview/overview.h"

namespace aims::inventory {

// A section of the AI system page that another module fills (monitoring, incidents, ...): its
// HTML for the system. The inventory shows these without depending on the modules.
using SystemPanel = std::function<Result<std::string>(const http::Context& ctx, int64_t system_id)>;

void register_routes(http::Router& router, std::vector<SystemPanel> system_panels = {});

// Dashboard number: AI systems in the inventory, high-risk and not yet classified.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::inventory
