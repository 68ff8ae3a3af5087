// An objective's progress on its page (a panel the records platform shows) and in the API
// (GET /api/v1/objectives/{id}/progress); the registers' own pages and API come from the
// platform.
#include "objectives/routes.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "http/json_io.h"
#include "objectives/objectives.h"
#include "records/routes/routes.h"
#include "web/chart.h"
#include "web/web.h"

namespace aims::objectives {
namespace {

using http::Context;
using http::Response;
using nlohmann::json;

// How many of the latest values the panel lists beneath the chart.
constexpr size_t kLatestShown = 6;

std::string today() {
  return now_timestamp().substr(0, 10);
}

// The values by date, with the baseline where its date puts it (first when it has none), so the
// line shows where the objective started from among the values before and after.
std::vector<web::ChartPoint> chart_points(const Standing& s, const records::Record& o) {
  std::vector<Sample> all = s.series;
  const std::string on = o.text("baseline_on");
  const bool shown = std::any_of(all.begin(), all.end(),
                                 [&](const Sample& x) { return !on.empty() && x.date == on; });
  if (s.plan.baseline && !shown) all.push_back({on, *s.plan.baseline});
  std::stable_sort(all.begin(), all.end(),
                   [](const Sample& a, const Sample& b) { return a.date < b.date; });
  std::vector<web::ChartPoint> points;
  for (const auto& sample : all)
    points.push_back({sample.date.empty() ? "baseline" : sample.date, sample.value});
  return points;
}

json progress_json(const records::Record& o, const Standing& s) {
  const Progress& p = s.progress;
  json out = {{"objective_id", o.id},
              {"verdict", verdict_key(p.verdict)},
              {"verdict_label", verdict_label(p.verdict)},
              {"summary", s.sentence},
              {"target", s.plan.target},
              {"direction", o.text("direction")},
              {"baseline", s.plan.baseline ? json(*s.plan.baseline) : json(nullptr)},
              {"unit", o.text("unit")},
              {"start", s.plan.start},
              {"due", s.plan.due},
              {"past_due", p.past_due},
              {"percent_expected", p.percent_expected},
              {"percent_done", p.percent_done ? json(*p.percent_done) : json(nullptr)},
              {"latest", p.latest ? json{{"date", p.latest->date}, {"value", p.latest->value}}
                                  : json(nullptr)}};
  json series = json::array();
  for (const auto& sample : s.series)
    series.push_back({{"date", sample.date}, {"value", sample.value}});
  out["series"] = series;
  return out;
}

Result<Response> progress_api(Context& ctx) {
  TRY_ASSIGN(const int64_t id, ctx.path_id());
  TRY_ASSIGN(const records::Record o, records::get(ctx.db, objectives(), ctx.org(), id));
  TRY_ASSIGN(const Standing s, standing(ctx.db, ctx.org(), o, today()));
  return http::json_response(200, progress_json(o, s));
}

// The badge colour of a verdict, a class of the style sheet.
std::string tone_of(Verdict v) {
  switch (v) {
    case Verdict::achieved:
    case Verdict::on_track:
      return "ok";
    case Verdict::behind:
      return "warn";
    case Verdict::off_track:
      return "bad";
    case Verdict::no_data:
      return "info";
  }
  return "";
}

std::string source_text(const records::Record& o) {
  const std::string measure = o.text("measure");
  if (measure == kFromMonitor)
    return "Values from the monitor's stored runs: " + o.text("metric") + " (" +
           o.text("metric_scope") + ").";
  if (measure == kImpactShare)
    return "Today's share of AI systems in scope with an approved impact assessment; the "
           "inventory keeps no history of its scope, so earlier shares are not worked out.";
  return "Values entered by hand as measurements of this objective.";
}

Result<std::string> progress_panel(const Context& ctx, int64_t id) {
  TRY_ASSIGN(const records::Record o, records::get(ctx.db, objectives(), ctx.org(), id));
  TRY_ASSIGN(const Standing s, standing(ctx.db, ctx.org(), o, today()));
  const std::string unit = o.text("unit");
  json latest = json::array();
  for (auto it = s.series.rbegin(); it != s.series.rend() && latest.size() < kLatestShown; ++it)
    latest.push_back({{"date", it->date},
                      {"value", format_value(it->value) + (unit.empty() ? "" : " " + unit)}});
  const std::string title = o.text("title") + ": values against the target " +
                            format_value(s.plan.target) + (unit.empty() ? "" : " " + unit);
  json view = {
      {"verdict_label", verdict_label(s.progress.verdict)},
      {"tone", tone_of(s.progress.verdict)},
      {"details", details(s.plan, s.progress, o.text("unit"))},
      {"svg", web::line_chart(chart_points(s, o), s.plan.target, title)},
      {"source", source_text(o)},
      {"latest", latest},
      {"has_latest", !latest.empty()},
      {"by_hand", o.text("measure") == kByHand && ctx.can(measurements().edit)},
      {"new_measurement",
       std::string(measurements().page_path) + "/new?objective_id=" + std::to_string(id)},
      {"api", std::string(objectives().api_path) + "/" + std::to_string(id) + "/progress"}};
  return web::render("objectives/templates/progress_panel.mustache", view);
}

}  // namespace

Result<std::vector<overview::Headline>> headlines(const Context& ctx) {
  TRY_ASSIGN(const auto all, records::list_all(ctx.db, objectives(), ctx.org()));
  const std::string now = today();
  int64_t live = 0, lagging = 0;
  for (const auto& o : all) {
    if (o.state != "planned" && o.state != "active") continue;
    ++live;
    TRY_ASSIGN(const Standing s, standing(ctx.db, ctx.org(), o, now));
    lagging += s.progress.verdict == Verdict::behind || s.progress.verdict == Verdict::off_track;
  }
  return std::vector<overview::Headline>{{"AI objectives", std::to_string(live) + " under way",
                                          std::to_string(lagging) + " behind or off track",
                                          "/governance/objectives", lagging > 0 ? "warn" : "good"}};
}

void register_routes(http::Router& router) {
  define_registers();
  records::register_routes(router, objectives(), {.panels = {progress_panel}});
  records::register_routes(router, measurements());
  router.api("GET", "/api/v1/objectives/{id}/progress", auth::Action::read, progress_api);
}

}  // namespace aims::objectives
