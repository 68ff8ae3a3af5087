#include "data_quality/views.h"

#include <algorithm>
#include <cmath>

#include "base/time.h"

namespace aims::data_quality {
namespace {

using monitoring::percent;
using nlohmann::json;

// The bar chart: group labels on the left, bars scaled to the largest share or target.
constexpr double kLabelWidth = 90;
constexpr double kBarArea = 300;
constexpr double kRowHeight = 26;

std::string kind_label(const std::string& kind) {
  if (kind == "completeness") return "Completeness";
  if (kind == "duplicates") return "Duplicate rows";
  if (kind == "label_consistency") return "Label consistency";
  if (kind == "value_range") return "Value range";
  if (kind == "representativeness") return "Representativeness";
  return kind;
}

std::string threshold_text(const json& result) {
  const std::string kind = result.value("kind", "");
  const double threshold = result.value("threshold", 0.0);
  if (kind == "completeness") return "at least " + percent(threshold) + " present";
  if (kind == "representativeness")
    return "each group at least " + percent(threshold) + " of its target share";
  return "at most " + percent(threshold);
}

std::string measured_text(const json& result) {
  if (!result.contains("measured") || !result["measured"].is_number()) return "not measured";
  const double measured = result["measured"].get<double>();
  if (result.value("kind", "") == "representativeness")
    return "lowest group at " + percent(measured) + " of its target share";
  return percent(measured);
}

json chart_of(const json& groups) {
  double scale = 0;
  for (const auto& g : groups)
    scale = std::max({scale, g.value("share", 0.0), g.value("target", 0.0)});
  if (scale <= 0) scale = 1;
  json rows = json::array();
  double y = 0;
  for (const auto& g : groups) {
    const double share = g.value("share", 0.0);
    const double minimum = g.value("minimum", 0.0);
    rows.push_back({{"label", g.value("group", "")},
                    {"y", y + 6},
                    {"text_y", y + 18},
                    {"bar_width", std::round(share / scale * kBarArea * 10) / 10},
                    {"min_x", std::round((kLabelWidth + minimum / scale * kBarArea) * 10) / 10},
                    {"value_x", kLabelWidth + kBarArea + 6},
                    {"share_text", percent(share)},
                    {"pass", g.value("pass", false)}});
    y += kRowHeight;
  }
  return {{"rows", rows},
          {"height", y + 4},
          {"label_width", kLabelWidth},
          {"width", kLabelWidth + kBarArea + 70}};
}

json result_view(const json& result) {
  json columns = json::array();
  for (const auto& c : result.value("columns", json::array())) {
    columns.push_back({{"column", c.value("column", "")},
                       {"measured", percent(c.value("measured", 0.0))},
                       {"checked", c.value("checked", 0)},
                       {"pass", c.value("pass", false)}});
  }
  json groups = json::array();
  for (const auto& g : result.value("groups", json::array())) {
    groups.push_back({{"group", g.value("group", "")},
                      {"target", percent(g.value("target", 0.0))},
                      {"minimum", percent(g.value("minimum", 0.0))},
                      {"share", percent(g.value("share", 0.0))},
                      {"rows", g.value("rows", 0)},
                      {"pass", g.value("pass", false)}});
  }
  json view = {{"name", result.value("name", "")},
               {"requirement_id", result.value("key", "")},
               {"kind", kind_label(result.value("kind", ""))},
               {"measured", measured_text(result)},
               {"threshold", threshold_text(result)},
               {"pass", result.value("pass", false)},
               {"summary", result.value("summary", "")},
               {"columns", columns},
               {"has_columns", columns.size() > 1},
               {"groups", groups},
               {"has_groups", !groups.empty()}};
  if (!groups.empty()) view["chart"] = chart_of(result["groups"]);
  return view;
}

}  // namespace

json run_json(const StoredRun& run) {
  return {{"id", run.id},
          {"dataset_id", run.dataset_id},
          {"started_at", run.started_at},
          {"finished_at", run.finished_at},
          {"file_name", run.file_name},
          {"sha256", run.sha256},
          {"rows", run.rows},
          {"malformed_rows", run.malformed_rows},
          {"pass", run.pass},
          {"run_by", run.run_by ? json(*run.run_by) : json()},
          {"report", run.report}};
}

json run_view(const StoredRun& run, const std::string& dataset_name) {
  json results = json::array();
  size_t failed = 0;
  if (run.report.is_object()) {
    for (const auto& result : run.report.value("results", json::array())) {
      results.push_back(result_view(result));
      if (!result.value("pass", false)) ++failed;
    }
  }
  json malformed = run.report.is_object() ? run.report.value("malformed_examples", json::array())
                                          : json::array();
  return {{"id", run.id},
          {"dataset", {{"id", run.dataset_id}, {"name", dataset_name}}},
          {"when", minute_text(run.finished_at)},
          {"file_name", run.file_name.empty() ? std::string("upload") : run.file_name},
          {"sha256", run.sha256},
          {"rows", run.rows},
          {"malformed_rows", run.malformed_rows},
          {"has_malformed", run.malformed_rows > 0},
          {"malformed_examples", malformed},
          {"pass", run.pass},
          {"failed", failed},
          {"failed_text",
           std::to_string(failed) + (failed == 1 ? " requirement" : " requirements") + " not met"},
          {"run_by", run.run_by_name.empty() ? std::string("the command line") : run.run_by_name},
          {"results", results}};
}

json shortfalls_view(const std::vector<Shortfall>& shortfalls) {
  json out = json::array();
  for (const auto& s : shortfalls) {
    out.push_back({{"dataset_id", s.dataset_id},
                   {"dataset", s.dataset},
                   {"run_id", s.run_id},
                   {"text", s.text}});
  }
  return out;
}

}  // namespace aims::data_quality
