// The lifecycle policy on the web: GET|PUT /api/v1/lifecycle-policy, its versions, and the page
// /lifecycle/policy with the grid of criteria by stage and tier, the approvals, the edit form and
// the history.
#pragma once

#include "http/router.h"

namespace aims::lifecycle {

void register_policy_routes(http::Router& router);

}  // namespace aims::lifecycle
