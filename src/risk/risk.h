// AI risk management (ISO/IEC 42001 clauses 6.1.1 to 6.1.3, 8.2 and 8.3, Annex C): the
// organisation's risk criteria, the risk register and its treatment actions on the records
// platform, the starting library of common AI risks, and risks whose indicator is a monitored
// metric.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::risk {

// ---- criteria ---------------------------------------------------------------------------------

// The levels a likelihood and impact pair gives, least to most serious.
const std::vector<std::string>& levels();           // low, medium, high, critical
std::string level_label(const std::string& level);  // "Medium"

struct ScaleStep {
  std::string name;        // "Likely"
  std::string definition;  // "Expected to happen within a year"
};

// How the organisation scores risks, versioned as a whole: changing any part is a new version.
struct Criteria {
  int64_t version = 0;                // 0: aims' default, not yet adopted by the organisation
  std::vector<ScaleStep> likelihood;  // 3 to 5 steps, least likely first; scored 1..size
  std::vector<ScaleStep> impact;      // 3 to 5 steps, least severe first
  // matrix[l - 1][i - 1]: the level of likelihood l and impact i.
  std::vector<std::vector<std::string>> matrix;
  // The highest level a risk owner may accept alone; accepting a higher residual level needs an
  // approver with that authority who is not the owner.
  std::string threshold = "medium";
  std::string reason;      // why this version was made
  std::string changed_by;  // who made it (a person's name)
  std::string changed_at;
};

// aims' starting point: five steps each, a conventional matrix, medium accepted by owners.
Criteria default_criteria();
// Every problem of a proposed version at once, each naming its field ("likelihood.2.definition",
// "matrix.3.1", "threshold"). Errors: invalid_argument.
Status check(const Criteria& criteria);
// The level of a pair; nullopt when a score is outside the scales.
std::optional<std::string> level_of(const Criteria& c, int64_t likelihood, int64_t impact);
// Whether `level` is above the acceptance threshold.
bool above_threshold(const Criteria& c, const std::string& level);

// The organisation's current criteria (the default until it adopts its own).
Result<Criteria> current_criteria(store::Tx& tx, int64_t org);
Result<Criteria> current_criteria(store::Database& db, int64_t org);
// Every adopted version, newest first.
Result<std::vector<Criteria>> criteria_versions(store::Database& db, int64_t org);

// A risk whose inherent or residual level a new version of the criteria moved.
struct LevelMove {
  int64_t risk_id = 0;
  std::string title;
  std::string which;  // "inherent" or "residual"
  std::string from;   // "" when the old criteria gave none
  std::string to;
};
struct Adoption {
  Criteria criteria;
  std::vector<LevelMove> moved;
};
// Adopts `proposed` (reason required) as the next version and re-scores every risk that is not
// closed, in one transaction with the audit events. Errors: invalid_argument naming the field;
// invalid_argument on "likelihood" / "impact" when a scale would drop a step an open risk scores.
Result<Adoption> adopt_criteria(store::Database& db, int64_t org, Criteria proposed,
                                const records::Caller& caller);

// ---- registers --------------------------------------------------------------------------------

// The risk register: title, description, AI systems concerned or organisation-wide, Annex C risk
// source and objective, cause and consequence, inherent and residual likelihood and impact with
// the levels the criteria give, existing controls, treatment option, owner, review interval and
// next review (a due date), and an indicator: a monitor's metric whose breach raises the review.
// Workflow: identified -> assessed -> in treatment -> accepted or closed; a residual level above
// the threshold is accepted only through a request that an admin or AIMS manager who is neither
// the owner nor the author approves.
const records::Description& risks();
// The risks that are not closed, of one AI system when `system` is given: what the heat map, the
// dashboard and the readiness rules weigh.
Result<std::vector<records::Record>> open_risks(store::Database& db, int64_t org,
                                                std::optional<int64_t> system = std::nullopt);
// Treatment actions: what is done about a risk, the Annex A control it puts in place, owner, due
// date and status.
const records::Description& treatment_actions();
void define_registers();
// Adds the readiness rules risk records prove (6.1.1, 6.1.2, 8.2, 8.3); once.
void define_readiness_rules();
// Makes a monitoring breach of a risk's indicator reach the risk; once.
void listen_to_monitoring();

// ---- library ----------------------------------------------------------------------------------

struct LibraryRisk {
  std::string key;  // "data-drift"
  std::string title;
  std::string description;
  std::string source;     // an Annex C risk source's key
  std::string objective;  // an Annex C objective's key
  std::string cause;
  std::string consequence;
  int64_t likelihood = 0;
  int64_t impact = 0;
  std::string treatment;
  std::vector<std::string> controls;  // Annex A ids
  std::string metric;                 // a monitoring metric key, or empty
};
// The library shipped with aims, in its file's order.
const std::vector<LibraryRisk>& library();
const LibraryRisk* library_risk(const std::string& key);
// Adds a risk to the register copied from the library entry (a starting point the owner edits),
// with its usual Annex A controls. `title` empty: the entry's (titles are unique, so a second
// copy for another system needs its own). `system_ids` empty: organisation-wide.
// Errors: not_found (no such entry); those of records::create.
Result<records::Record> add_from_library(store::Database& db, int64_t org, const std::string& key,
                                         const std::string& title, const records::Ids& system_ids,
                                         int64_t owner_id, const records::Caller& caller);

// ---- heat map ---------------------------------------------------------------------------------

struct Position {
  int64_t risk_id = 0;
  std::string title;
  int64_t likelihood = 0;
  int64_t impact = 0;
};
// The criteria's matrix as an SVG grid: each cell in its level's colour with the count of inherent
// (hollow) and residual (solid) positions, cells above the threshold outlined, each count titled
// with the risks' names.
std::string heat_map_svg(const Criteria& c, const std::vector<Position>& inherent,
                         const std::vector<Position>& residual);

}  // namespace aims::risk
