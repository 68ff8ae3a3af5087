// Change requests on the web: the register's pages and API, the AI system page's banner and the
// My work section naming models linked in service without an approved change, and
// GET /api/v1/unapproved-models.
#pragma once

#include "http/context.h"
#include "http/router.h"

namespace aims::lifecycle {

void register_change_routes(http::Router& router);
Result<std::string> change_banner(const http::Context& ctx, int64_t system_id);

}  // namespace aims::lifecycle
