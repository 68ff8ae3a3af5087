// A critical breach must reach a person at once, not wait for the daily digest: the AI system's
// owner answers for it.
#include "improvement/breach_email.h"

#include "inventory/inventory.h"
#include "notify/notify.h"

namespace aims::improvement {

Status email_critical_breach(const records::WriteContext& ctx, const Breach& breach,
                             const records::Record& incident) {
  if (breach.severity != "critical") return {};
  TRY_ASSIGN(const auto system, records::find(ctx, inventory::ai_systems(), breach.system_id));
  if (!system) return {};
  const auto owner = system->number("owner_id");
  if (!owner) return {};
  const std::string text = "Monitoring found a critical breach on " + system->text("name") +
                           ":\n\n" + breach.summary + "\n\nIt is recorded on the incident \"" +
                           incident.text("title") + "\".";
  TRY(notify::email_person(ctx.tx, ctx.org, *owner, "Critical breach: " + system->text("name"),
                           text, "/improvement/incidents/" + std::to_string(incident.id)));
  return {};
}

}  // namespace aims::improvement
