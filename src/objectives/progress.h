// How far an AI objective has come from its baseline towards its target, against a straight line
// from its start to its due date: pure arithmetic on dates and values, no database.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aims::objectives {

enum class Direction { at_least, at_most };  // higher is better / lower is better

struct Sample {
  std::string date;  // YYYY-MM-DD
  double value = 0;
};

struct Plan {
  std::optional<double> baseline;  // none: the first sample is the baseline
  double target = 0;
  Direction direction = Direction::at_least;
  std::string start;  // YYYY-MM-DD
  std::string due;    // YYYY-MM-DD
};

enum class Verdict { achieved, on_track, behind, off_track, no_data };

// Behind: progress more than this many points below where the straight line says it should be.
inline constexpr double kBehindPoints = 10;
// Off track: more than this many points below it (or past due without reaching the target).
inline constexpr double kOffTrackPoints = 30;

struct Progress {
  std::optional<Sample> latest;
  // Of the way from the baseline to the target, 0 to 100: a value worse than the baseline is 0,
  // one at or beyond the target 100. None without data.
  std::optional<double> percent_done;
  double percent_expected = 0;  // by today on the line from start to due, 0 to 100
  Verdict verdict = Verdict::no_data;
  bool past_due = false;
};

// `series` in any order (the latest is the one with the latest date, the last given among equal
// dates); `today` is YYYY-MM-DD. Malformed dates count as no time passed.
Progress progress(const Plan& plan, std::vector<Sample> series, const std::string& today);

std::string verdict_key(Verdict v);    // "on_track"
std::string verdict_label(Verdict v);  // "On track"

// A number as people read it: at most four significant digits, no trailing zeros ("0.78", "42").
std::string format_value(double v);

// The verdict in one sentence: "On track: 0.78 of a 0.85 target, 62 % of the way; 55 % expected
// by today." `unit` follows the values when given ("42 people").
std::string sentence(const Plan& plan, const Progress& p, const std::string& unit);
// The same without the verdict's label, for pages that show the label as a badge beside it.
std::string details(const Plan& plan, const Progress& p, const std::string& unit);

}  // namespace aims::objectives
