// The improvement module's web routes: incidents, nonconformities and corrective actions in the
// API and the UI, the form on the AI system page that reports an incident, and raising a
// nonconformity from an incident.
#pragma once

#include <string>
#include <vector>

#include "http/context.h"
#include "http/router.h"
#include "overview/overview.h"
#include "records/routes/routes.h"

namespace aims::improvement {

// Other modules add to the incident page: `incident_panels` as sections (the customers told of it),
// `incident_banners` at the top (the supplier not yet notified).
void register_routes(http::Router& router, std::vector<records::RecordPanel> incident_panels = {},
                     std::vector<records::RecordPanel> incident_banners = {});

// POST /api/v1/incidents/{id}/nonconformity and the incident page's form behind it
// (raise_routes.cpp); register_routes adds them.
void register_raise_routes(http::Router& router);
// The incident page's panel: the nonconformity raised from it, or the button that raises one.
records::RecordPanel incident_nonconformity_panel();

// Dashboard number: incidents open or under investigation.
Result<std::vector<overview::Headline>> headlines(const http::Context& ctx);

// The form that reports an incident about one AI system, for its page (empty for those who may
// not). The page lists the system's incidents under "Referred to by".
Result<std::string> system_panel(const http::Context& ctx, int64_t system_id);

}  // namespace aims::improvement
