// Shared by the monitoring module's API and page routes (private to monitoring/).
#pragma once

#include <functional>
#include <string>

#include "http/context.h"
#include "http/router.h"
#include "http/upload_store.h"
#include "monitoring/monitoring.h"

namespace aims::monitoring {

// The largest prediction log one upload may carry; it is streamed to disk, never held in memory.
inline constexpr size_t kMaxLogBytes = size_t{4} << 30;

void register_api(http::Router& router, RunPool& runs);
void register_pages(http::Router& router, RunPool& runs);
// The logging requirements' pages, API, arrival panel and My work section.
void register_logging_routes(http::Router& router);

struct UploadedLog {
  LogInput input;
  std::string name;
  std::shared_ptr<http::UploadFile> file;  // keeps the upload on disk while the run reads it
};

// The log of an upload: the raw request body, or the "log" file of a multipart form.
Result<UploadedLog> uploaded_log(const http::Context& ctx);

// The run (or reference profile) of an uploaded log on `runs`, answered with what `answer` makes
// of it once done. The request's worker is free meanwhile, and the upload stays on disk until the
// work ends. Refusals of the pool (the organisation's share in use, a full queue) and errors of the
// work are answered as the route answers errors.
http::Response run_later(RunPool& runs, const http::Context& ctx, int64_t monitor_id,
                         UploadedLog log, std::function<http::Response(const Run&)> answer);
http::Response reference_later(RunPool& runs, const http::Context& ctx, int64_t monitor_id,
                               UploadedLog log,
                               std::function<http::Response(const Monitor&)> answer);

}  // namespace aims::monitoring
