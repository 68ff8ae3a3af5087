// An audit's checklist worded from the catalog, and nonconformities raised from its findings:
// each in one transaction with its audit events, through the records platform.
#include <cctype>
#include <set>

#include "base/time.h"
#include "controls/controls.h"
#include "internal_audit/internal_audit.h"

namespace aims::internal_audit {
namespace {

using records::Record;

// A label inside a sentence: "the audit is reported".
std::string in_sentence(std::string label) {
  if (!label.empty())
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  return label;
}

// Where its work is finished, an audit's checklist no longer grows.
bool checklist_open(const Record& audit) {
  return audit.state == "planned" || audit.state == "in_progress";
}

// What to check for a criterion: the catalog's own summary of it, asked as a question.
std::string question_for(const std::string& criterion) {
  const controls::Framework* iso = controls::built_in_framework(controls::kIso42001);
  const controls::Item* item = iso ? iso->item(criterion) : nullptr;
  if (!item) return "Does the organisation meet " + criterion + "?";
  const bool control = item->kind == "control";
  return "Is there evidence that " + criterion + " " + item->title + " is " +
         (control ? "implemented" : "met") + "? The " + (control ? "control" : "requirement") +
         " asks: " + item->description;
}

}  // namespace

Result<std::vector<Record>> generate_checklist(store::Database& db, int64_t org, int64_t audit_id,
                                               const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<std::vector<Record>> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto audit, records::find(ctx, audits(), audit_id));
    if (!audit) return Error::not_found("no such internal audit");
    if (!checklist_open(*audit))
      return Error{ErrorCode::failed_precondition,
                   "the audit is " + in_sentence(audits().state(audit->state)->label) +
                       "; its checklist no longer changes",
                   {}};
    records::Query on_checklist;
    on_checklist.filters = {{"audit_id", std::to_string(audit_id)}};
    // An item archived on purpose was taken off the checklist by a person: it is not added back.
    on_checklist.archived = records::Archived::include;
    TRY_ASSIGN(const auto existing, records::list_all_in(tx, items(), org, on_checklist));
    std::set<std::string> covered;
    for (const auto& i : existing)
      covered.insert(i.text("criterion"));
    std::vector<Record> added;
    for (const auto& criterion : audit->list("criteria")) {
      if (covered.count(criterion)) continue;
      Record input;
      input.values = {
          {"audit_id", audit_id}, {"criterion", criterion}, {"question", question_for(criterion)}};
      TRY_ASSIGN(Record item, records::create_in(ctx, items(), input));
      added.push_back(std::move(item));
    }
    return added;
  });
}

Result<Record> raise_nonconformity(store::Database& db, int64_t org, int64_t item_id,
                                   const records::Caller& caller) {
  const records::Description* register_ = records::find("nonconformity");
  if (!register_)
    return Error{ErrorCode::failed_precondition, "this aims keeps no nonconformities", {}};
  return db.write([&](store::Tx& tx) -> Result<Record> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto item, records::find(ctx, items(), item_id));
    if (!item) return Error::not_found("no such audit item");
    if (const auto raised = item->ids("nonconformity_id"); !raised.empty()) {
      TRY_ASSIGN(const auto existing, records::find(ctx, *register_, raised.front()));
      const std::string name = existing ? register_->display_name(*existing) : "one";
      return Error{ErrorCode::already_exists,
                   "this finding already raised the nonconformity \"" + name + "\"",
                   {}};
    }
    const std::string result = item->text("result");
    if (result != kMinorNonconformity && result != kMajorNonconformity)
      return Error{ErrorCode::failed_precondition,
                   "only a minor or major nonconformity is raised as a nonconformity; this item's "
                   "result is " +
                       (result.empty() ? std::string("not recorded yet")
                                       : in_sentence(items().choice_label("result", result))),
                   "result"};
    Record input;
    input.values = {
        {"title", "Audit finding: " + item->text("title")},
        {"description", item->is_set("notes") ? item->text("notes") : item->text("question")},
        {"grade", std::string(result == kMajorNonconformity ? "major" : "minor")},
        {"source", std::string("audit")}};
    TRY_ASSIGN(const Record nc, records::create_in(ctx, *register_, input));
    Record link;
    link.values["nonconformity_id"] = nc.id;
    TRY(records::update_kept_in(ctx, items(), item_id, link));
    return nc;
  });
}

}  // namespace aims::internal_audit
