// The controls module's web routes: frameworks and their mappings, the Statement of Applicability
// page, its versions compared, evidence, and their JSON API.
#pragma once

#include "http/router.h"
#include "overview/overview.h"

namespace aims::controls {

void register_routes(http::Router& router);

// The AI system page's section on controls: where its SoA entries are, and its OSCAL plan.
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

// Dashboard number: the readiness figure and how many gaps remain.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

// The getting-started path of a new organisation, each step done as the records say: the scope,
// the inventory, the classification of every system, the SoA, monitors, the AI policy.
Result<std::vector<overview::Step>> getting_started(const http::Context& ctx);

}  // namespace aims::controls
