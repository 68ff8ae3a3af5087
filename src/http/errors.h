// The one mapping from ErrorCode to HTTP status, and the JSON error body every route answers.
#pragma once

#include <string>

#include "base/result.h"

namespace aims::http {

int status_for(ErrorCode code);
const char* reason_phrase(int status);
// {"error":{"code":...,"message":...,"field":...}}; internal errors get a generic message that
// carries only the request id (the detail goes to the log).
std::string error_json(const Error& error, const std::string& request_id);

}  // namespace aims::http
