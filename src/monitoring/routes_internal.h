// Shared by the monitoring module's API and page routes (private to monitoring/).
#pragma once

#include <string>

#include "http/context.h"
#include "http/router.h"
#include "http/upload_store.h"
#include "monitoring/monitoring.h"

namespace aims::monitoring {

// The largest prediction log one upload may carry; it is streamed to disk, never held in memory.
inline constexpr size_t kMaxLogBytes = size_t{4} << 30;

void register_api(http::Router& router);
void register_pages(http::Router& router);

struct UploadedLog {
  LogInput input;
  std::string name;
  std::shared_ptr<http::UploadFile> file;  // keeps the upload on disk while the run reads it
};

// The log of an upload: the raw request body, or the "log" file of a multipart form.
Result<UploadedLog> uploaded_log(const http::Context& ctx);

}  // namespace aims::monitoring
