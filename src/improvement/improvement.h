// Improvement (ISO/IEC 42001 clause 10, Annex A.8.4): incidents of AI systems, raised by people or
// by monitoring breaches, tracked from open to closed. Every change is in the audit trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::improvement {

struct Incident {
  int64_t id = 0;
  int64_t system_id = 0;
  std::string title;
  std::string description;
  std::string severity;  // low, medium, high, critical
  std::string status;    // open, investigating, resolved, closed
  std::string control;   // the Annex A control concerned, e.g. "A.6.2.6"
  std::string source;    // "manual" or "monitoring"
  std::optional<int64_t> monitor_id;
  int64_t breach_count = 0;
  std::string first_seen_at;
  std::string last_seen_at;
  std::string resolution;
  std::optional<std::string> closed_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;

  bool is_open() const { return status == "open" || status == "investigating"; }
};

const std::vector<std::string>& severities();  // least to most severe
const std::vector<std::string>& statuses();
// The more severe of two severities.
std::string max_severity(const std::string& a, const std::string& b);

struct NewIncident {
  int64_t system_id = 0;
  std::string title;
  std::string description;
  std::string severity;
  std::string control;
};

// Errors: invalid_argument naming the field (system_id must be an AI system of the organisation).
Result<Incident> create(store::Database& db, int64_t org, const NewIncident& incident,
                        const trail::Actor& actor);

struct IncidentChanges {
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> description;
  std::optional<std::string> resolution;
  int64_t expected_version = 0;
};

// Errors: not_found, stale_version, invalid_argument; failed_precondition when resolving or closing
// without a resolution.
Result<Incident> update(store::Database& db, int64_t org, int64_t id,
                        const IncidentChanges& changes, const trail::Actor& actor);
Result<Incident> get(store::Database& db, int64_t org, int64_t id);

struct IncidentQuery {
  std::optional<int64_t> system_id;
  std::optional<std::string> status;  // a status, or "active" for open and investigating
  int limit = 50;
  int64_t offset = 0;
};

struct IncidentPage {
  std::vector<Incident> items;
  int64_t total = 0;
};

// Newest first. Errors: invalid_argument on "status".
Result<IncidentPage> list(store::Database& db, int64_t org, const IncidentQuery& query);

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
Result<Incident> record_breach(store::Tx& tx, int64_t org, const Breach& breach,
                               const trail::Actor& actor);

}  // namespace aims::improvement
