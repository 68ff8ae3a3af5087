// libFuzzer target for the server's charts: any doubles (NaN, infinities, the largest and the
// smallest) as an axis's ends, a chart's points and its threshold give a few finite, increasing
// ticks and a whole SVG document of bounded size, never a crash or an endless loop.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "web/chart.h"

namespace {

// The input as raw doubles (every bit pattern, NaN and infinities included) and flag bytes.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool has(size_t bytes) const { return size_ - at_ >= bytes; }
  uint8_t byte() { return data_[at_++]; }
  double number() {
    double value;
    std::memcpy(&value, data_ + at_, sizeof value);
    at_ += sizeof value;
    return value;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

void check_ticks(double lo, double hi) {
  const std::vector<double> ticks = aims::web::axis_ticks(lo, hi);
  if (ticks.size() < 2 || ticks.size() > 6) std::abort();
  for (size_t i = 0; i < ticks.size(); ++i) {
    if (!std::isfinite(ticks[i]) || (i > 0 && !(ticks[i - 1] < ticks[i]))) std::abort();
  }
  // Ends within the axis limit lie inside the axis, to within a billionth of a step.
  const double slack = (ticks[1] - ticks[0]) * 1e-9;
  if (std::abs(lo) <= 1e300 && std::abs(hi) <= 1e300) {
    if (ticks.front() > std::min(lo, hi) + slack || ticks.back() < std::max(lo, hi) - slack)
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader in(data, size);
  if (!in.has(17)) return 0;
  const double lo = in.number(), hi = in.number();
  check_ticks(lo, hi);
  const uint8_t flags = in.byte();
  const std::optional<double> threshold = flags & 1 ? std::optional(lo) : std::nullopt;
  std::vector<aims::web::ChartPoint> points;
  while (in.has(9)) {
    const uint8_t point = in.byte();
    const double value = in.number();
    points.push_back({std::to_string(points.size()),
                      point & 1 ? std::optional(value) : std::nullopt, (point & 2) != 0});
  }
  const std::string svg = aims::web::line_chart(points, threshold, "fuzz");
  // A whole document, no number printed as nan or inf, and at most about 300 bytes a point.
  if (svg.rfind("<svg", 0) != 0 || svg.size() < 6 || svg.compare(svg.size() - 6, 6, "</svg>") != 0)
    std::abort();
  if (svg.find("nan") != std::string::npos || svg.find("inf") != std::string::npos) std::abort();
  if (svg.size() > 4096 + 300 * std::min<size_t>(points.size(), 1000)) std::abort();
  return 0;
}
