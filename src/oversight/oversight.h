// Human oversight in operation (ISO/IEC 42001 A.9.2 to A.9.4): per AI system an approved oversight
// plan (acceptable-use rules, which decisions a person reviews, who reviews and how fast), the
// review queue production systems submit their decisions to and reviewers confirm or override,
// sampling after the fact, and the oversight metrics (volume, override rate overall and per group,
// time to decision).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::oversight {

// Oversight plans: the AI system, acceptable-use rules, the mode ("every", "below_threshold",
// "sampled", "switch"), the confidence threshold (below_threshold) and the sampling rate
// (required for sampled, optional otherwise), the lowest role that reviews, the target time to
// decision and the highest acceptable override rate. Workflow: draft -> approved (one approval by
// an admin or AIMS manager other than its author; refused while another plan of the system is
// approved) -> retired, or back to draft for a revision.
const records::Description& plans();
// Defines the plans register and adds the A.9.2 to A.9.4 readiness rules; once.
void define_registers();
void define_readiness_rules();

// ---- the review queue ---------------------------------------------------------------------------

// The share in [0, 1) a decision id hashes to for its system (SHA-256 of a fixed label, the
// system id and the decision id): a decision is sampled when it falls below the plan's rate, so a
// retry is sampled exactly as the first try was, and any run's share can be recomputed.
double sample_point(int64_t system_id, const std::string& decision_id);

struct DecisionInput {
  std::string decision_id;  // the production system's own id, unique per system
  std::string outcome;      // what the system decided ("approve", "refer")
  std::optional<double> score;
  std::map<std::string, std::string> groups;  // attribute -> value, for per-group metrics
  std::string summary;
  nlohmann::json context;  // null, or an object shown to the reviewer
};

struct Decision {
  int64_t id = 0;
  int64_t system_id = 0;
  std::optional<int64_t> plan_id;
  std::string decision_id;
  std::string outcome;
  std::optional<double> score;
  std::map<std::string, std::string> groups;
  std::string summary;
  nlohmann::json context;
  // "held": the system waits for a person before acting; "sampled": released at once and
  // reviewed after the fact; "released": not reviewed.
  std::string route;
  std::string state;  // "pending", "confirmed", "overridden", "released"
  std::string final_outcome;
  std::string reason;
  std::string submitted_at;
  std::optional<int64_t> submitted_by;  // the production system's account
  std::string reviewed_at;
  std::optional<int64_t> reviewed_by;
  std::string reviewed_by_name;

  bool wait_for_review() const { return route == "held" && state == "pending"; }
};

struct Submitted {
  Decision decision;
  bool created = false;  // false: the same decision id was submitted before (a retry)
};

// What the system's approved plan (and the monitoring human-review switch, which holds every
// decision while it is on) makes of a decision. Not a trail event: submissions are operational
// data of high volume written by machines; the review of each is. Errors: not_found (no such AI
// system); failed_precondition (no approved plan); invalid_argument on "decision_id", "outcome",
// "score" (missing in below-threshold mode, or outside 0..1), "groups"; already_exists when the
// decision id was submitted with another outcome. `at`: the submission's time (empty: now).
Result<Submitted> submit(store::Database& db, int64_t org, int64_t system_id,
                         const DecisionInput& input, const records::Caller& caller,
                         const std::string& at = "");

struct Review {
  bool overrides = false;
  std::string outcome;  // override: the outcome that stands instead
  std::string reason;   // required for an override
};

// Confirms or overrides a pending decision, with its audit event and the oversight.decided
// webhook in one transaction. Errors: not_found (also another organisation's decision);
// permission_denied (not a person, or below the plan's reviewer role); failed_precondition (already
// reviewed, or released without review); invalid_argument on "outcome" and "reason".
Result<Decision> review(store::Database& db, int64_t org, int64_t id, const Review& review,
                        const records::Caller& caller, const std::string& at = "");

// Errors: not_found (also another organisation's decision).
Result<Decision> get(store::Database& db, int64_t org, int64_t id);

struct QueueQuery {
  std::optional<int64_t> system_id;
  std::string state = "pending";  // or "confirmed", "overridden", "released", "" for all
  int limit = 100;
};
// Pending ones oldest first (the order they are reviewed in), others newest first.
Result<std::vector<Decision>> list(store::Database& db, int64_t org, const QueueQuery& query);

// The hours a held decision of this plan may wait (the plan's target, 24 without a plan).
Result<std::map<int64_t, int64_t>> target_hours_by_plan(store::Database& db, int64_t org);

// A held decision still pending past its plan's target hours at `now_micros`.
bool overdue(const Decision& decision, int64_t target_hours, int64_t now_micros);

nlohmann::json to_json(const Decision& decision);

// ---- metrics
// -------------------------------------------------------------------------------------

struct DecisionFacts {
  std::string route;
  std::string state;
  std::map<std::string, std::string> groups;
  int64_t submitted_micros = 0;
  std::optional<int64_t> reviewed_micros;
};

struct GroupMetrics {
  std::string group;  // "age_band=65+"
  int64_t decisions = 0;
  int64_t reviewed = 0;
  int64_t overridden = 0;
  std::optional<double> override_rate;  // overridden / reviewed
};

struct Metrics {
  int64_t decisions = 0;  // submitted in the period
  int64_t held = 0;       // reviewed before release
  int64_t sampled = 0;    // reviewed after release
  int64_t reviewed = 0;   // confirmed or overridden
  int64_t pending = 0;
  int64_t overridden = 0;
  std::optional<double> reviewed_share;  // reviewed / decisions
  std::optional<double> override_rate;   // overridden / reviewed
  // Seconds from submission to review, nearest rank (the smallest value with at least half, or
  // nine tenths, of the reviewed decisions at or below it).
  std::optional<int64_t> median_seconds;
  std::optional<int64_t> p90_seconds;
  std::vector<GroupMetrics> groups;  // by attribute, then value
};

Metrics compute_metrics(const std::vector<DecisionFacts>& facts);

// The metrics of the decisions submitted in the last `days` days. Errors: not_found (no such AI
// system).
Result<Metrics> metrics(store::Database& db, int64_t org, int64_t system_id, int days = 30);
nlohmann::json to_json(const Metrics& metrics);

// The system's approved plan; nullopt without one.
Result<std::optional<records::Record>> approved_plan(store::Database& db, int64_t org,
                                                     int64_t system_id);

}  // namespace aims::oversight
