// The risk heat map: the criteria's matrix with the register's inherent and residual positions.
#include <map>

#include "risk/risk.h"
#include "web/chart.h"

namespace aims::risk {
namespace {

using Cell = std::pair<int64_t, int64_t>;  // likelihood, impact

std::map<Cell, std::vector<const Position*>> by_cell(const std::vector<Position>& positions) {
  std::map<Cell, std::vector<const Position*>> out;
  for (const auto& p : positions)
    out[{p.likelihood, p.impact}].push_back(&p);
  return out;
}

std::string names(const char* what, const std::vector<const Position*>& at) {
  if (at.empty()) return "";
  std::string out = std::string(what) + ": ";
  for (size_t n = 0; n < at.size(); ++n)
    out += (n ? "; " : "") + at[n]->title;
  return out;
}

}  // namespace

std::string heat_map_svg(const Criteria& c, const std::vector<Position>& inherent,
                         const std::vector<Position>& residual) {
  const auto before = by_cell(inherent), after = by_cell(residual);
  web::GridChart chart{
      "Risk heat map: likelihood by impact, inherent (hollow) and residual "
      "(solid) positions; cells outlined are above the acceptance threshold",
      "Impact",
      "Likelihood",
      {},
      {},
      {}};
  for (size_t i = 0; i < c.impact.size(); ++i)
    chart.x_labels.push_back(std::to_string(i + 1) + " " + c.impact[i].name);
  for (size_t l = 0; l < c.likelihood.size(); ++l) {
    chart.y_labels.push_back(std::to_string(l + 1) + " " + c.likelihood[l].name);
    chart.cells.emplace_back();
    for (size_t i = 0; i < c.impact.size(); ++i) {
      const Cell at{int64_t(l + 1), int64_t(i + 1)};
      const auto level = level_of(c, at.first, at.second).value_or("");
      const auto in = before.count(at) ? before.at(at) : std::vector<const Position*>{};
      const auto out = after.count(at) ? after.at(at) : std::vector<const Position*>{};
      std::string text;
      if (!in.empty()) text += std::to_string(in.size()) + " \u25cb";
      if (!out.empty()) text += (text.empty() ? "" : "  ") + std::to_string(out.size()) + " \u25cf";
      std::string tooltip = level_label(level) + " (likelihood " + std::to_string(at.first) +
                            ", impact " + std::to_string(at.second) + ")";
      for (const auto& part : {names("Inherent", in), names("Residual", out)})
        if (!part.empty()) tooltip += "\n" + part;
      chart.cells.back().push_back({level, text, tooltip, "", above_threshold(c, level)});
    }
  }
  return web::grid_chart(chart);
}

}  // namespace aims::risk
