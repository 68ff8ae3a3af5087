// The transparency module's web routes: the instructions register (pages, API and OpenAPI from
// the records platform), the public page /transparency/{token}, publishing it from the AI
// system's page or the API, and the panel the AI system page shows.
#pragma once

#include "http/context.h"
#include "http/router.h"

namespace aims::transparency {

void register_routes(http::Router& router);
// The AI system page's section: the latest approved instructions and the public page's state,
// with the buttons that publish, make a new link or unpublish it.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::transparency
