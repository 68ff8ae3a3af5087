// Where the Art. 73 reporting clock shows: the incident's page, the AI system's page and the
// dashboard.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "http/context.h"
#include "overview/overview.h"

namespace aims::improvement {

// The clock of one incident, for its page (empty for an incident not marked serious).
Result<std::string> incident_clock_panel(const http::Context& ctx, int64_t incident_id);
// The clocks of an AI system's serious incidents, for the system's page (empty when none).
Result<std::string> clock_system_panel(const http::Context& ctx, int64_t system_id);
// Dashboard number: reports to the authority still due, red when one has a day or less left.
Result<std::vector<overview::Headline>> clock_headlines(const http::Context& ctx);

}  // namespace aims::improvement
