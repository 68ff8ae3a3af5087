// Server-drawn charts: the axis steps people read, and charts that draw (or say "no values yet")
// whatever numbers a stored threshold or metric holds, in bounded time and size.
#include "web/chart.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aims::web {
namespace {

using ::testing::ElementsAre;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMax = std::numeric_limits<double>::max();

size_t count_of(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++n;
  return n;
}

TEST(AxisTicksTest, StepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen) {
  // 0..1: a quarter of the span is 0.25, itself 2.5 x 10^-1.
  EXPECT_THAT(axis_ticks(0, 1), ElementsAre(0, 0.25, 0.5, 0.75, 1));
  // 0..7: a quarter is 1.75; the next step up is 2 x 10^0, the last tick the first at or above 7.
  EXPECT_THAT(axis_ticks(0, 7), ElementsAre(0, 2, 4, 6, 8));
  // One value, 0.5: widened by 10% of it (0.05) either way. A quarter of the span, 0.025, comes
  // out a hair above 2.5 x 10^-2 in doubles, so the step is 5 x 10^-2.
  const auto single = axis_ticks(0.5, 0.5);
  ASSERT_EQ(single.size(), 3u);
  EXPECT_DOUBLE_EQ(single[0], 0.45);
  EXPECT_DOUBLE_EQ(single[1], 0.5);
  EXPECT_DOUBLE_EQ(single[2], 0.55);
}

// Each case, in whatever form a stored number may take, must give a short, finite, increasing axis.
TEST(AxisTicksTest, AnyPairOfDoublesGivesAFewFiniteIncreasingTicks) {
  const std::vector<std::pair<double, double>> cases = {
      {0.8, 1.7e308},     // the threshold that crashed the server
      {-1.797e308, 0.8},  // the one whose tick loop never ended
      {-kMax, kMax},     {kMax, kMax},      {-kInf, kInf},  {kInf, kInf}, {kNaN, 1},
      {1, kNaN},         {kNaN, kNaN},      {1, 0},         {0, 0},       {1e17, 1e17 + 16},
      {5e-324, 1e-323},  {-1e-310, 1e-310}, {1e300, -1e300}};
  for (const auto& [lo, hi] : cases) {
    SCOPED_TRACE(std::to_string(lo) + " .. " + std::to_string(hi));
    const auto ticks = axis_ticks(lo, hi);
    ASSERT_GE(ticks.size(), 2u);
    EXPECT_LE(ticks.size(), 6u);
    for (size_t i = 0; i < ticks.size(); ++i) {
      EXPECT_TRUE(std::isfinite(ticks[i]));
      if (i > 0) {
        EXPECT_LT(ticks[i - 1], ticks[i]);
      }
    }
  }
}

// The ends lie inside the axis, to within a billionth of a step (what doubles can tell apart).
void expect_inside(double lo, double hi) {
  const auto ticks = axis_ticks(lo, hi);
  ASSERT_GE(ticks.size(), 2u);
  const double slack = (ticks[1] - ticks[0]) * 1e-9;
  EXPECT_LE(ticks.front(), lo + slack);
  EXPECT_GE(ticks.back(), hi - slack);
}

TEST(AxisTicksTest, FiniteEndsWithinTheLimitLieInsideTheAxis) {
  // -1.797e308 is drawn at -1e300, the axis limit; next to it 0.8 is within a billionth of a step.
  expect_inside(-1e300, 0.8);
  EXPECT_LE(axis_ticks(-1.797e308, 0.8).front(), -1e300);
  expect_inside(1e17, 1e17 + 16);  // 16 is one unit in the last place of 1e17
  expect_inside(0.7, 0.8);
  expect_inside(-3, 1e12);
}

std::vector<ChartPoint> points(const std::vector<std::optional<double>>& values) {
  std::vector<ChartPoint> out;
  for (size_t i = 0; i < values.size(); ++i)
    out.push_back({"day " + std::to_string(i + 1), values[i], false});
  return out;
}

void expect_drawable(const std::string& svg) {
  EXPECT_EQ(svg.rfind("<svg class=\"chart\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_EQ(svg.find("nan"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("inf"), std::string::npos) << svg;
}

TEST(LineChartTest, AHugeThresholdStillDrawsEveryPoint) {
  const std::string svg = line_chart(points({0.7, 0.8, 0.75}), 1.7e308, "Disparate impact");
  expect_drawable(svg);
  EXPECT_EQ(count_of(svg, "<circle"), 3u);
  EXPECT_EQ(count_of(svg, "class=\"threshold\""), 1u);
}

TEST(LineChartTest, NumbersThatAreNotFiniteAreGapsAndNotThresholds) {
  // NaN and the infinities break the line: two stretches, 0.7 and 0.8 .. 0.9, three circles.
  const std::string svg = line_chart(points({0.7, kNaN, 0.8, 0.9, kInf, -kInf}), kNaN, "Accuracy");
  expect_drawable(svg);
  EXPECT_EQ(count_of(svg, "<polyline"), 2u);
  EXPECT_EQ(count_of(svg, "<circle"), 3u);
  EXPECT_EQ(count_of(svg, "class=\"threshold\""), 0u);
}

TEST(LineChartTest, NothingFiniteToDrawSaysSo) {
  for (const auto& chart :
       {line_chart(points({kNaN, kInf}), kInf, "PSI"), line_chart(points({}), std::nullopt, "PSI"),
        line_chart(points({std::nullopt}), kNaN, "PSI")}) {
    expect_drawable(chart);
    EXPECT_NE(chart.find("no values yet"), std::string::npos);
  }
}

TEST(LineChartTest, ExtremeValuesSitInsideThePlot) {
  const std::string svg = line_chart(points({-kMax, kMax, 0, 5e-324}), -1.797e308, "R squared");
  expect_drawable(svg);
  EXPECT_EQ(count_of(svg, "<circle"), 4u);
  // Every circle's centre lies within the 190-pixel-high picture.
  for (size_t at = svg.find("cy=\""); at != std::string::npos; at = svg.find("cy=\"", at + 1)) {
    const double y = std::stod(svg.substr(at + 4));
    EXPECT_GE(y, 0);
    EXPECT_LE(y, 190);
  }
}

TEST(LineChartTest, OnlyTheNewestThousandPointsAreDrawn) {
  std::vector<std::optional<double>> values(5000);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<double>(i % 7);
  const std::string svg = line_chart(points(values), 3.0, "Row count");
  expect_drawable(svg);
  EXPECT_EQ(count_of(svg, "<circle"), 1000u);
  // The first label shown is that of point 4001 (points 4001 to 5000 are the newest thousand).
  EXPECT_NE(svg.find(">day 4001</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">day 1</text>"), std::string::npos);
}

}  // namespace
}  // namespace aims::web
