// What management reviews prove for readiness (9.3.1 to 9.3.3), and what monitors and objectives
// prove for monitoring and measurement (9.1).
#include "review/readiness_rules.h"

#include <mutex>

#include "base/time.h"
#include "monitoring/monitoring.h"
#include "objectives/objectives.h"
#include "review/review.h"

namespace aims::review {
namespace {

using readiness::Finding;
using readiness::Link;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";
const Link kReviews{"Management reviews", "/evaluation/management-reviews"};

Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

int64_t days_between(const std::string& from, const std::string& to) {
  return parse_date_days(to).value_or(0) - parse_date_days(from).value_or(0);
}

bool is_held(const Record& r) {
  return r.state == "held" || r.state == "approved";
}

// The review held last (by the day held, then id), if any.
Result<std::optional<Record>> last_held(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, management_reviews(), org));
  std::optional<Record> last;
  for (const auto& r : all)
    if (is_held(r) &&
        (!last || std::pair(r.text("held_on"), r.id) > std::pair(last->text("held_on"), last->id)))
      last = r;
  return last;
}

Finding none_held() {
  Finding f;
  f.reason = "No management review has been held yet.";
  f.fix = kReviews;
  return f;
}

// Monitors whose latest run is outside their interval, into `f`; returns how many are active.
Result<int64_t> check_monitors(store::Database& db, int64_t org, int64_t now, Finding& f) {
  TRY_ASSIGN(const auto monitors, monitoring::list_monitors(db, org, std::nullopt));
  int64_t active = 0;
  for (const auto& m : monitors) {
    if (m.archived_at) continue;
    ++active;
    TRY_ASSIGN(const auto e, monitoring::run_evidence(db, org, m, now));
    if (!e.current) f.links.push_back({m.name, "/monitoring/monitors/" + std::to_string(m.id)});
  }
  return active;
}

Result<int64_t> check_objectives(store::Database& db, int64_t org, const std::string& today,
                                 Finding& f) {
  TRY_ASSIGN(const auto all, records::list_all(db, objectives::objectives(), org,
                                               {.filters = {{"state", "active"}}}));
  for (const auto& o : all) {
    TRY_ASSIGN(const auto series, objectives::series_of(db, org, o, today));
    const bool recent = !series.empty() && days_between(series.back().date.substr(0, 10), today) <=
                                               kMeasurementIntervalDays;
    if (!recent) f.links.push_back(link_to(objectives::objectives(), o));
  }
  return static_cast<int64_t>(all.size());
}

}  // namespace

Result<Finding> monitoring_rule(store::Database& db, int64_t org, const std::string& now) {
  Finding f;
  TRY_ASSIGN(const int64_t monitors, check_monitors(db, org, parse_timestamp(now).value_or(0), f));
  const size_t stale_monitors = f.links.size();
  TRY_ASSIGN(const int64_t objectives, check_objectives(db, org, now.substr(0, 10), f));
  const size_t stale_objectives = f.links.size() - stale_monitors;
  if (monitors + objectives == 0) {
    f.reason = "Nothing is monitored or measured: no active monitor and no active AI objective.";
    f.fix = {"Add a monitor", "/monitoring/monitors/new"};
    return f;
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = readiness::counted(monitors, "active monitor has", "active monitors have") +
               " a run within its interval, and " +
               readiness::counted(objectives, "active objective has", "active objectives have") +
               " a value from the last " + std::to_string(kMeasurementIntervalDays) + " days.";
    return f;
  }
  f.status = Status::partial;
  f.reason = std::to_string(stale_monitors) + " of " +
             readiness::counted(monitors, "active monitor has", "active monitors have") +
             " no run within its interval, and " + std::to_string(stale_objectives) + " of " +
             readiness::counted(objectives, "active objective has", "active objectives have") +
             " no value from the last " + std::to_string(kMeasurementIntervalDays) + " days.";
  f.fix = f.links.front();
  return f;
}

Result<Finding> held_rule(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto last, last_held(db, org));
  if (!last) return none_held();
  Finding f;
  f.links.push_back(link_to(management_reviews(), *last));
  const std::string held = last->text("held_on");
  if (days_between(held, today) <= kReviewIntervalDays) {
    f.status = Status::met;
    f.reason = "The last management review was held on " + held + ", within the last 12 months.";
    return f;
  }
  TRY_ASSIGN(const auto planned,
             records::list_all(db, management_reviews(), org, {.filters = {{"state", "planned"}}}));
  for (const auto& p : planned) {
    if (p.text("planned_on") < today) continue;
    f.status = Status::met;
    f.reason = "The last management review was held on " + held + ", and the next is planned for " +
               p.text("planned_on") + ".";
    f.links.push_back(link_to(management_reviews(), p));
    return f;
  }
  f.status = Status::partial;
  f.reason = "The last management review was held on " + held +
             ", more than 12 months ago, and no review is planned from today on.";
  f.fix = {"Plan the next review", std::string(management_reviews().page_path) + "/new"};
  return f;
}

Result<Finding> inputs_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto last, last_held(db, org));
  if (!last) return none_held();
  Finding f;
  f.links.push_back(link_to(management_reviews(), *last));
  const std::string pack = last->text("input_pack");
  std::vector<std::string> missing;
  for (const auto& heading : pack_sections())
    if (pack.find("\n## " + heading + "\n") == std::string::npos) missing.push_back(heading);
  if (missing.empty()) {
    f.status = Status::met;
    f.reason = "The input pack of the review held on " + last->text("held_on") +
               " was frozen with all " + std::to_string(pack_sections().size()) +
               " inputs, compiled from the records.";
    return f;
  }
  f.status = missing.size() == pack_sections().size() ? Status::not_met : Status::partial;
  f.reason = "The input pack of the review held on " + last->text("held_on") + " lacks " +
             readiness::counted(static_cast<int64_t>(missing.size()), "input", "inputs") + ": " +
             missing.front() + (missing.size() > 1 ? ", ..." : "") + ".";
  f.fix = f.links.front();
  return f;
}

Result<Finding> outputs_rule(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto last, last_held(db, org));
  if (!last) return none_held();
  TRY_ASSIGN(const auto actions,
             records::list_all(db, review_actions(), org,
                               {.filters = {{"review_id", std::to_string(last->id)}}}));
  Finding f;
  const Link review = link_to(management_reviews(), *last);
  if (actions.empty()) {
    f.status = Status::partial;
    f.reason = "The review held on " + last->text("held_on") +
               " recorded no decision as an action with an owner and a due date.";
    f.links.push_back(review);
    f.fix = review;
    return f;
  }
  for (const auto& a : actions)
    if (a.state == "open" && a.text("due_on") < today)
      f.links.push_back(link_to(review_actions(), a));
  const std::string counts =
      readiness::counted(static_cast<int64_t>(actions.size()), "decision", "decisions") +
      " of the review held on " + last->text("held_on") +
      (actions.size() == 1 ? " is an action" : " are actions") + " with an owner and a due date";
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = counts + "; none is overdue.";
    f.links.push_back(review);
    return f;
  }
  f.status = Status::partial;
  f.reason = counts + "; " + readiness::counted(static_cast<int64_t>(f.links.size()), "is", "are") +
             " overdue.";
  f.fix = f.links.front();
  return f;
}

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto today = [] { return now_timestamp().substr(0, 10); };
    readiness::add_rule({kIso42001,
                         "9.1",
                         {"monitors and their runs", "AI objectives and their values"},
                         [](store::Database& db, int64_t org) {
                           return monitoring_rule(db, org, now_timestamp());
                         }});
    readiness::add_rule(
        {kIso42001,
         "9.3.1",
         {"management reviews: held and planned dates"},
         [today](store::Database& db, int64_t org) { return held_rule(db, org, today()); }});
    readiness::add_rule(
        {kIso42001, "9.3.2", {"the last held management review's frozen input pack"}, inputs_rule});
    readiness::add_rule(
        {kIso42001,
         "9.3.3",
         {"review actions: owners, due dates and status"},
         [today](store::Database& db, int64_t org) { return outputs_rule(db, org, today()); }});
  });
}

}  // namespace aims::review
