// Information for users and interested parties (ISO/IEC 42001 A.8.2, A.8.5): each AI system's
// instructions for use, approved and frozen as numbered versions with the accuracy by group of
// the system's latest monitoring run, and the optional public transparency page that shows the
// published sections of the latest approved version to anyone holding its link, without login.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::transparency {

// Instructions for use: the AI system, the provider's version label, what it does and does not
// do, known limitations, the human role, how to contest a decision, the link of the concerns
// channel for appeals, which sections the public page shows, and (read-only) the accuracy by
// group frozen at approval with the run it came from. Workflow: draft -> approved (one approval
// by an admin or AIMS manager other than the author; freezes a version) -> superseded when a
// newer instructions record of the same system is approved, or back to draft for a revision.
const records::Description& instructions();
void define_registers();
// Adds the A.8.2 and A.8.5 rules; once.
void define_readiness_rules();

// The workflow of documents about an AI system that are approved as a whole (instructions for use,
// technical files): draft -> approved (one approval by an admin or AIMS manager other than the
// author; freezes a version) -> superseded, or back to draft for a revision.
records::Workflow approved_document_workflow();
// For an after_write hook: once `after` is approved, the other approved records of `d` about the
// same AI system (its field ai_system_id) move to superseded, in the same transaction.
Status supersede_older(const records::WriteContext& ctx, const records::Description& d,
                       const records::Record& after, const records::Record* before);

// The metric whose values by group the instructions freeze at approval.
constexpr const char* kAccuracyMetric = "performance.accuracy";

// What the public page of one system shows: the latest approved version of its instructions.
struct Published {
  int64_t org = 0;
  int64_t system_id = 0;
  std::string system_name;
  std::string organisation;
  std::string version_label;
  int64_t version = 0;       // the frozen version's number
  std::string approved_at;   // when that version was frozen
  records::Record snapshot;  // the frozen version's fields, published or not
};

// The latest frozen, approved version of the system's instructions; nullopt when none.
Result<std::optional<Published>> latest_approved(store::Database& db, int64_t org,
                                                 int64_t system_id);

struct PageState {
  bool exists = false;  // a link was made (it may be unpublished)
  bool published = false;
  std::string changed_at;
};
// Errors: not_found for another organisation's system.
Result<PageState> page_state(store::Database& db, int64_t org, int64_t system_id);
// Makes a new link for the system's public page (the old one stops answering) and publishes it;
// returns the link's token, which aims keeps only as SHA-256. Errors: not_found;
// failed_precondition when the system has no approved instructions yet.
Result<std::string> publish(store::Database& db, int64_t org, int64_t system_id,
                            const records::Caller& caller);
// Takes the page down: its link answers 404 until published again with a new link.
Status unpublish(store::Database& db, int64_t org, int64_t system_id,
                 const records::Caller& caller);
// What the link with this token shows; not_found for an unknown, rotated or unpublished link and
// for a system whose instructions are no longer approved.
Result<Published> public_page(store::Database& db, std::string_view token);

}  // namespace aims::transparency
