// The 72-hour notice to the supplier an incident involves, as pure functions of the incident.
#include "base/time.h"
#include "improvement/improvement.h"

namespace aims::improvement {

std::optional<std::string> supplier_notice_deadline(const records::Record& incident) {
  if (!incident.is_set("supplier_id") || incident.is_set("supplier_notified_at")) return {};
  const std::string status = incident.text("status");
  if (status == "resolved" || status == "closed") return {};
  const std::string from = incident.is_set("became_aware_at") ? incident.text("became_aware_at")
                                                              : incident.text("first_seen_at");
  const auto start = parse_timestamp(from);
  if (!start) return {};
  return format_timestamp(*start + kSupplierNoticeHours * 3'600'000'000LL);
}

bool supplier_notice_late(const records::Record& incident, const std::string& now) {
  const auto deadline = supplier_notice_deadline(incident);
  return deadline && *deadline < now;
}

}  // namespace aims::improvement
