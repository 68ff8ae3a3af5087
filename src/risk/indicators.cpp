// Risks and monitoring meet: a breach of the metric a risk names as its indicator is written on the
// risk and raises its review (a due date of the owner), in the monitoring run's transaction.
#include <cstdio>
#include <mutex>

#include <spdlog/spdlog.h>

#include "monitoring/monitoring.h"
#include "risk/risk.h"

namespace aims::risk {
namespace {

std::string describe(const monitoring::BreachNotice& n, const monitoring::BreachedMetric& m) {
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "%.4g, %s the threshold %.4g", m.value,
                m.comparison.c_str(), m.threshold);
  return m.metric + (m.scope.empty() ? "" : " (" + m.scope + ")") + " = " + numbers + ", " +
         m.severity + " severity, in run #" + std::to_string(n.run_id) + " of " + n.monitor_name;
}

Status raise_reviews(store::Tx& tx, int64_t org, const monitoring::BreachNotice& notice,
                     const trail::Actor& actor) {
  const records::Caller caller{actor, std::nullopt, std::nullopt};
  const records::WriteContext ctx{tx, org, caller, notice.at};
  TRY_ASSIGN(const auto all, records::list_all_in(tx, risks(), org));
  for (const auto& risk : all) {
    // A closed risk no longer applies: its review is nobody's work, and it keeps the scores of the
    // criteria it was closed under, which newer scales may no longer fit (writing it would then
    // fail, and with it the monitoring run).
    if (risks().is_done(risk.state)) continue;
    const auto monitors = risk.ids("indicator_monitor_id");
    if (monitors.empty() || monitors.front() != notice.monitor_id) continue;
    std::string found;
    for (const auto& m : notice.metrics)
      if (m.metric == risk.text("indicator_metric"))
        found += (found.empty() ? "" : "\n") + describe(notice, m);
    if (found.empty()) continue;
    records::Record changes;
    changes.values = {{"indicator_breach", found}, {"indicator_breached_at", notice.at}};
    if (!risk.is_set("review_raised_on"))
      changes.values["review_raised_on"] = notice.at.substr(0, 10);
    // A risk whose own values no longer pass its rules (an indicator metric the engine dropped) is
    // passed over: the run, its alerts and its incident matter more than one risk's note.
    auto written = records::update_kept_in(ctx, risks(), risk.id, changes);
    if (!written && written.error().code != ErrorCode::invalid_argument) return written.error();
    if (!written)
      spdlog::warn("risk {} of organisation {}: breach not written: {}", risk.id, org,
                   written.error().message);
  }
  return {};
}

}  // namespace

void listen_to_monitoring() {
  static std::once_flag once;
  std::call_once(once, [] { monitoring::on_breach(raise_reviews); });
}

}  // namespace aims::risk
