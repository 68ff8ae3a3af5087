// What controlled documents prove for readiness: the AI policy is published and shows its
// commitments (clause 5.2), people acknowledged it (7.3), it is current (A.2.2), names the policies
// it aligns with (A.2.3) and is reviewed on time (A.2.4); documents are approved and kept current
// (7.5.2). Whether each states its retention is part of retention's 7.5.3 rule.
#include <mutex>

#include "base/time.h"
#include "documents/documents.h"
#include "readiness/readiness.h"

namespace aims::documents {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

std::string href(int64_t id) {
  return "/governance/documents/" + std::to_string(id);
}

std::string today() {
  return now_timestamp().substr(0, 10);
}

// A document is in force from its first approval until it is retired: a revision under way leaves
// the approved version standing (clause 7.5), so it still counts.
bool in_force(const records::Record& d) {
  return d.frozen > 0 && d.state != "retired";
}

std::string revision_note(const records::Record& d) {
  return d.state == "published" ? "" : "; a revision is under way";
}

Result<std::vector<records::Record>> ai_policies(store::Database& db, int64_t org) {
  return records::list_all(db, documents(), org, {.filters = {{"document_type", "ai_policy"}}});
}

Result<Finding> policy_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto policies, ai_policies(db, org));
  Finding f;
  for (const auto& p : policies) {
    if (!in_force(p)) continue;
    f.links = {{p.text("title"), href(p.id)}};
    std::string untied;
    for (const auto& c : check_commitments(p))
      if (!c.found) untied += std::string(untied.empty() ? "" : "; ") + c.commitment->label;
    if (!untied.empty()) {
      f.status = Status::partial;
      f.reason =
          "The AI policy \"" + p.text("title") +
          "\" is approved, but these commitments are not tied to a section of its text: " + untied +
          ".";
      f.fix = f.links.front();
      return f;
    }
    f.status = Status::met;
    f.reason = "The AI policy \"" + p.text("title") + "\" is approved (version " +
               std::to_string(p.frozen) + " in force" + revision_note(p) +
               ") and ties each commitment to a section of its text.";
    return f;
  }
  for (const auto& p : policies) {
    if (p.state == "retired") continue;
    f.status = Status::partial;
    f.reason = "An AI policy is written but not yet approved and published.";
    f.links = {{p.text("title"), href(p.id)}};
    f.fix = f.links.front();
    return f;
  }
  f.fix = {"Write the AI policy", "/governance/documents/new"};
  if (!policies.empty()) {
    f.reason = "The AI policy \"" + policies.front().text("title") +
               "\" was retired and no other AI policy is in force.";
    f.links = {{policies.front().text("title"), href(policies.front().id)}};
    return f;
  }
  f.reason = "No AI policy is recorded among the controlled documents.";
  return f;
}

// Every AI policy in force must be within its review date, not just the first one found.
Result<Finding> policy_review_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto policies, ai_policies(db, org));
  Finding f;
  std::vector<const records::Record*> overdue;
  const records::Record* current = nullptr;
  for (const auto& p : policies) {
    if (!in_force(p)) continue;
    if (p.text("next_review") < today())
      overdue.push_back(&p);
    else if (!current)
      current = &p;
  }
  if (!overdue.empty()) {
    const auto& p = *overdue.front();
    f.links = {{p.text("title"), href(p.id)}};
    f.reason = "The review of the AI policy \"" + p.text("title") + "\" was due on " +
               p.text("next_review") + " and is overdue.";
    f.fix = f.links.front();
    return f;
  }
  if (!current) {
    f.reason = "There is no AI policy in force to review.";
    f.fix = {"Documents", "/governance/documents"};
    return f;
  }
  f.status = Status::met;
  f.links = {{current->text("title"), href(current->id)}};
  f.reason = "The AI policy is reviewed every " +
             std::to_string(current->number("review_interval_months").value_or(0)) +
             " months; its next review is due on " + current->text("next_review") + ".";
  return f;
}

Result<Finding> documents_current_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, documents(), org));
  std::vector<const records::Record*> approved;
  for (const auto& d : all) {
    if (in_force(d)) approved.push_back(&d);
  }
  Finding f;
  if (approved.empty()) {
    f.reason = "No controlled document is approved and in force yet.";
    f.fix = {"Documents", "/governance/documents"};
    return f;
  }
  const std::string now = today();
  for (const auto* d : approved) {
    if (d->is_set("next_review") && d->text("next_review") < now)
      f.links.push_back({d->text("title"), href(d->id)});
  }
  const std::string count = std::to_string(approved.size());
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = (approved.size() == 1 ? "The one approved document was"
                                     : "All " + count + " approved documents were") +
               std::string(
                   " approved by someone other than their author, and none is past its "
                   "review date.");
    return f;
  }
  f.status = Status::partial;
  f.reason = std::to_string(f.links.size()) + " of " + count +
             " approved documents are past their review date.";
  f.fix = f.links.front();
  return f;
}

const records::Record* policy_in_force(const std::vector<records::Record>& policies) {
  for (const auto& p : policies)
    if (in_force(p)) return &p;
  return nullptr;
}

Finding no_policy() {
  Finding f;
  f.reason = "There is no AI policy in force.";
  f.fix = {"Write the AI policy", "/governance/documents/templates"};
  return f;
}

// Clause 7.3: awareness of the AI policy, shown by most of its audience acknowledging the version
// in force. "Most" is at least four in five: a round still open with new joiners or people away
// should not fail it, a policy half the staff never read should.
Result<Finding> awareness_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto policies, ai_policies(db, org));
  const records::Record* p = policy_in_force(policies);
  if (!p) return no_policy();
  TRY_ASSIGN(const auto round, acknowledgements(db, org, p->id));
  Finding f;
  f.links = {{p->text("title"), href(p->id)}};
  f.fix = f.links.front();
  const int64_t total = static_cast<int64_t>(round.people.size()), done = round.acknowledged();
  if (total == 0) {
    f.reason = "The AI policy \"" + p->text("title") +
               "\" asks nobody to acknowledge it: name the roles or people who must read it.";
    return f;
  }
  const std::string counts = std::to_string(done) + " of " + std::to_string(total);
  f.status = done * 5 >= total * 4 ? Status::met : Status::partial;
  f.reason = counts + " people asked have acknowledged version " + std::to_string(round.version) +
             " of the AI policy" +
             (f.status == Status::met ? "." : "; at least four in five are expected.");
  if (f.status == Status::met) f.fix = {};
  return f;
}

// Annex A.2.2: an AI policy is documented, approved and not past its review date.
Result<Finding> policy_current_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto policies, ai_policies(db, org));
  const records::Record* p = policy_in_force(policies);
  if (!p) return no_policy();
  Finding f;
  f.links = {{p->text("title"), href(p->id)}};
  if (p->is_set("next_review") && p->text("next_review") < today()) {
    f.status = Status::partial;
    f.reason = "The AI policy \"" + p->text("title") + "\" is approved but its review was due on " +
               p->text("next_review") + ".";
    f.fix = f.links.front();
    return f;
  }
  f.status = Status::met;
  f.reason = "The AI policy \"" + p->text("title") + "\" is approved (version " +
             std::to_string(p->frozen) + ") and current.";
  return f;
}

// Annex A.2.3: the AI policy says which other policies of the organisation it aligns with.
Result<Finding> alignment_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto policies, ai_policies(db, org));
  const records::Record* p = policy_in_force(policies);
  if (!p) return no_policy();
  Finding f;
  f.links = {{p->text("title"), href(p->id)}};
  if (!p->is_set("aligned_policies")) {
    f.status = Status::partial;
    f.reason = "The AI policy \"" + p->text("title") +
               "\" does not name the organisation's other policies it aligns with.";
    f.fix = f.links.front();
    return f;
  }
  f.status = Status::met;
  f.reason = "The AI policy \"" + p->text("title") + "\" names the policies it aligns with.";
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001, "5.2", {"controlled documents: the AI policy"}, policy_rule});
    readiness::add_rule(
        {kIso42001, "A.2.4", {"controlled documents: the AI policy's review"}, policy_review_rule});
    readiness::add_rule({kIso42001,
                         "7.5.2",
                         {"controlled documents: approvals and review dates"},
                         documents_current_rule});
    readiness::add_rule({kIso42001,
                         "7.3",
                         {"controlled documents: acknowledgements of the AI policy"},
                         awareness_rule});
    readiness::add_rule(
        {kIso42001, "A.2.2", {"controlled documents: the AI policy"}, policy_current_rule});
    readiness::add_rule({kIso42001,
                         "A.2.3",
                         {"controlled documents: the AI policy's aligned policies"},
                         alignment_rule});
  });
}

}  // namespace aims::documents
