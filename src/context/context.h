// The organisation's context, its interested parties and its communication (ISO/IEC 42001 clauses
// 4.1, 4.2 and 7.4), as registers on the records platform.
#pragma once

#include <optional>
#include <string>

#include "records/records.h"

namespace aims::context {

// External and internal issues that bear on the AIMS (4.1): internal or external, category,
// relevance, what it is, its effect on the AIMS, how it is addressed with the risks and documents
// that do it, owner and next review (a due date). Workflow: open -> monitored -> closed (with a
// reason; its review is nobody's work any more), closed -> open again.
const records::Description& issues();
// The interested parties relevant to the AIMS (4.2): name, internal or external, type, contact,
// owner and what they expect of it.
const records::Description& parties();
// What one interested party requires (4.2 b and c): the requirement, its source, whether the AIMS
// addresses it (addressed, partly, not yet, not applicable with a reason) and the documents, risks
// and SoA entries that do, owner and next review. Addressed or partly needs one of those or a
// note saying how.
const records::Description& requirements();
// The communication plan (7.4): what, to whom (interested parties and in words), internal or
// external, how, how often, who communicates, next due (a due date), active. An inactive item is
// due for nobody.
const records::Description& plan_items();
// Communications made: the plan item fulfilled (optional), date, audience, channel, summary, who
// made it. Recording one moves its plan item's next due to the date plus the item's frequency in
// the same transaction, unless a later one is set; a one-off item is then due no more.
const records::Description& communications();

void define_registers();
// Adds the readiness rules these registers prove (4.1, 4.2, 7.4); once.
void define_readiness_rules();

// When a plan item of `frequency` is next due after a communication on `made_on`: the date plus
// the frequency for a regular one; nullopt for "once" and "on_event", or a date that is none.
std::optional<std::string> next_due_after(const std::string& frequency, const std::string& made_on);

}  // namespace aims::context
