// Shared by the records platform's API and page routes (private to records/routes/).
#pragma once

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "http/router.h"
#include "records/exchange.h"
#include "records/routes/routes.h"

namespace aims::records {

void register_api(http::Router& router, const Description& d);
void register_pages(http::Router& router, const Description& d, PageOptions options);
void register_search_api(http::Router& router);
void register_search_page(http::Router& router);

// Who the signed-in caller is, for the records platform.
Caller caller_of(const http::Context& ctx);

// A CSV import's text: the raw body (Content-Type: text/csv) or the "file" part of a form.
// Errors: malformed naming "file".
Result<std::string> read_import_text(const http::Context& ctx);

nlohmann::json report_json(const ImportReport& report);

}  // namespace aims::records
