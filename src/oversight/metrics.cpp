// Oversight metrics of an AI system: how many decisions came, how many a person reviewed, how often
// the reviewer overrode the system (overall and per group) and how long reviews took.
#include <algorithm>
#include <cmath>

#include "base/time.h"
#include "inventory/inventory.h"
#include "oversight/facts.h"
#include "oversight/oversight.h"

namespace aims::oversight {
namespace {

using nlohmann::json;

std::optional<double> share(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

// The smallest value with at least `p` of the values at or below it.
int64_t nearest_rank(const std::vector<int64_t>& sorted, double p) {
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::max<size_t>(rank, 1) - 1];
}

json optional_json(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}
json optional_json(const std::optional<int64_t>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

Metrics compute_metrics(const std::vector<DecisionFacts>& facts) {
  Metrics m;
  std::map<std::string, GroupMetrics> groups;
  std::vector<int64_t> waits;
  for (const auto& f : facts) {
    ++m.decisions;
    if (f.route == "held") ++m.held;
    if (f.route == "sampled") ++m.sampled;
    const bool reviewed = f.state == "confirmed" || f.state == "overridden";
    const bool overridden = f.state == "overridden";
    if (f.state == "pending") ++m.pending;
    if (reviewed) ++m.reviewed;
    if (overridden) ++m.overridden;
    if (reviewed && f.reviewed_micros)
      waits.push_back(std::max<int64_t>(0, (*f.reviewed_micros - f.submitted_micros) / 1'000'000));
    for (const auto& [attribute, value] : f.groups) {
      auto& g = groups[attribute + "=" + value];
      g.group = attribute + "=" + value;
      ++g.decisions;
      if (reviewed) ++g.reviewed;
      if (overridden) ++g.overridden;
    }
  }
  m.reviewed_share = share(m.reviewed, m.decisions);
  m.override_rate = share(m.overridden, m.reviewed);
  if (!waits.empty()) {
    std::sort(waits.begin(), waits.end());
    m.median_seconds = nearest_rank(waits, 0.5);
    m.p90_seconds = nearest_rank(waits, 0.9);
  }
  for (auto& [key, g] : groups) {
    g.override_rate = share(g.overridden, g.reviewed);
    m.groups.push_back(g);
  }
  return m;
}

Result<Metrics> metrics(store::Database& db, int64_t org, int64_t system_id, int days) {
  TRY(records::get(db, inventory::ai_systems(), org, system_id));
  const std::string since = format_timestamp(now_micros() - int64_t{days} * 86'400'000'000LL);
  TRY_ASSIGN(const auto facts, facts_since(db, org, system_id, since));
  return compute_metrics(facts);
}

json to_json(const Metrics& m) {
  json groups = json::array();
  for (const auto& g : m.groups)
    groups.push_back({{"group", g.group},
                      {"decisions", g.decisions},
                      {"reviewed", g.reviewed},
                      {"overridden", g.overridden},
                      {"override_rate", optional_json(g.override_rate)}});
  return {{"decisions", m.decisions},
          {"held", m.held},
          {"sampled", m.sampled},
          {"reviewed", m.reviewed},
          {"pending", m.pending},
          {"overridden", m.overridden},
          {"reviewed_share", optional_json(m.reviewed_share)},
          {"override_rate", optional_json(m.override_rate)},
          {"median_seconds_to_decision", optional_json(m.median_seconds)},
          {"p90_seconds_to_decision", optional_json(m.p90_seconds)},
          {"groups", groups}};
}

}  // namespace aims::oversight
