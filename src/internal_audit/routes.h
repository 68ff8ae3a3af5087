// The internal audit module's web routes: its three registers from the records platform, the
// programme's coverage (panel and JSON), the audit's checklist and findings with checklist
// generation, raising a nonconformity from a finding, and the printable audit report.
#pragma once

#include "http/router.h"

namespace aims::internal_audit {

void register_routes(http::Router& router);

}  // namespace aims::internal_audit
