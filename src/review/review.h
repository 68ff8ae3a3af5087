// Management review (ISO/IEC 42001 clause 9.3) on the records platform: the review meeting, who
// attended, the input pack compiled from live records and frozen when the review is held, and the
// decisions taken as actions; with the readiness rules for 9.1 and 9.3.1 to 9.3.3.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::review {

// Management reviews: title, planned on (a due date), chair (responsible), held on, minutes
// (Markdown), the next review planned on, and the input pack (Markdown, kept by aims). Workflow:
// planned -> held (with top management among the attendees; freezes the pack as a numbered
// version) -> minutes approved (by someone other than the chair and the author; freezes again);
// planned -> cancelled.
const records::Description& management_reviews();
// Who attended a review: the review, the person, the capacity they attended in. A register of its
// own, like a committee seat, since a person field holds one person and the hold must check each
// attendee's AIMS roles.
const records::Description& review_attendees();
// The review's outputs (9.3.3): review, kind (improvement opportunity, change to the AIMS,
// resource need, other), title and decision, owner (responsible), due on (a due date). Workflow:
// open -> done or dropped, each with its outcome.
const records::Description& review_actions();

void define_registers();
// Adds the readiness rules these records prove (9.1, 9.3.1, 9.3.2, 9.3.3); once.
void define_readiness_rules();

// The input pack's section headings in order (9.3.2's inputs, then risks, incidents and
// readiness): the 9.3.2 rule checks a frozen pack has each one.
const std::vector<std::string>& pack_sections();

// The input pack of `review` compiled from the organisation's records as they are at `now` (a
// timestamp): Markdown with a section per heading, each record by name and linked.
Result<std::string> compile_pack(store::Database& db, int64_t org, const records::Record& review,
                                 const std::string& now);

struct HoldRequest {
  std::string held_on;  // YYYY-MM-DD
  std::string minutes;  // Markdown; the review's own minutes when empty
  std::string reason;
  int64_t expected_version = 0;
};

// Holds a planned review: compiles its pack as of now and moves it to held in one transaction,
// freezing the pack as a version. The hold is refused (invalid_argument on "attendees") unless an
// attendee holds, on the day held, an AIMS role marked as top management. Other errors: those of
// records::transition.
Result<records::TransitionOutcome> hold(store::Database& db, int64_t org, int64_t id,
                                        const HoldRequest& request, const records::Caller& caller);

}  // namespace aims::review
