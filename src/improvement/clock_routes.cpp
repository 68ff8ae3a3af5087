// The reporting clock on pages and the dashboard.
#include "improvement/clock_routes.h"

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "improvement/clock.h"
#include "improvement/improvement.h"
#include "web/web.h"

namespace aims::improvement {
namespace {

using nlohmann::json;

json clock_json(const records::Record& incident, const IncidentClock& c) {
  const ReportingClock& k = c.clock;
  const bool stopped = k.state == ClockState::stopped;
  std::string left;
  if (stopped)
    left = std::string(k.late ? "Reported " : "Reported with ") + span_text(k.seconds_left) +
           (k.late ? " after the deadline" : " to spare");
  else if (k.state == ClockState::overdue)
    left = "Overdue by " + span_text(k.seconds_left);
  else
    left = span_text(k.seconds_left) + " left";
  return {{"id", incident.id},
          {"title", incident.text("title")},
          {"href", "/improvement/incidents/" + std::to_string(incident.id)},
          {"applies", c.applies},
          {"why_not", c.why_not},
          {"kind", c.kind},
          {"deadline", minute_text(k.deadline)},
          {"state", state_key(k.state)},
          {"state_label", state_label(k.state)},
          {"left", left},
          {"red", c.applies && (k.state == ClockState::due_within_day ||
                                k.state == ClockState::overdue || k.late)},
          {"stopped", stopped},
          {"sent_at", minute_text(incident.text("report_sent_at"))},
          {"reference", incident.text("authority_reference")}};
}

}  // namespace

Result<std::string> incident_clock_panel(const http::Context& ctx, int64_t incident_id) {
  TRY_ASSIGN(const records::Record incident,
             records::get(ctx.db, incidents(), ctx.org(), incident_id));
  TRY_ASSIGN(const auto clock, incident_clock(ctx.db, ctx.org(), incident, now_timestamp()));
  if (!clock) return std::string();
  return web::render("improvement/templates/clock_panel.mustache",
                     {{"clocks", json::array({clock_json(incident, *clock)})}, {"single", true}});
}

Result<std::string> clock_system_panel(const http::Context& ctx, int64_t system_id) {
  TRY_ASSIGN(const auto serious,
             records::list_all(
                 ctx.db, incidents(), ctx.org(),
                 {.filters = {{"system_id", std::to_string(system_id)}, {"serious", "true"}}}));
  json clocks = json::array();
  const std::string now = now_timestamp();
  for (const auto& incident : serious) {
    TRY_ASSIGN(const auto clock, incident_clock(ctx.db, ctx.org(), incident, now));
    if (clock) clocks.push_back(clock_json(incident, *clock));
  }
  if (clocks.empty()) return std::string();
  return web::render("improvement/templates/clock_panel.mustache",
                     {{"clocks", clocks}, {"single", false}});
}

Result<std::vector<overview::Headline>> clock_headlines(const http::Context& ctx) {
  TRY_ASSIGN(const auto due,
             records::list_all(ctx.db, incidents(), ctx.org(), {.filters = {{"serious", "true"}}}));
  int64_t running = 0, urgent = 0;
  const std::string now = now_timestamp();
  for (const auto& incident : due) {
    TRY_ASSIGN(const auto clock, incident_clock(ctx.db, ctx.org(), incident, now));
    if (!clock || !clock->applies || clock->clock.state == ClockState::stopped) continue;
    ++running;
    urgent += clock->clock.state != ClockState::running;
  }
  return std::vector<overview::Headline>{
      {"Reports due", std::to_string(running),
       std::to_string(urgent) + " with a day or less left, or overdue (EU AI Act Art. 73)",
       "/improvement/incidents?serious=true", urgent ? "bad" : (running ? "warn" : "good")}};
}

}  // namespace aims::improvement
