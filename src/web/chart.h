// Charts drawn on the server as SVG, so pages need no script to show them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aims::web {

struct ChartPoint {
  std::string label;            // shown for the first and last point, e.g. a date
  std::optional<double> value;  // no value: a gap in the line
};

// A line chart of `points` in order, with `threshold` drawn as a dashed line. The result is SVG
// markup (all text escaped) for a triple-mustache slot.
std::string line_chart(const std::vector<ChartPoint>& points, std::optional<double> threshold,
                       const std::string& title);

}  // namespace aims::web
