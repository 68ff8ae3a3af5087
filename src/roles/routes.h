// The roles module's web routes: its five registers from the records platform, the standard roles
// and the competence matrix with their JSON API and spreadsheet.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::roles {

void register_routes(http::Router& router);

// Dashboard number: competence gaps and expired competences of the people holding AIMS roles.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::roles
