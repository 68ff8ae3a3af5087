// The data module's web routes: its three registers from the records platform, the content
// upload that has aims hash and profile a version's file (page form and API), and the lineage
// panel of a version's page and of a dataset's page (handed to the inventory).
#pragma once

#include <string>

#include "data/data.h"
#include "http/router.h"
#include "records/routes/routes.h"

namespace aims::data {

void register_routes(http::Router& router);

// The lineage graph on a dataset's page (the inventory's register), for inventory::register_routes.
Result<std::string> dataset_lineage_panel(const http::Context& ctx, int64_t dataset_id);

// The lineage graph as SVG markup (all text escaped), drawn in columns by derivation depth with
// the models that used the versions in a last column.
std::string lineage_svg(const std::vector<LineageNode>& nodes, const std::string& title);

}  // namespace aims::data
