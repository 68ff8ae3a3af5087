// Charts drawn on the server as SVG, so pages need no script to show them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aims::web {

struct ChartPoint {
  std::string label;            // shown for the first and last point, e.g. a date
  std::optional<double> value;  // no value: a gap in the line
  bool breach = false;          // drawn in the alert colour
};

// Grid values for an axis from `lo` to `hi`: steps of 1, 2, 2.5 or 5 times a power of ten, about
// four of them, the first at or below `lo` and the last at or above `hi`.
std::vector<double> axis_ticks(double lo, double hi);

// A line chart of `points` in order, with `threshold` drawn as a dashed line. The result is SVG
// markup (all text escaped) for a triple-mustache slot.
std::string line_chart(const std::vector<ChartPoint>& points, std::optional<double> threshold,
                       const std::string& title);

}  // namespace aims::web
