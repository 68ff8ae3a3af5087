#include "http/json_io.h"

namespace aims::http {

Result<JsonInput> read_json(const Context& ctx) {
  if (ctx.request.media_type() != "application/json") {
    return Error::malformed("send the body as Content-Type: application/json", "Content-Type");
  }
  return JsonInput::parse(ctx.request.body);
}

Response json_response(int status, const nlohmann::json& body) {
  // Stored text was validated as UTF-8 on the way in; `replace` keeps a bug from becoming a throw.
  return Response::json(status,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response json_record(int status, const nlohmann::json& body, int64_t version) {
  Response r = json_response(status, body);
  r.with_header("ETag", etag(version));
  return r;
}

Response json_list(const nlohmann::json& items, const std::optional<std::string>& next_cursor) {
  return json_response(
      200, {{"items", items},
            {"next_cursor", next_cursor ? nlohmann::json(*next_cursor) : nlohmann::json(nullptr)}});
}

}  // namespace aims::http
