// Controlled documents (ISO/IEC 42001 clauses 5.2, 7.3 and 7.5, Annex A.2): the AI policy,
// procedures and other documented information, approved by the person named when they are
// submitted and frozen as numbered versions, as a register on the records platform; the AI
// policy's commitments tied to its sections; templates to start from; and the acknowledgements
// each published version asks of its audience.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "records/records.h"

namespace aims::documents {

// The documents register: title, type, Markdown body, owner, classification, review interval,
// next review (a due date of the owner), retention, related AI systems, effective date, the
// approver named on submission, the AI policy's commitments and the policies it aligns with, and
// who must acknowledge it (roles and named people, by email).
// Workflow: draft -> in review (a change summary and the approver) -> published (approved by the
// named approver, an admin or AIMS manager who neither wrote nor owns it; freezes a version and
// asks its audience to acknowledge it) -> retired; in review -> draft (sent back with a reason);
// published -> draft (a revision, which goes through review again).
const records::Description& documents();
void define_registers();
// Adds the readiness rules documents prove (5.2, 7.3, 7.5.1, 7.5.2, A.2.2, A.2.3, A.2.4);
// once.
void define_readiness_rules();

// "YYYY-MM-DD" plus whole months, the day kept or clamped to the month's last (31 Jan + 1 month
// is 28 or 29 Feb); nullopt when `date` is not a date.
std::optional<std::string> add_months(const std::string& date, int64_t months);

// ---- the AI policy's commitments (clause 5.2)
// ----------------------------------------------------

struct Commitment {
  const char* field;  // the register's field naming the section: "commitment_objectives"
  const char* label;  // "A framework for setting AI objectives"
};
// What an AI policy shows it covers, each tied by its author to a heading of the text.
const std::vector<Commitment>& commitments();
// The headings of a Markdown text ("# Purpose" -> "Purpose"), in order.
std::vector<std::string> headings(const std::string& markdown);
struct CommitmentCheck {
  const Commitment* commitment = nullptr;
  std::string heading;  // as the author named it; empty when not tied
  bool found = false;   // the text has that heading
};
std::vector<CommitmentCheck> check_commitments(const records::Record& document);

// ---- acknowledgements (clause 7.3)
// ----------------------------------------------------------------

struct Acknowledgement {
  int64_t user_id = 0;
  std::string name;
  std::string email;
  std::string requested_at;
  std::string acknowledged_at;  // empty: not yet
};
// The round of the version in force: everyone in the audience when it was published.
struct AcknowledgementRound {
  int64_t version = 0;                  // 0: no version in force
  std::vector<Acknowledgement> people;  // by name
  int64_t acknowledged() const;
};
// Errors: not_found.
Result<AcknowledgementRound> acknowledgements(store::Database& db, int64_t org,
                                              int64_t document_id);
// Records that `caller` read and understood the version in force (`version` 0: whichever that
// is), with its audit event; again is a no-op returning the first. Errors: not_found;
// failed_precondition when no version is in force or `version` is not it; permission_denied when
// the caller is not in its audience.
Result<Acknowledgement> acknowledge(store::Database& db, int64_t org, int64_t document_id,
                                    int64_t version, const records::Caller& caller);
struct AwaitedAcknowledgement {
  int64_t document_id = 0;
  std::string title;
  int64_t version = 0;
  std::string requested_at;
};
// The versions in force `user` has yet to acknowledge, oldest request first.
Result<std::vector<AwaitedAcknowledgement>> awaiting_acknowledgement(store::Database& db,
                                                                     int64_t org, int64_t user);

// ---- templates
// ------------------------------------------------------------------------------------

struct DocumentTemplate {
  std::string key;  // "ai-policy"
  std::string title;
  std::string document_type;
  std::string summary;
  std::string body;  // Markdown
  int64_t review_interval_months = 12;
  std::vector<std::pair<std::string, std::string>> commitments;  // field -> heading
};
// The templates shipped with aims (documents/library/), in their index's order.
const std::vector<DocumentTemplate>& document_templates();
const DocumentTemplate* document_template(const std::string& key);
// A draft from the template, owned by `owner_id`, titled `title` (the template's when empty).
// Errors: not_found (no such template); those of records::create.
Result<records::Record> create_from_template(store::Database& db, int64_t org,
                                             const std::string& key, const std::string& title,
                                             int64_t owner_id, const records::Caller& caller);

// ---- hooks the register uses (internal to the module) -----------------------------------------

// Opens the acknowledgement round of a version just published, in its transaction.
Status open_round(const records::WriteContext& ctx, const records::Record& document);
// The active people of the organisation: id and role, for audiences and approvers.
struct Member {
  int64_t id = 0;
  std::string email;
  auth::Role role = auth::Role::viewer;
};
Result<std::vector<Member>> active_members(store::Tx& tx, int64_t org);

}  // namespace aims::documents
