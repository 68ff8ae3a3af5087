// Progress of an objective from its plan, its series and today's date.
#include "objectives/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/time.h"

namespace aims::objectives {
namespace {

double clamp_percent(double p) {
  return std::isfinite(p) ? std::clamp(p, 0.0, 100.0) : 0.0;
}

bool meets(const Plan& plan, double value) {
  return plan.direction == Direction::at_least ? value >= plan.target : value <= plan.target;
}

double expected_by(const Plan& plan, const std::string& today) {
  const auto start = parse_date_days(plan.start), due = parse_date_days(plan.due),
             now = parse_date_days(today);
  if (!start || !due || !now) return 0;
  if (*due <= *start) return *now >= *due ? 100 : 0;
  return clamp_percent(100.0 * double(*now - *start) / double(*due - *start));
}

double done_of(const Plan& plan, double baseline, double latest) {
  if (meets(plan, latest)) return 100;
  // A baseline already at the target leaves no way to go, and the latest value fell short of it.
  if (plan.target == baseline) return 0;
  return clamp_percent(100.0 * (latest - baseline) / (plan.target - baseline));
}

std::string percent(double p) {
  return std::to_string(static_cast<int>(std::lround(p))) + " %";
}

std::string with_unit(double v, const std::string& unit) {
  return format_value(v) + (unit.empty() ? "" : " " + unit);
}

// "0.78 of a 0.85 target" or "0.08 against a target of at most 0.05".
std::string against_target(const Plan& plan, double value, const std::string& unit) {
  if (plan.direction == Direction::at_least)
    return with_unit(value, unit) + " of a " + with_unit(plan.target, unit) + " target";
  return with_unit(value, unit) + " against a target of at most " + with_unit(plan.target, unit);
}

}  // namespace

Progress progress(const Plan& plan, std::vector<Sample> series, const std::string& today) {
  Progress p;
  p.percent_expected = expected_by(plan, today);
  p.past_due = !plan.due.empty() && today > plan.due;
  std::stable_sort(series.begin(), series.end(),
                   [](const Sample& a, const Sample& b) { return a.date < b.date; });
  if (series.empty()) {
    p.verdict = p.past_due ? Verdict::off_track : Verdict::no_data;
    return p;
  }
  p.latest = series.back();
  const double baseline = plan.baseline.value_or(series.front().value);
  p.percent_done = done_of(plan, baseline, p.latest->value);
  const double gap = p.percent_expected - *p.percent_done;
  if (meets(plan, p.latest->value))
    p.verdict = Verdict::achieved;
  else if (p.past_due || gap > kOffTrackPoints)
    p.verdict = Verdict::off_track;
  else if (gap > kBehindPoints)
    p.verdict = Verdict::behind;
  else
    p.verdict = Verdict::on_track;
  return p;
}

std::string verdict_key(Verdict v) {
  switch (v) {
    case Verdict::achieved:
      return "achieved";
    case Verdict::on_track:
      return "on_track";
    case Verdict::behind:
      return "behind";
    case Verdict::off_track:
      return "off_track";
    case Verdict::no_data:
      return "no_data";
  }
  return "";
}

std::string verdict_label(Verdict v) {
  switch (v) {
    case Verdict::achieved:
      return "Achieved";
    case Verdict::on_track:
      return "On track";
    case Verdict::behind:
      return "Behind";
    case Verdict::off_track:
      return "Off track";
    case Verdict::no_data:
      return "No data yet";
  }
  return "";
}

std::string format_value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string details(const Plan& plan, const Progress& p, const std::string& unit) {
  if (!p.latest) {
    if (p.past_due) return "due " + plan.due + " and never measured.";
    return "nothing measured so far; " + percent(p.percent_expected) +
           " of the time to the due date has passed.";
  }
  const std::string where = against_target(plan, p.latest->value, unit);
  if (p.verdict == Verdict::achieved) return where + ", measured on " + p.latest->date + ".";
  const std::string done = percent(p.percent_done.value_or(0)) + " of the way";
  if (p.past_due) return "due " + plan.due + " and not reached; " + where + ", " + done + ".";
  return where + ", " + done + "; " + percent(p.percent_expected) + " expected by today.";
}

std::string sentence(const Plan& plan, const Progress& p, const std::string& unit) {
  return verdict_label(p.verdict) + ": " + details(plan, p, unit);
}

}  // namespace aims::objectives
