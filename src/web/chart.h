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

// Grid values for an axis from `lo` to `hi`: steps of 1, 2, 2.5 or 5 times a power of ten, two to
// six of them, the first at or below `lo` and the last at or above `hi` (to within a billionth of
// a step, which is all doubles can tell apart next to a huge span). Defined for any doubles:
// NaN stands for the other end (0 when both are), magnitudes beyond 1e300 (and infinities) are
// clamped to 1e300, and an empty or tiny span is widened around its value.
std::vector<double> axis_ticks(double lo, double hi);

// A line chart of the newest 1000 `points` in order, with `threshold` drawn as a dashed line. A
// value or threshold that is not finite is not drawn (a gap in the line); values beyond the axis
// limit sit on its edge; with nothing to draw the chart says "no values yet". The result is SVG
// markup (all text escaped) for a triple-mustache slot.
std::string line_chart(const std::vector<ChartPoint>& points, std::optional<double> threshold,
                       const std::string& title);

struct Bar {
  std::string label;  // "4 Context of the organization"
  double value = 0;   // 0..1, drawn as a share of the full width and written as a percentage
  std::string href;   // where the label links (empty: no link)
};

// Horizontal bars, one per entry, each labelled with its percentage: how far each part of a whole
// has come (readiness per clause). Values outside 0..1 (or not finite) are clamped. SVG markup,
// all text escaped, for a triple-mustache slot.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& title);

// One cell of a grid chart.
struct GridCell {
  std::string tone;       // its colour, a class of the style sheet: "low", "medium", "high", ...
  std::string text;       // written in the cell
  std::string tooltip;    // what a pointer resting on it shows (the names behind the text)
  std::string href;       // where the cell links (empty: no link)
  bool outlined = false;  // drawn with a heavy border: beyond a limit the chart marks
};

// A grid of labelled rows and columns (a risk matrix): x labels left to right, y labels bottom
// to top, cells[y][x] with y counted from the bottom row. SVG markup, all text escaped, for a
// triple-mustache slot.
struct GridChart {
  std::string title;
  std::string x_title;  // "Impact"
  std::string y_title;  // "Likelihood"
  std::vector<std::string> x_labels;
  std::vector<std::string> y_labels;
  std::vector<std::vector<GridCell>> cells;
};
std::string grid_chart(const GridChart& chart);

}  // namespace aims::web
