// Impact assessments: their pages and JSON API come from the records platform.
#include "impact/routes.h"

#include "impact/impact.h"
#include "records/routes/routes.h"

namespace aims::impact {

Result<std::vector<overview::Headline>> headlines(const http::Context& ctx) {
  TRY_ASSIGN(const auto all, records::list_all(ctx.db, assessments(), ctx.org()));
  int64_t approved = 0, flagged = 0;
  for (const auto& a : all) {
    approved += a.state == "approved";
    flagged += a.state == "approved" && a.flag("needs_reassessment");
  }
  return std::vector<overview::Headline>{
      {"Impact assessments", std::to_string(approved) + " approved",
       std::to_string(flagged) + " need re-assessment after a significant change",
       "/impact/assessments?state=approved", flagged > 0 ? "warn" : "good"}};
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, assessments());
  records::register_routes(router, impacts());
}

}  // namespace aims::impact
