// The data-quality module's web routes: the requirements register (pages and API from the records
// platform), the run API and pages, the dataset's data-quality page with its upload form, and the
// panels and My work list that show under-representation where people look.
#pragma once

#include <cstdint>
#include <string>

#include "http/context.h"
#include "http/router.h"

namespace aims::data_quality {

void register_routes(http::Router& router);

// Panels of the dataset, model and AI system pages: the dataset's latest run and the groups it
// under-represents, and for models and systems the flags of the datasets they use.
Result<std::string> dataset_panel(const http::Context& ctx, int64_t dataset_id);
Result<std::string> model_panel(const http::Context& ctx, int64_t model_id);
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::data_quality
