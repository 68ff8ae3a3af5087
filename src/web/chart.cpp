#include "web/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <tuple>
#include <utility>

namespace aims::web {
namespace {

constexpr double kWidth = 560, kHeight = 190, kLeft = 52, kRight = 12, kTop = 14, kBottom = 26;
// Values beyond this magnitude are drawn at the edge of the axis, so the axis's span and steps
// stay finite whatever a stored number holds.
constexpr double kAxisLimit = 1e300;
// The newest points drawn: more would be less than a pixel apart on the plot's 496 pixels.
constexpr size_t kMaxPoints = 1000;

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string number(double v, const char* format = "%.3g") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

bool drawable(const std::optional<double>& value) {
  return value && std::isfinite(*value);
}

// [lo, hi] made finite, ordered and wide enough to divide into steps that doubles tell apart.
std::pair<double, double> axis_range(double lo, double hi) {
  if (std::isnan(lo)) lo = hi;
  if (std::isnan(hi)) hi = lo;
  if (std::isnan(lo)) lo = hi = 0;
  lo = std::clamp(lo, -kAxisLimit, kAxisLimit);
  hi = std::clamp(hi, -kAxisLimit, kAxisLimit);
  if (hi < lo) std::swap(lo, hi);
  // A span below a billionth of the values (or near the smallest doubles) is one value to steps.
  if (hi - lo <= std::max(std::max(std::abs(lo), std::abs(hi)) * 1e-9, 1e-250)) {
    const double pad = std::max(std::abs(hi) * 0.1, 0.05);
    lo -= pad;
    hi += pad;
  }
  return {lo, hi};
}

}  // namespace

std::vector<double> axis_ticks(double lo, double hi) {
  std::tie(lo, hi) = axis_range(lo, hi);
  const double rough = (hi - lo) / 4;
  const double magnitude = std::pow(10, std::floor(std::log10(rough)));
  double step = magnitude * 10;
  for (double m : {1.0, 2.0, 2.5, 5.0}) {
    if (magnitude * m >= rough) {
      step = magnitude * m;
      break;
    }
  }
  // Counted, not accumulated: adding a step to a large value may leave it unchanged. As the step
  // is at least a quarter of the span, there are at most six ticks.
  const double first = std::floor(lo / step + 1e-9) * step;
  const auto count = static_cast<int>(std::ceil((hi - first) / step - 1e-9)) + 1;
  std::vector<double> ticks;
  for (int i = 0; i < count; ++i) {
    const double v = first + i * step;
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

std::string line_chart(const std::vector<ChartPoint>& all_points, std::optional<double> threshold,
                       const std::string& title) {
  const auto points = std::span(all_points).last(std::min(all_points.size(), kMaxPoints));
  if (!drawable(threshold)) threshold.reset();
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& p : points) {
    if (drawable(p.value)) lo = std::min(lo, *p.value), hi = std::max(hi, *p.value);
  }
  if (threshold) lo = std::min(lo, *threshold), hi = std::max(hi, *threshold);
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + number(kWidth, "%.0f") + " " +
                    number(kHeight, "%.0f") + "\" role=\"img\" aria-label=\"" + escape(title) +
                    "\"><title>" + escape(title) + "</title>";
  if (lo > hi) {
    return svg + "<text x=\"" + number(kWidth / 2, "%.0f") + "\" y=\"" +
           number(kHeight / 2, "%.0f") + "\" text-anchor=\"middle\">no values yet</text></svg>";
  }
  const std::vector<double> ticks = axis_ticks(lo, hi);
  lo = ticks.front();
  hi = ticks.back();
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](size_t i) {
    return kLeft + (points.size() < 2 ? plot_w / 2 : plot_w * i / (points.size() - 1));
  };
  auto y_of = [&](double v) {
    return kTop + plot_h * (1 - (std::clamp(v, lo, hi) - lo) / (hi - lo));
  };

  for (double v : ticks) {  // horizontal grid with labels
    const double y = y_of(v);
    svg += "<line class=\"grid\" x1=\"" + number(kLeft, "%.1f") + "\" x2=\"" +
           number(kWidth - kRight, "%.1f") + "\" y1=\"" + number(y, "%.1f") + "\" y2=\"" +
           number(y, "%.1f") + "\"/>";
    svg += "<text x=\"" + number(kLeft - 6, "%.1f") + "\" y=\"" + number(y + 4, "%.1f") +
           "\" text-anchor=\"end\">" + number(v) + "</text>";
  }
  svg += "<line class=\"axis\" x1=\"" + number(kLeft, "%.1f") + "\" x2=\"" +
         number(kWidth - kRight, "%.1f") + "\" y1=\"" + number(kHeight - kBottom, "%.1f") +
         "\" y2=\"" + number(kHeight - kBottom, "%.1f") + "\"/>";
  if (threshold) {
    const double y = y_of(*threshold);
    svg += "<line class=\"threshold\" x1=\"" + number(kLeft, "%.1f") + "\" x2=\"" +
           number(kWidth - kRight, "%.1f") + "\" y1=\"" + number(y, "%.1f") + "\" y2=\"" +
           number(y, "%.1f") + "\"><title>threshold " + number(*threshold) + "</title></line>";
  }
  // One polyline per stretch of defined values; a missing value breaks the line.
  std::string segment;
  auto flush = [&] {
    if (!segment.empty()) svg += "<polyline class=\"series\" points=\"" + segment + "\"/>";
    segment.clear();
  };
  for (size_t i = 0; i < points.size(); ++i) {
    if (!drawable(points[i].value)) {
      flush();
      continue;
    }
    segment += number(x_of(i), "%.1f") + "," + number(y_of(*points[i].value), "%.1f") + " ";
  }
  flush();
  for (size_t i = 0; i < points.size(); ++i) {
    if (!drawable(points[i].value)) continue;
    svg += "<circle cx=\"" + number(x_of(i), "%.1f") + "\" cy=\"" +
           number(y_of(*points[i].value), "%.1f") + "\" r=\"3\" class=\"" +
           (points[i].breach ? "point breach" : "point") + "\"><title>" + escape(points[i].label) +
           ": " + number(*points[i].value, "%.4g") + (points[i].breach ? " (breach)" : "") +
           "</title></circle>";
  }
  if (!points.empty()) {
    svg += "<text x=\"" + number(kLeft, "%.1f") + "\" y=\"" + number(kHeight - 8, "%.1f") + "\">" +
           escape(points.front().label) + "</text>";
    if (points.size() > 1) {
      svg += "<text x=\"" + number(kWidth - kRight, "%.1f") + "\" y=\"" +
             number(kHeight - 8, "%.1f") + "\" text-anchor=\"end\">" + escape(points.back().label) +
             "</text>";
    }
  }
  return svg + "</svg>";
}

std::string bar_chart(const std::vector<Bar>& bars, const std::string& title) {
  constexpr double kRow = 26, kLabel = 250, kBar = 170, kGap = 6, kRight = 44;
  const double height = kRow * double(bars.size()) + kGap;
  std::string svg = "<svg class=\"chart bars\" viewBox=\"0 0 " +
                    number(kLabel + kBar + kRight, "%.0f") + " " + number(height, "%.0f") +
                    "\" role=\"img\" aria-label=\"" + escape(title) + "\"><title>" + escape(title) +
                    "</title>";
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double v = std::isfinite(b.value) ? std::clamp(b.value, 0.0, 1.0) : 0.0;
    const double y = kGap + kRow * double(i);
    const std::string label =
        "<text x=\"0\" y=\"" + number(y + 14, "%.1f") + "\">" + escape(b.label) + "</text>";
    svg += b.href.empty() ? label : "<a href=\"" + escape(b.href) + "\">" + label + "</a>";
    svg += "<rect class=\"track\" x=\"" + number(kLabel, "%.0f") + "\" y=\"" +
           number(y + 2, "%.1f") + "\" width=\"" + number(kBar, "%.0f") +
           "\" height=\"16\" rx=\"3\"/>";
    svg += "<rect class=\"fill\" x=\"" + number(kLabel, "%.0f") + "\" y=\"" +
           number(y + 2, "%.1f") + "\" width=\"" + number(kBar * v, "%.1f") +
           "\" height=\"16\" rx=\"3\"/>";
    svg += "<text x=\"" + number(kLabel + kBar + 8, "%.0f") + "\" y=\"" + number(y + 14, "%.1f") +
           "\">" + number(std::round(v * 100), "%.0f") + "%</text>";
  }
  return svg + "</svg>";
}

std::string grid_chart(const GridChart& c) {
  constexpr double kCellW = 104, kCellH = 58, kLabelW = 132, kAxisH = 46, kTopPad = 6;
  const double cols = double(c.x_labels.size()), rows = double(c.y_labels.size());
  const double width = kLabelW + kCellW * cols + 8, height = kTopPad + kCellH * rows + kAxisH;
  std::string svg = "<svg class=\"chart grid-chart\" viewBox=\"0 0 " + number(width, "%.0f") + " " +
                    number(height, "%.0f") + "\" role=\"img\" aria-label=\"" + escape(c.title) +
                    "\"><title>" + escape(c.title) + "</title>";
  for (size_t y = 0; y < c.y_labels.size(); ++y) {
    const double top = kTopPad + kCellH * (rows - 1 - double(y));
    svg += "<text class=\"row-label\" x=\"" + number(kLabelW - 8, "%.0f") + "\" y=\"" +
           number(top + kCellH / 2 + 4, "%.1f") + "\" text-anchor=\"end\">" +
           escape(c.y_labels[y]) + "</text>";
    for (size_t x = 0; x < c.x_labels.size() && y < c.cells.size() && x < c.cells[y].size(); ++x) {
      const GridCell& cell = c.cells[y][x];
      const double left = kLabelW + kCellW * double(x);
      std::string g =
          "<g class=\"cell " + escape(cell.tone) + (cell.outlined ? " outlined" : "") +
          "\"><title>" + escape(cell.tooltip) + "</title><rect x=\"" + number(left + 1, "%.0f") +
          "\" y=\"" + number(top + 1, "%.0f") + "\" width=\"" + number(kCellW - 2, "%.0f") +
          "\" height=\"" + number(kCellH - 2, "%.0f") + "\" rx=\"4\"/><text x=\"" +
          number(left + kCellW / 2, "%.1f") + "\" y=\"" + number(top + kCellH / 2 + 5, "%.1f") +
          "\" text-anchor=\"middle\">" + escape(cell.text) + "</text></g>";
      svg += cell.href.empty() ? g : "<a href=\"" + escape(cell.href) + "\">" + g + "</a>";
    }
  }
  const double axis = kTopPad + kCellH * rows;
  for (size_t x = 0; x < c.x_labels.size(); ++x) {
    svg += "<text x=\"" + number(kLabelW + kCellW * (double(x) + 0.5), "%.1f") + "\" y=\"" +
           number(axis + 16, "%.1f") + "\" text-anchor=\"middle\">" + escape(c.x_labels[x]) +
           "</text>";
  }
  svg += "<text class=\"axis-title\" x=\"" + number(kLabelW + kCellW * cols / 2, "%.1f") +
         "\" y=\"" + number(axis + 38, "%.1f") + "\" text-anchor=\"middle\">" + escape(c.x_title) +
         " \u2192</text>";
  svg += "<text class=\"axis-title\" x=\"4\" y=\"" + number(kTopPad + 12, "%.1f") + "\">" +
         escape(c.y_title) + " \u2191</text>";
  return svg + "</svg>";
}

}  // namespace aims::web
