#include "http/errors.h"

#include <map>

#include "base/json_text.h"

namespace aims::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::malformed:
      return 400;
    case ErrorCode::invalid_argument:
      return 422;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::permission_denied:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::already_exists:
      return 409;
    case ErrorCode::failed_precondition:
      return 409;
    case ErrorCode::stale_version:
      return 412;
    case ErrorCode::too_large:
      return 413;
    case ErrorCode::version_required:
      return 428;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

std::string error_json(const Error& error, const std::string& request_id) {
  const std::string message = error.code == ErrorCode::internal
                                  ? "internal error; quote request id " + request_id
                                  : error.message;
  std::map<std::string, std::string> body = {
      {"code", json_text::quote(to_string(error.code))},
      {"message", json_text::quote(message)},
      {"field", error.field.empty() ? json_text::null() : json_text::quote(error.field)},
      {"request_id", json_text::quote(request_id)}};
  if (!error.problems.empty()) {
    std::string list;
    for (const auto& p : error.problems) {
      list +=
          (list.empty() ? "" : ",") + json_text::object({{"field", json_text::quote(p.field)},
                                                         {"message", json_text::quote(p.message)}});
    }
    body["problems"] = "[" + list + "]";
  }
  return json_text::object({{"error", json_text::object(body)}});
}

}  // namespace aims::http
