#include "assets/assets.h"
#include "base/crypto.h"
#include "web/web.h"

namespace aims::web {
namespace {

http::Handler serve(std::string asset_path, std::string content_type) {
  const std::string tag =
      "\"" + crypto::sha256_hex(assets::find(asset_path).value_or("")).substr(0, 16) + "\"";
  return [asset_path, content_type, tag](http::Context& ctx) -> Result<http::Response> {
    auto data = assets::find(asset_path);
    if (!data) return Error::not_found("no such file");
    if (ctx.request.header("if-none-match") == std::optional<std::string_view>(tag)) {
      return http::Response{304, {{"ETag", tag}}, {}};
    }
    http::Response r = http::Response::text(200, std::string(*data), content_type);
    r.with_header("ETag", tag).with_header("Cache-Control", "public, max-age=3600");
    return r;
  };
}

}  // namespace

void register_routes(http::Router& router) {
  router.add({"GET", "/static/style.css", http::RouteKind::page, std::nullopt,
              serve("web/static/style.css", "text/css; charset=utf-8")});
  router.add({"GET", "/static/app.js", http::RouteKind::page, std::nullopt,
              serve("web/static/app.js", "text/javascript; charset=utf-8")});
}

}  // namespace aims::web
