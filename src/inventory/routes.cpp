#include "inventory/routes.h"

#include "inventory/routes_internal.h"

namespace aims::inventory {

void register_routes(http::Router& router) {
  register_api(router);
  register_pages(router);
}

}  // namespace aims::inventory
