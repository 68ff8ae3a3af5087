// The inventory's web routes: its four registers (pages, API and OpenAPI from the records
// platform), the scope page and API, and its dashboard headline.
#pragma once

#include <vector>

#include "http/context.h"
#include "http/router.h"
#include "overview/overview.h"
#include "records/routes/routes.h"

namespace aims::inventory {

// A section of the AI system page that another module fills (monitoring, incidents, ...).
using SystemPanel = records::RecordPanel;

// `system_banners` show at the top of the AI system page, `system_panels` below its fields;
// `supplier_panels` below a supplier's fields (its due diligence), `dataset_panels` below a
// dataset's (its versions' lineage, its data quality), `model_panels` below a model's.
void register_routes(http::Router& router, std::vector<SystemPanel> system_panels = {},
                     std::vector<SystemPanel> system_banners = {},
                     std::vector<records::RecordPanel> supplier_panels = {},
                     std::vector<records::RecordPanel> dataset_panels = {},
                     std::vector<records::RecordPanel> model_panels = {});

// Dashboard number: AI systems in the inventory, high-risk and not yet classified.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

}  // namespace aims::inventory
