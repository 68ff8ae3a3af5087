// Leadership (ISO/IEC 42001 clause 5.1, Annex A.3.2): the AI governance committee, its members,
// meetings and decisions, the holds a decision places on AI systems, and a RACI per AI system, on
// the records platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "records/records.h"
#include "store/database.h"

namespace aims::leadership {

// Committees: name, mandate (Markdown), whether it may halt a release, chair (responsible),
// secretary, how often it meets, its terms of reference (a controlled document).
const records::Description& committees();
// A person's seat on a committee: a register of its own rather than a field, because a person
// field holds one person, and a list of emails would neither show people by name nor check that
// they belong to the organisation.
const records::Description& committee_members();
// Meetings: committee, held on, attendees (names, guests included), agenda, minutes (Markdown),
// the next meeting (a due date).
const records::Description& committee_meetings();
// Decisions: committee, meeting, decided on, title and text, kind, AI systems concerned,
// rationale, follow-up owner and due date. A decision of kind "place a hold" is a hold on each AI
// system it names while in force (needs at least one system and a rationale); lifting it needs
// approve_records and a reason, and is in the audit trail. While in force its kind and systems
// stay as they are, so a hold is never lifted by an edit.
const records::Description& committee_decisions();
// RACI: AI system, lifecycle activity, person, letter (responsible, accountable, consulted,
// informed); at most one accountable person per system and activity.
const records::Description& raci_assignments();

void define_registers();
// Adds the readiness rules these records prove (5.1, A.3.2); once.
void define_readiness_rules();

// A hold in force on an AI system (archived decisions included: only the lift step ends a hold).
// Shown on the system page and read by the API; the lifecycle gates will refuse a release for it.
struct Hold {
  int64_t decision_id = 0;
  std::string title;
  std::string decided_on;
  std::string committee;  // its name
  std::string rationale;
};

// The holds in force on `system_id` (decisions of kind "place a hold", not lifted, not archived),
// oldest decision first. Another organisation's system has none.
Result<std::vector<Hold>> holds_on(store::Tx& tx, int64_t org, int64_t system_id);
Result<std::vector<Hold>> holds_on(store::Database& db, int64_t org, int64_t system_id);

// One person's letters for each lifecycle activity of a system.
struct RaciRow {
  int64_t person_id = 0;
  std::string person;                // their name
  std::vector<std::string> letters;  // one per activity, in activities() order: "R", "A", "RA", ""
};

struct RaciGrid {
  std::vector<RaciRow> people;           // by name
  std::vector<std::string> accountable;  // per activity: the accountable person's name, or ""
};

// The lifecycle activities (choice value and label), in lifecycle order.
const std::vector<records::Choice>& activities();
// The activity that matches an AI system's lifecycle stage ("development" -> development and
// training); empty for a stage that has none.
std::string activity_for_stage(const std::string& lifecycle_stage);

// The RACI of `system_id` as a grid of people by activity.
Result<RaciGrid> raci_grid(store::Database& db, int64_t org, int64_t system_id);

}  // namespace aims::leadership
