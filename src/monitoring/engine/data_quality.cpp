#include "monitoring/engine/data_quality.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "base/text.h"

namespace aims::monitoring {

namespace {

constexpr struct {
  QualityKind kind;
  std::string_view name;
} kKindNames[] = {{QualityKind::completeness, "completeness"},
                  {QualityKind::duplicates, "duplicates"},
                  {QualityKind::label_consistency, "label_consistency"},
                  {QualityKind::value_range, "value_range"},
                  {QualityKind::representativeness, "representativeness"}};

// Shares are written with a tolerance: "0.15" read as a double and summed with others may pass 1
// by a rounding error.
constexpr double kShareSlack = 1e-9;

Result<double> parse_share(std::string_view text, std::string_view group) {
  std::string number(trim(text));
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number = std::string(trim(number.substr(0, number.size() - 1)));
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(value)) {
    return Error::malformed("the share of '" + std::string(group) +
                            "' is not a number: write 0.15 or 15%");
  }
  const double share = percent ? value / 100 : value;
  if (share <= 0 || share > 1 + kShareSlack) {
    return Error::malformed("the share of '" + std::string(group) +
                            "' must be above 0 and at most 1 (100%)");
  }
  return share;
}

}  // namespace

std::string_view to_string(QualityKind kind) {
  for (const auto& entry : kKindNames)
    if (entry.kind == kind) return entry.name;
  return "";
}

std::optional<QualityKind> quality_kind_from(std::string_view text) {
  for (const auto& entry : kKindNames)
    if (entry.name == text) return entry.kind;
  return std::nullopt;
}

bool is_missing_marker(std::string_view text) {
  const std::string_view value = trim(text);
  if (value.empty()) return true;
  if (value.size() > 4) return false;
  const std::string lower = to_lower_ascii(value);
  return lower == "na" || lower == "n/a" || lower == "nan" || lower == "null" || lower == "none";
}

Result<std::vector<TargetShare>> parse_target_shares(std::string_view text) {
  std::vector<TargetShare> shares;
  std::set<std::string> seen;
  double total = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(",\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view entry = trim(text.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    const size_t colon = entry.rfind(':');
    if (colon == std::string_view::npos) {
      return Error::malformed("'" + std::string(entry) +
                              "' has no colon: write each entry as group: share");
    }
    const std::string group(trim(entry.substr(0, colon)));
    if (group.empty()) return Error::malformed("an entry has no group before its colon");
    TRY_ASSIGN(const double share, parse_share(entry.substr(colon + 1), group));
    if (!seen.insert(group).second) {
      return Error::malformed("the group '" + group + "' is named twice");
    }
    total += share;
    shares.push_back({group, share});
  }
  if (shares.empty()) return Error::malformed("name at least one group and its share");
  if (total > 1 + kShareSlack) {
    return Error::malformed("the shares add up to more than 1 (100%)");
  }
  return shares;
}

nlohmann::json to_json(const QualityReport& report) {
  using nlohmann::json;
  json results = json::array();
  for (const auto& r : report.results) {
    json columns = json::array();
    for (const auto& c : r.columns) {
      columns.push_back({{"column", c.column},
                         {"checked", c.checked},
                         {"counted", c.counted},
                         {"measured", c.measured},
                         {"pass", c.pass}});
    }
    json groups = json::array();
    for (const auto& g : r.groups) {
      groups.push_back({{"group", g.group},
                        {"target", g.target},
                        {"minimum", g.minimum},
                        {"rows", g.rows},
                        {"share", g.share},
                        {"pass", g.pass}});
    }
    results.push_back({{"key", r.key},
                       {"name", r.name},
                       {"kind", to_string(r.kind)},
                       {"pass", r.pass},
                       {"measured", r.measured ? json(*r.measured) : json()},
                       {"threshold", r.threshold},
                       {"reason", r.reason},
                       {"summary", r.summary},
                       {"columns", columns},
                       {"groups", groups}});
  }
  json malformed = json::array();
  for (const auto& m : report.malformed_examples)
    malformed.push_back({{"line", m.line}, {"problem", m.problem}});
  return {{"sha256", report.sha256},
          {"input_bytes", report.input_bytes},
          {"gzip", report.gzip},
          {"format", to_string(report.format)},
          {"rows", report.rows},
          {"malformed_rows", report.malformed_rows},
          {"malformed_examples", malformed},
          {"pass", report.pass},
          {"results", results}};
}

}  // namespace aims::monitoring
