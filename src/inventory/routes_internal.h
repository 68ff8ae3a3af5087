// Shared by the inventory's API and page routes (private to inventory/).
#pragma once

#include "http/context.h"
#include "http/router.h"
#include "inventory/inventory.h"
#include "inventory/routes.h"

namespace aims::inventory {

void register_api(http::Router& router);
void register_pages(http::Router& router, std::vector<SystemPanel> system_panels);

// The list parameters of a request: q, archived, tag, sort, limit, cursor and one parameter per
// filterable field. Errors name the query parameter.
Result<ListQuery> read_list_query(const http::Context& ctx, Kind kind);
Result<Archived> read_archived(const http::Context& ctx);
// The text of an import: a text/csv body, or the "file" part of a multipart form.
Result<std::string> read_import_text(const http::Context& ctx);

}  // namespace aims::inventory
