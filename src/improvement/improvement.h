// Improvement (ISO/IEC 42001 clause 10, Annex A.8.4): incidents of AI systems, raised by people or
// by monitoring breaches, and nonconformities with their corrective actions, kept as registers on
// the records platform. Every change is in the audit trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::improvement {

// The incidents register: an AI system, title, description, severity, status (open,
// investigating, resolved, closed; resolving or closing needs a resolution), the Annex A control
// concerned, and what monitoring fills in (source, monitor, breach count, first and last seen).
const records::Description& incidents();
// The nonconformities register (10.2): title, what was found, grade (minor, major), where it came
// from (source: audit, incident, monitoring, concern, review, manual), owner, the day it was
// raised, the AI systems, risks, incident and monitor concerned; containment, root cause with an
// optional five whys, similar cases elsewhere, and the effectiveness check. Only title, grade and
// source are needed on create; a new one starts open. Workflow: open -> analysed (containment,
// root cause, an action) -> actions done (every action completed; the check falls due) -> closed
// (found effective; a major one with the AIMS manager's approval, never given by the owner of the
// last action) or back to analysed when not effective, for a new action.
const records::Description& nonconformities();
// The corrective actions register: the nonconformity, the action, owner, due date; planned ->
// in progress -> completed (a completion note) or cancelled (a reason). When the last open action
// of a nonconformity completes, its effectiveness check falls due kEffectivenessCheckDays later
// and an analysed nonconformity moves to actions done, in the same transaction.
const records::Description& corrective_actions();
// Days from the last corrective action's completion to the effectiveness check, unless changed.
inline constexpr int64_t kEffectivenessCheckDays = 90;
// Defines the registers and adds the readiness rules of 10.1 and 10.2 (once).
void define_registers();
// The readiness rules of 10.1 and 10.2 (once; define_registers calls it).
void define_readiness_rules();

// What raising a nonconformity from an incident may set; empty values are taken from the incident
// (its title, what happened; major for a high or critical incident, else minor).
struct RaiseInput {
  std::string title;
  std::string description;
  std::string grade;
};
// Raises a nonconformity from the incident, source "incident", linked to it and its AI system, in
// one transaction. Errors: not_found; already_exists naming the nonconformity raised from it
// before; invalid_argument.
Result<records::Record> raise_from_incident(store::Database& db, int64_t org, int64_t incident_id,
                                            const RaiseInput& input, const records::Caller& caller);
// The nonconformity raised from the incident, if any (archived ones left out).
Result<std::optional<records::Record>> raised_from_incident(store::Database& db, int64_t org,
                                                            int64_t incident_id);

// An incident that involves a supplier is told to that supplier within this many hours of the
// organisation becoming aware of it (or, without that moment, of the incident being first seen):
// the supplier may need to contain it on its side, and its contract's incident clause works both
// ways.
inline constexpr int64_t kSupplierNoticeHours = 72;
// When the supplier an incident names must be told by (a timestamp); nullopt when it names no
// supplier, the supplier has been told, or the incident is closed.
std::optional<std::string> supplier_notice_deadline(const records::Record& incident);
// Whether that deadline has passed at `now` (a timestamp) with the supplier still not told.
bool supplier_notice_late(const records::Record& incident, const std::string& now);

const std::vector<std::string>& severities();  // least to most severe
// The more severe of two severities.
std::string max_severity(const std::string& a, const std::string& b);

// A monitoring breach, for record_breach.
struct Breach {
  int64_t system_id = 0;
  int64_t monitor_id = 0;
  std::string title;    // used when a new incident opens
  std::string summary;  // what breached, one line per threshold
  std::string severity;
  int64_t breaches = 0;
};

// Inside the caller's transaction: adds the breach to the monitor's open incident for the system
// (raising its severity when needed), or opens a new one linked to control A.6.2.6.
Result<records::Record> record_breach(store::Tx& tx, int64_t org, const Breach& breach,
                                      const trail::Actor& actor);

}  // namespace aims::improvement
