// An incident's reporting clock with what it depends on outside the incident: its AI system's
// EU AI Act class.
#include "improvement/clock.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"

namespace aims::improvement {

Result<std::optional<IncidentClock>> incident_clock(store::Database& db, int64_t org,
                                                    const records::Record& incident,
                                                    std::string_view now) {
  if (!incident.flag("serious") || !report_days(incident.text("serious_kind")) ||
      !incident.is_set("became_aware_at"))
    return std::optional<IncidentClock>();
  IncidentClock out;
  out.kind = incidents().choice_label("serious_kind", incident.text("serious_kind"));
  const auto systems = incident.ids("system_id");
  if (!systems.empty()) {
    TRY_ASSIGN(const records::Record system,
               records::get(db, inventory::ai_systems(), org, systems.front()));
    out.applies = clock_applies_to(system);
    if (!out.applies)
      out.why_not =
          system.text("name") + " is classed \"" +
          inventory::ai_systems().choice_label("eu_ai_act_class", system.text("eu_ai_act_class")) +
          "\" in the inventory, not high-risk: Art. 73's reporting deadlines bind "
          "providers of high-risk AI systems.";
  }
  const std::string sent = incident.text("report_sent_at");
  TRY_ASSIGN(
      out.clock,
      reporting_clock(incident.text("serious_kind"), incident.text("became_aware_at"),
                      sent.empty() ? std::nullopt : std::optional<std::string_view>(sent), now));
  return std::optional<IncidentClock>(out);
}

}  // namespace aims::improvement
