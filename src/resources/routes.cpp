// The resources registers served by the records platform.
#include "resources/routes.h"

#include "records/routes/routes.h"
#include "resources/resources.h"

namespace aims::resources {

void register_routes(http::Router& router) {
  records::register_routes(router, tools());
  records::register_routes(router, compute_resources());
  records::register_routes(router, resource_plans());
}

}  // namespace aims::resources
