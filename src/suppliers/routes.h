// The suppliers module's web routes: its three registers from the records platform, and the
// panels it adds to the supplier and incident pages.
#pragma once

#include "http/context.h"
#include "http/router.h"

namespace aims::suppliers {

void register_routes(http::Router& router);

// The supplier page's due-diligence summary: the latest assessment (rating, decision, open
// conditions), the latest evaluation, the exit plan and its last test, and incidents whose
// supplier notice is late.
Result<std::string> supplier_panel(const http::Context& ctx, int64_t supplier_id);
// The incident page's warning when the supplier it names has not been told within 72 hours.
Result<std::string> incident_notice_banner(const http::Context& ctx, int64_t incident_id);

}  // namespace aims::suppliers
