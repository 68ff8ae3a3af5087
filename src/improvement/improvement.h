// Improvement (ISO/IEC 42001 clause 10, Annex A.8.4): incidents of AI systems, raised by people or
// by monitoring breaches, kept as a register on the records platform. Every change is in the
// audit trail.
#pragma once

#include <cstdint>
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
// raised, the AI systems and the incident concerned. A new one starts in the workflow's first
// state.
const records::Description& nonconformities();
void define_registers();

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
