// The route table: method and path pattern to handler, with the kind of answer (JSON or HTML),
// the permission a caller needs and the body size it accepts. One explicit line per route.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/roles.h"
#include "base/result.h"
#include "http/response.h"

namespace aims::http {

// api: JSON answers, 401 without credentials. page: HTML answers, redirect to sign-in.
// public_api/public_page: no sign-in needed.
enum class RouteKind { api, page };

struct BodyLimit {
  size_t max_bytes = 1 << 20;
  bool stream_to_file = false;  // uploads: the body goes to a temporary file, not to memory
};

struct Context;
using Handler = std::function<Result<Response>(Context&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/users/{id}": each {name} matches one path segment
  RouteKind kind = RouteKind::api;
  // What the caller must be allowed to do; nullopt makes the route public (no sign-in).
  std::optional<auth::Action> action;
  Handler handler;
  BodyLimit body;
  // The path holds a credential (a calendar feed's token, since calendar applications cannot send
  // headers): the access log shows the pattern instead of the path.
  bool secret_in_path = false;
  // Who calls must stay unknown (the public concerns channel promises reporters it keeps no
  // address): the access log leaves out the client and proxy addresses.
  bool withhold_client = false;
};

using PathParams = std::vector<std::pair<std::string, std::string>>;

class Router {
 public:
  void add(Route route);
  // Convenience for the common cases.
  void api(std::string method, std::string pattern, auth::Action action, Handler handler,
           BodyLimit body = {});
  void page(std::string method, std::string pattern, auth::Action action, Handler handler,
            BodyLimit body = {});

  struct Match {
    const Route* route = nullptr;
    PathParams params;
    std::vector<std::string> allowed_methods;  // set when the path matched but the method did not
  };
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // What a path must have to fit a route, checked before the pattern itself: a request is tried
  // against every route, and most differ in their number of segments or their literal start.
  struct Shape {
    size_t slashes = 0;
    std::string prefix;  // the pattern up to its first {parameter}
  };
  static Shape shape_of(std::string_view pattern);

  std::vector<Route> routes_;
  std::vector<Shape> shapes_;  // shapes_[i] is routes_[i]'s
};

// True when `path` fits `pattern`; fills `params` with the {name} segments.
bool match_pattern(std::string_view pattern, std::string_view path, PathParams& params);

}  // namespace aims::http
