#include <algorithm>

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "base/time.h"
#include "overview/overview.h"
#include "trail/trail.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::overview {
namespace {

using nlohmann::json;

Result<json> headlines(const http::Context& ctx, const std::vector<HeadlineSource>& sources) {
  json out = json::array();
  for (const auto& source : sources) {
    TRY_ASSIGN(auto some, source(ctx));
    for (const auto& h : some) {
      out.push_back({{"label", h.label},
                     {"value", h.value},
                     {"note", h.note},
                     {"href", h.href},
                     {"tone", h.tone}});
    }
  }
  return out;
}

// The getting-started path, or nothing once every step is done.
Result<json> path_of(const http::Context& ctx, const std::vector<StepSource>& sources) {
  std::vector<Step> steps;
  for (const auto& source : sources) {
    TRY_ASSIGN(auto some, source(ctx));
    for (auto& s : some)
      steps.push_back(std::move(s));
  }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.order < b.order; });
  json out = json::array();
  bool all_done = true;
  for (const auto& s : steps) {
    all_done = all_done && s.done;
    out.push_back({{"label", s.label}, {"done", s.done}, {"note", s.note}, {"href", s.href}});
  }
  if (all_done) return json::array();
  return out;
}

Result<http::Response> dashboard(http::Context& ctx, const std::vector<HeadlineSource>& sources,
                                 const std::vector<StepSource>& steps) {
  TRY_ASSIGN(auto numbers, headlines(ctx, sources));
  TRY_ASSIGN(auto path, path_of(ctx, steps));
  TRY_ASSIGN(auto users, auth::list_users(ctx.db, ctx.org()));
  json roles = json::object();
  int64_t active = 0;
  for (const auto& u : users) {
    if (u.status != "active") continue;
    ++active;
    roles[std::string(auth::to_string(u.role))] =
        roles.value(std::string(auth::to_string(u.role)), 0) + 1;
  }
  json role_rows = json::array();
  for (auth::Role role : auth::all_roles()) {
    const std::string name(auth::to_string(role));
    role_rows.push_back({{"role", name}, {"count", roles.value(name, 0)}});
  }

  struct Activity {
    int64_t total = 0;
    std::vector<trail::Event> recent;
  };
  TRY_ASSIGN(const Activity activity, ctx.db.read([&](store::Tx& tx) -> Result<Activity> {
    Activity a;
    TRY_ASSIGN(a.total, trail::event_count(tx, ctx.org()));
    trail::Filter last;
    last.limit = 8;
    TRY_ASSIGN(a.recent, trail::list(tx, ctx.org(), last));
    return a;
  }));
  json recent = json::array();
  for (const auto& e : activity.recent) {
    recent.push_back({{"at", minute_text(e.at)},
                      {"actor", e.actor_label},
                      {"action", e.action},
                      {"entity", e.entity_type + " #" + std::to_string(e.entity_id)}});
  }
  json view = {{"headlines", numbers},
               {"path", path},
               {"has_path", !path.empty()},
               {"people", active},
               {"events", activity.total},
               {"roles", role_rows},
               {"recent", recent},
               {"first_name", ctx.who().name.substr(0, ctx.who().name.find(' '))}};
  return web::page(ctx, 200, {"Overview", "overview"}, "overview/templates/dashboard.mustache",
                   view);
}

}  // namespace

void register_routes(http::Router& router, std::vector<HeadlineSource> sources,
                     std::vector<StepSource> steps) {
  web::add_nav_entry({"", 0, "overview", "Overview", "/", 0});
  router.page("GET", "/", auth::Action::read,
              [sources = std::move(sources), steps = std::move(steps)](http::Context& ctx) {
                return dashboard(ctx, sources, steps);
              });
}

}  // namespace aims::overview
