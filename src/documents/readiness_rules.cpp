// What controlled documents prove for readiness: the AI policy exists and is published (clause
// 5.2), it is reviewed on time (Annex A.2.4), and documents are approved and kept current (7.5.2).
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

Result<Finding> policy_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto policies, records::list_all(db, documents(), org,
                                                    {.filters = {{"document_type", "ai_policy"}}}));
  Finding f;
  for (const auto& p : policies) {
    if (p.state == "published") {
      f.status = Status::met;
      f.reason = "The AI policy \"" + p.text("title") + "\" is approved and published.";
      f.links = {{p.text("title"), href(p.id)}};
      return f;
    }
  }
  if (!policies.empty()) {
    f.status = Status::partial;
    f.reason = "An AI policy is written but not yet approved and published.";
    f.links = {{policies.front().text("title"), href(policies.front().id)}};
    f.fix = f.links.front();
    return f;
  }
  f.reason = "No AI policy is recorded among the controlled documents.";
  f.fix = {"Write the AI policy", "/governance/documents/new"};
  return f;
}

Result<Finding> policy_review_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(
      const auto policies,
      records::list_all(db, documents(), org,
                        {.filters = {{"document_type", "ai_policy"}, {"state", "published"}}}));
  Finding f;
  if (policies.empty()) {
    f.reason = "There is no published AI policy to review.";
    f.fix = {"Documents", "/governance/documents"};
    return f;
  }
  const auto& p = policies.front();
  f.links = {{p.text("title"), href(p.id)}};
  if (p.text("next_review") >= today()) {
    f.status = Status::met;
    f.reason = "The AI policy is reviewed every " +
               std::to_string(p.number("review_interval_months").value_or(0)) +
               " months; its next review is due on " + p.text("next_review") + ".";
    return f;
  }
  f.reason = "The AI policy's review was due on " + p.text("next_review") + " and is overdue.";
  f.fix = f.links.front();
  return f;
}

Result<Finding> documents_current_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto published,
             records::list_all(db, documents(), org, {.filters = {{"state", "published"}}}));
  Finding f;
  if (published.empty()) {
    f.reason = "No controlled document is approved and published yet.";
    f.fix = {"Documents", "/governance/documents"};
    return f;
  }
  const std::string now = today();
  for (const auto& d : published) {
    if (d.is_set("next_review") && d.text("next_review") < now)
      f.links.push_back({d.text("title"), href(d.id)});
  }
  if (f.links.empty()) {
    f.status = Status::met;
    f.reason = "All " + std::to_string(published.size()) +
               " published documents were approved by someone other than their author and none "
               "is past its review date.";
    return f;
  }
  f.status = Status::partial;
  f.reason = std::to_string(f.links.size()) + " of " + std::to_string(published.size()) +
             " published documents are past their review date.";
  f.fix = f.links.front();
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
  });
}

}  // namespace aims::documents
