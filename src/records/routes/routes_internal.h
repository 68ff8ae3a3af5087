// Shared by the records platform's API and page routes (private to records/routes/).
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "http/context.h"
#include "http/router.h"
#include "records/attachments.h"
#include "records/exchange.h"
#include "records/routes/routes.h"

namespace aims::records {

void register_api(http::Router& router, const Description& d);
void register_pages(http::Router& router, const Description& d, PageOptions options);
void register_search_api(http::Router& router);
void register_search_page(http::Router& router);
void register_attachment_api(http::Router& router, const Description& d);
void register_attachment_pages(http::Router& router, const Description& d, PageOptions options);

// The record page; `problem` (a refused form on it) is shown at its top with its status.
Result<http::Response> record_page(http::Context& ctx, const Description& d,
                                   const PageOptions& options, const Error* problem = nullptr);
// The record page's attachments and comments, and which of their forms the caller may use.
Status add_attachments_view(const http::Context& ctx, const Description& d, const Record& r,
                            const std::map<int64_t, std::string>& user_names, nlohmann::json& view);

// A file (the multipart part "file", named by it or by the field "name") or a link (the fields
// "url" and "name", as a form or as JSON) attached to record `id`. Errors: not_found for another
// organisation's record before the body is looked at; those of attach_file and attach_link.
Result<Attachment> attach_from_request(const http::Context& ctx, const Description& d, int64_t id);
// A file as a download: Content-Disposition attachment, the stored type, a CSP that runs nothing.
http::Response download_response(AttachmentContent content);
// What an attachment upload route accepts: a file of kMaxAttachmentBytes and its form.
http::BodyLimit attachment_upload_limit();

// A CSV import's text: the raw body (Content-Type: text/csv) or the "file" part of a form.
// Errors: malformed naming "file".
Result<std::string> read_import_text(const http::Context& ctx);

nlohmann::json report_json(const ImportReport& report);

}  // namespace aims::records
