// Retention and disposal of documented information (clause 7.5.3; EU AI Act Art. 18, 19 and
// 26(6)): retention rules per register, legal holds over records of any register, and disposals
// approved by someone other than the requester that remove a record's content while the audit
// trail still verifies (records::dispose, trail::dispose).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "readiness/readiness.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::retention {

// Retention rules: the register they govern (any defined register), the EU AI Act role whose
// obligation they carry, the period in years and months, what it starts from (the record's
// creation, its last change, or its archiving), the basis and the action when it ends.
const records::Description& rules();
// Legal holds: reason, placed by and on, released on; workflow active -> released (released by an
// admin or AIMS manager other than who placed it). The records held live in legal_hold_records.
const records::Description& holds();
// Disposals: the record (register and id), the rule applied, reason, requested and approved by;
// workflow requested -> approved -> executed, or rejected. Executing disposes of the record.
const records::Description& disposals();
// Defines the three registers. Call after every other module has defined its registers: a
// rule's register is chosen among those defined by then.
void define_registers();
// Adds the readiness rule retention proves (7.5.3); once.
void define_readiness_rules();
// The 7.5.3 finding as of `today` (YYYY-MM-DD): the rule assesses it with today's date.
Result<readiness::Finding> assess_retention(store::Database& db, int64_t org,
                                            const std::string& today);

// Where a rule's period starts.
inline constexpr const char* kFromCreated = "created";
inline constexpr const char* kFromLastChange = "last_change";
inline constexpr const char* kFromArchived = "archived";

// `date` (YYYY-MM-DD) moved on by whole months, the day kept or, past the month's end, its last
// day (2024-02-29 + 12 months: 2025-02-28).
std::string add_months(const std::string& date, int64_t months);

// The day (YYYY-MM-DD) a record's retention under `rule` ends; empty while its period has not
// started (a rule counted from archiving, the record not archived).
std::string retention_ends_on(const records::Record& rule, const records::Record& record);

// A record whose retention has ended under a rule (or ends within the days asked).
struct DueRecord {
  const records::Description* register_ = nullptr;
  int64_t id = 0;
  std::string name;
  std::string ends_on;  // YYYY-MM-DD
  int64_t rule_id = 0;
  std::string rule_name;
  std::string end_action;          // "review" or "dispose"
  std::vector<std::string> holds;  // names of the active legal holds on it
  std::string disposal_state;      // of its open disposal, if one is requested or approved
};

// The records whose retention ended on or before `today` (YYYY-MM-DD) under the organisation's
// rules, records disposed of already left out, oldest end first.
Result<std::vector<DueRecord>> due_for_disposal(store::Tx& tx, int64_t org,
                                                const std::string& today);

// The names of the active legal holds on a record.
Result<std::vector<std::string>> holds_on(store::Tx& tx, int64_t org, const std::string& type,
                                          int64_t id);

struct HeldRecord {
  const records::Description* register_ = nullptr;
  int64_t id = 0;
  std::string name;
  std::string added_at;
};
// The records a hold covers, as added.
Result<std::vector<HeldRecord>> held_records(store::Tx& tx, int64_t org, int64_t hold_id);

// Adds a record to an active hold, with its audit event on the hold, in one transaction.
// Errors: not_found (the hold or the record); invalid_argument ("record_type") for a register
// that cannot be held; failed_precondition when the hold is released or holds it already.
Status hold_record(store::Database& db, int64_t org, int64_t hold_id, const std::string& type,
                   int64_t record_id, const records::Caller& caller);

}  // namespace aims::retention
