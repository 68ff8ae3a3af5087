// The heat map without a database: each cell in its level's colour with the counts of inherent
// (hollow) and residual (solid) positions, their risks' names in the cell's <title>, and the cells
// above the acceptance threshold outlined.
#include <gtest/gtest.h>

#include "risk/risk.h"

namespace aims::risk {
namespace {

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// Names with characters SVG must escape, so the test sees the escaping too.
const std::vector<Position> kInherent = {{1, "Bias <in> hiring", 4, 3}, {2, "Drift & decay", 4, 3}};
const std::vector<Position> kResidual = {{1, "Bias <in> hiring", 2, 2}};

TEST(RiskHeatMap, EachCellCountsAndNamesItsRisks) {
  const std::string svg = heat_map_svg(default_criteria(), kInherent, kResidual);
  ASSERT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  // 5 x 5 cells.
  EXPECT_EQ(count_of(svg, "<g class=\"cell "), 25u);
  // Likelihood 4 x impact 3 = 12: high, above the default threshold (medium), two inherent
  // positions; its title names both risks, escaped.
  EXPECT_NE(svg.find("<g class=\"cell high outlined\"><title>High (likelihood 4, impact 3)\n"
                     "Inherent: Bias &lt;in&gt; hiring; Drift &amp; decay</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find(">2 \u25cb</text>"), std::string::npos) << "two hollow (inherent) marks";
  // Likelihood 2 x impact 2 = 4: low, not outlined, one residual position.
  EXPECT_NE(svg.find("<g class=\"cell low\"><title>Low (likelihood 2, impact 2)\n"
                     "Residual: Bias &lt;in&gt; hiring</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find(">1 \u25cf</text>"), std::string::npos) << "one solid (residual) mark";
  // No raw names: every one went through escaping.
  EXPECT_EQ(svg.find("Bias <in>"), std::string::npos);
  EXPECT_EQ(svg.find("Drift & decay"), std::string::npos);
  // The scales label the axes with their scores and names.
  EXPECT_NE(svg.find(">5 Almost certain</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1 Negligible</text>"), std::string::npos);
}

TEST(RiskHeatMap, BothMarksShareACell) {
  const std::string svg =
      heat_map_svg(default_criteria(), {{1, "A", 3, 3}}, {{1, "A", 3, 3}, {2, "B", 3, 3}});
  // 3 x 3 = 9: medium, within the threshold.
  EXPECT_NE(svg.find("<g class=\"cell medium\"><title>Medium (likelihood 3, impact 3)\n"
                     "Inherent: A\nResidual: A; B</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find(">1 \u25cb  2 \u25cf</text>"), std::string::npos) << svg;
}

TEST(RiskHeatMap, CellsAboveTheThresholdAreOutlined) {
  // Default 5 x 5 product rule, threshold medium: high and critical cells are above it, those with
  // likelihood x impact >= 10:
  //   likelihood 1: none (at most 5)          0
  //   likelihood 2: impact 5 (10)             1
  //   likelihood 3: impact 4, 5 (12, 15)      2
  //   likelihood 4: impact 3, 4, 5 (12..20)   3
  //   likelihood 5: impact 2..5 (10..25)      4
  //                                     total 10
  // (" outlined\"" is the cell's class; the chart's title also says "outlined" in words.)
  Criteria c = default_criteria();
  EXPECT_EQ(count_of(heat_map_svg(c, kInherent, kResidual), " outlined\""), 10u);
  EXPECT_EQ(count_of(heat_map_svg(c, {}, {}), " outlined\""), 10u);
  // Threshold high: only critical cells, product >= 17: 4 x 5, 5 x 4, 5 x 5.
  c.threshold = "high";
  EXPECT_EQ(count_of(heat_map_svg(c, {}, {}), " outlined\""), 3u);
  // Threshold critical: nothing is above it.
  c.threshold = "critical";
  EXPECT_EQ(count_of(heat_map_svg(c, {}, {}), " outlined\""), 0u);
}

}  // namespace
}  // namespace aims::risk
