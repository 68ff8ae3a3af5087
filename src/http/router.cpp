#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace aims::http {

bool match_pattern(std::string_view pattern, std::string_view path, PathParams& params) {
  params.clear();
  size_t p = 0, q = 0;
  while (p < pattern.size() && q <= path.size()) {
    if (pattern[p] == '{') {
      const size_t close = pattern.find('}', p);
      const size_t end = std::min(path.find('/', q), path.size());
      if (end == q) return false;  // an empty segment never matches a parameter
      params.emplace_back(std::string(pattern.substr(p + 1, close - p - 1)),
                          std::string(path.substr(q, end - q)));
      p = close + 1;
      q = end;
    } else {
      if (q >= path.size() || pattern[p] != path[q]) return false;
      ++p;
      ++q;
    }
  }
  return p == pattern.size() && q == path.size();
}

void Router::add(Route route) {
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
    }
  }
  shapes_.push_back(shape_of(route.pattern));
  routes_.push_back(std::move(route));
}

Router::Shape Router::shape_of(std::string_view pattern) {
  return {static_cast<size_t>(std::count(pattern.begin(), pattern.end(), '/')),
          std::string(pattern.substr(0, pattern.find('{')))};
}

void Router::api(std::string method, std::string pattern, auth::Action action, Handler handler,
                 BodyLimit body) {
  add({std::move(method), std::move(pattern), RouteKind::api, action, std::move(handler), body});
}

void Router::page(std::string method, std::string pattern, auth::Action action, Handler handler,
                  BodyLimit body) {
  add({std::move(method), std::move(pattern), RouteKind::page, action, std::move(handler), body});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match found;
  PathParams params;
  // A literal segment beats a parameter, so "/users/new" is not taken for "/users/{id}".
  const Route* best = nullptr;
  size_t best_literals = 0;
  const auto slashes = static_cast<size_t>(std::count(path.begin(), path.end(), '/'));
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    if (shapes_[i].slashes != slashes || !path.starts_with(shapes_[i].prefix)) continue;
    if (!match_pattern(route.pattern, path, params)) continue;
    if (route.method != method) {
      found.allowed_methods.push_back(route.method);
      continue;
    }
    size_t literals = route.pattern.size();
    for (const auto& [name, value] : params)
      literals -= name.size() + 2;
    if (!best || literals > best_literals) {
      best = &route;
      best_literals = literals;
      found.params = params;
    }
  }
  found.route = best;
  if (best) found.allowed_methods.clear();
  return found;
}

}  // namespace aims::http
