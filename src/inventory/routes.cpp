#include "inventory/routes.h"

#include "inventory/routes_internal.h"

namespace aims::inventory {

void register_routes(http::Router& router, std::vector<SystemPanel> system_panels) {
  register_api(router);
  register_pages(router, std::move(system_panels));
}

}  // namespace aims::inventory
