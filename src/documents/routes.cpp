#include "documents/routes.h"

#include "documents/documents.h"
#include "records/routes/routes.h"

namespace aims::documents {

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, documents());
}

}  // namespace aims::documents
