// The technical file on the web: the register (pages, API and OpenAPI from the records platform),
// the live draft as JSON and as a printable page, the printable page of a file record (the frozen
// file once approved), and the panel the AI system page shows.
#pragma once

#include "http/context.h"
#include "http/router.h"

namespace aims::technical_file {

void register_routes(http::Router& router);
// The AI system page's section: complete sections of the live draft, the approved file's state.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::technical_file
