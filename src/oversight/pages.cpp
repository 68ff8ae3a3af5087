// The review queue on the web: pending decisions oldest first, each with a form to confirm or
// override it (works without JavaScript, every control labelled), a decision's own page with its
// context, and the oversight panel of the AI system page.
#include <cstdio>

#include "base/time.h"
#include "http/errors.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "oversight/routes.h"
#include "records/routes/routes.h"
#include "web/markdown.h"
#include "web/navigation.h"
#include "web/web.h"

namespace aims::oversight {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

constexpr const char* kQueue = "oversight/templates/queue.mustache";

std::string percent(const std::optional<double>& share) {
  if (!share) return "none reviewed";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", *share * 100);
  return text;
}

std::string duration(const std::optional<int64_t>& seconds) {
  if (!seconds) return "none reviewed";
  const int64_t minutes = (*seconds + 59) / 60;
  if (minutes < 60) return std::to_string(minutes) + " min";
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

std::string groups_text(const std::map<std::string, std::string>& groups) {
  std::string out;
  for (const auto& [k, v] : groups)
    out += (out.empty() ? "" : ", ") + k + " " + v;
  return out;
}

std::string state_label(const Decision& d) {
  if (d.state == "pending") return d.route == "sampled" ? "Sampled, to review" : "Awaiting review";
  if (d.state == "confirmed") return "Confirmed";
  if (d.state == "overridden") return "Overridden";
  return "Released without review";
}

std::optional<int64_t> positive(const std::string& text) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v <= 0) return std::nullopt;
  return v;
}

Result<std::map<int64_t, std::string>> system_names(const Context& ctx) {
  TRY_ASSIGN(const auto named, records::all_names(ctx.db, inventory::ai_systems(), ctx.org()));
  std::map<int64_t, std::string> out;
  for (const auto& n : named)
    out[n.id] = n.name;
  return out;
}

json decision_view(const Decision& d, const std::map<int64_t, std::string>& systems, bool late) {
  const auto system = systems.find(d.system_id);
  return {{"id", d.id},
          {"system", system == systems.end() ? std::string("an AI system") : system->second},
          {"system_id", d.system_id},
          {"decision_id", d.decision_id},
          {"outcome", d.outcome},
          {"score", d.score ? json(*d.score) : json("")},
          {"groups", groups_text(d.groups)},
          {"summary", d.summary},
          {"state", state_label(d)},
          {"pending", d.state == "pending"},
          {"sampled", d.route == "sampled"},
          {"overridden", d.state == "overridden"},
          {"final_outcome", d.final_outcome},
          {"reason", d.reason},
          {"submitted", minute_text(d.submitted_at)},
          {"reviewed", minute_text(d.reviewed_at)},
          {"reviewed_by", d.reviewed_by_name},
          {"overdue", late}};
}

Result<Response> queue_page_with(Context& ctx, int status, const Error* problem) {
  TRY_ASSIGN(const QueueQuery query, queue_query(ctx));
  TRY_ASSIGN(const auto decisions, list(ctx.db, ctx.org(), query));
  TRY_ASSIGN(const auto systems, system_names(ctx));
  TRY_ASSIGN(const auto targets, target_hours_by_plan(ctx.db, ctx.org()));
  const int64_t now = now_micros();
  json items = json::array();
  for (const auto& d : decisions) {
    const auto hours = d.plan_id ? targets.find(*d.plan_id) : targets.end();
    items.push_back(
        decision_view(d, systems, overdue(d, hours == targets.end() ? 24 : hours->second, now)));
  }
  json filter = json::array();
  for (const auto& [id, name] : systems)
    filter.push_back({{"id", id}, {"name", name}, {"selected", query.system_id == id}});
  json view = {{"items", items},
               {"systems", filter},
               {"pending", query.state == "pending"},
               {"count", decisions.size()}};
  if (problem) {
    view["form_error"] = problem->message;
    view["error_id"] = ctx.form_value("decision").value_or("");
  }
  return web::page(ctx, status, {"Oversight queue", "oversight-queue"}, kQueue, view);
}

Result<Response> queue_page(Context& ctx) {
  return queue_page_with(ctx, 200, nullptr);
}

Result<Response> decision_page(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const Decision d, get(ctx.db, ctx.org(), id));
  TRY_ASSIGN(const auto systems, system_names(ctx));
  json view = decision_view(d, systems, false);
  view["context"] = d.context.is_null() ? std::string() : d.context.dump(2);
  if (d.plan_id) {
    TRY_ASSIGN(const auto plan, records::get(ctx.db, plans(), ctx.org(), *d.plan_id));
    view["plan"] = {{"id", plan.id},
                    {"name", plans().display_name(plan)},
                    {"rules", web::markdown_html(plan.text("acceptable_use"))}};
  }
  return web::page(ctx, 200, {"Decision " + d.decision_id, "oversight-queue"},
                   "oversight/templates/decision.mustache", view);
}

Result<Response> review_submit(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  const Review r{.overrides = ctx.form_value("action").value_or("") == "override",
                 .outcome = ctx.form_value("outcome").value_or(""),
                 .reason = ctx.form_value("reason").value_or("")};
  auto done = review(ctx.db, ctx.org(), id, r, records::caller_of(ctx));
  if (!done) {
    if (done.error().code == ErrorCode::not_found) return done.error();
    return queue_page_with(ctx, http::status_for(done.error().code), &done.error());
  }
  // Back to the queue as it was filtered; only a well-formed id goes into the Location header.
  const auto back = positive(ctx.form_value("system_id").value_or(""));
  return Response::redirect("/oversight/queue" +
                            (back ? "?system_id=" + std::to_string(*back) : std::string()) +
                            "#queue");
}

}  // namespace

Result<QueueQuery> queue_query(const http::Context& ctx) {
  QueueQuery q;
  if (auto state = ctx.query_value("state"); state && !state->empty()) {
    if (*state != "pending" && *state != "confirmed" && *state != "overridden" &&
        *state != "released" && *state != "all")
      return Error::invalid("state", "pending, confirmed, overridden, released or all");
    q.state = *state == "all" ? "" : *state;
  }
  auto system = ctx.query_value("system_id");
  if (!system) system = ctx.form_value("system_id");
  if (system && !system->empty()) {
    q.system_id = positive(*system);
    if (!q.system_id) return Error::invalid("system_id", "system_id must be an AI system's id");
  }
  return q;
}

Result<int> period_days(const http::Context& ctx) {
  const auto text = ctx.query_value("days");
  if (!text || text->empty()) return 30;
  const auto days = positive(*text);
  if (!days || *days > 366) return Error::invalid("days", "days is a whole number from 1 to 366");
  return static_cast<int>(*days);
}

Result<std::string> system_panel(const http::Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto plan, approved_plan(ctx.db, ctx.org(), system_id));
  TRY_ASSIGN(const Metrics m, metrics(ctx.db, ctx.org(), system_id, 30));
  TRY_ASSIGN(const auto switched, monitoring::oversight(ctx.db, ctx.org(), system_id));
  json groups = json::array();
  for (const auto& g : m.groups)
    groups.push_back({{"group", g.group},
                      {"decisions", g.decisions},
                      {"reviewed", g.reviewed},
                      {"overridden", g.overridden},
                      {"rate", percent(g.override_rate)}});
  json view = {{"system_id", system_id},
               {"decisions", m.decisions},
               {"held", m.held},
               {"sampled", m.sampled},
               {"reviewed", m.reviewed},
               {"pending", m.pending},
               {"reviewed_share", percent(m.reviewed_share)},
               {"override_rate", percent(m.override_rate)},
               {"median", duration(m.median_seconds)},
               {"p90", duration(m.p90_seconds)},
               {"groups", groups},
               {"has_groups", !groups.empty()},
               {"switch_on", switched.human_review_required}};
  if (plan)
    view["plan"] = {{"id", plan->id},
                    {"name", plans().display_name(*plan)},
                    {"mode", plans().choice_label("mode", plan->text("mode"))},
                    {"max_override", plan->decimal("max_override_rate")
                                         ? percent(plan->decimal("max_override_rate"))
                                         : std::string()},
                    {"target_hours", plan->number("target_hours").value_or(0)}};
  return web::render("oversight/templates/system_panel.mustache", view);
}

void register_pages(http::Router& router) {
  using auth::Action;
  web::add_nav_entry({"Operate", 30, "oversight-queue", "Oversight queue", "/oversight/queue", 15});
  router.page("GET", "/oversight/queue", Action::read, queue_page);
  router.page("GET", "/oversight/decisions/{id}", Action::read, decision_page);
  router.page("POST", "/oversight/decisions/{id}/review", Action::edit_records, review_submit);
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, plans());
  register_api(router);
  register_pages(router);
}

}  // namespace aims::oversight
