// Impact assessments: their pages and JSON API come from the records platform.
#include "impact/routes.h"

#include "impact/impact.h"
#include "records/routes/routes.h"

namespace aims::impact {

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, assessments());
  records::register_routes(router, impacts());
}

}  // namespace aims::impact
