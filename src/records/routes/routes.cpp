#include "records/routes/routes.h"

#include <fstream>
#include <sstream>

#include "http/openapi.h"
#include "http/upload_store.h"
#include "records/routes/routes_internal.h"
#include "web/navigation.h"

namespace aims::records {

Caller caller_of(const http::Context& ctx) {
  return {ctx.who().actor(), ctx.who().user_id, ctx.who().role};
}

Result<std::string> read_import_text(const http::Context& ctx) {
  if (auto checked = ctx.form_value("csv")) return *checked;  // the confirm step posts it back
  std::shared_ptr<http::UploadFile> file = ctx.request.body_file;
  if (const auto* part = ctx.upload("file")) {
    file = part->file;
  } else if (ctx.request.media_type() != "text/csv") {
    return Error::malformed(
        "send the CSV as Content-Type: text/csv, or as the 'file' field of a form", "file");
  }
  if (!file) return Error::malformed("send the CSV as the request body", "file");
  std::ifstream in(file->path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json report_json(const ImportReport& report) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : report.errors) {
    errors.push_back({{"row", e.row}, {"field", e.column}, {"message", e.message}});
  }
  return {{"rows", report.rows},
          {"committed", report.committed},
          {"errors", errors},
          {"error_count", report.error_count},
          {"errors_truncated", report.error_count > static_cast<int64_t>(report.errors.size())},
          {"created_ids", report.created_ids}};
}

void register_routes(http::Router& router, const Description& d, PageOptions options) {
  define(d);
  if (*d.nav.label) {
    web::add_nav_entry(
        {d.nav.group, d.nav.group_order, d.nav.section, d.nav.label, d.page_path, d.nav.order});
  }
  register_api(router, d);
  register_pages(router, d, std::move(options));
  http::add_openapi_fragment(openapi_fragment(d));
}

void register_search_routes(http::Router& router) {
  register_search_api(router);
  register_search_page(router);
}

}  // namespace aims::records
