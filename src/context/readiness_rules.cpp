// What the context registers prove for readiness: internal and external issues determined, climate
// change judged relevant or not, and reviewed on time (4.1), interested parties with a decision on
// each of their requirements (4.2), and a communication plan that is followed (7.4).
#include <map>
#include <mutex>

#include "base/time.h"
#include "context/context.h"
#include "documents/documents.h"
#include "readiness/readiness.h"

namespace aims::context {
namespace {

// "1 of 7 issues": the verb that follows agrees with the part, not the whole.
std::string some_of(int64_t part, int64_t total, std::string_view one, std::string_view many) {
  return std::to_string(part) + " of " + readiness::counted(total, one, many);
}

using readiness::Finding;
using readiness::Status;
using records::Record;

constexpr const char* kIso42001 = "iso-iec-42001-2023";

std::string today() {
  return now_timestamp().substr(0, 10);
}

readiness::Link link_to(const records::Description& d, const Record& r) {
  return {d.display_name(r), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

// Sentences of the gaps found, one after another.
std::string joined(const std::vector<std::string>& sentences) {
  std::string out;
  for (const auto& s : sentences)
    out += (out.empty() ? "" : " ") + s;
  return out;
}

Result<Finding> issues_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto all, records::list_all(db, issues(), org));
  Finding f;
  f.fix = {"Record a context issue", "/context/issues/new"};
  int64_t internal = 0, external = 0, late = 0;
  bool climate_judged = false;  // a closed climate issue is a judgement too: it no longer matters
  const std::string now = today();
  for (const auto& r : all) {
    climate_judged = climate_judged || r.text("category") == "environmental_climate";
    if (r.state == "closed") continue;
    (r.text("origin") == "internal" ? internal : external) += 1;
    if (r.text("next_review") < now) {  // none set sorts first: never reviewed counts as late
      ++late;
      f.links.push_back(link_to(issues(), r));
    }
  }
  const int64_t total = internal + external;
  if (total == 0) {
    f.reason = "No context issue is recorded: neither internal nor external issues are determined.";
    return f;
  }
  std::vector<std::string> gaps;
  if (internal == 0) gaps.push_back("No internal issue is recorded.");
  if (external == 0) gaps.push_back("No external issue is recorded.");
  if (!climate_judged)
    gaps.push_back("No issue says whether climate change is relevant to the AIMS.");
  if (late > 0)
    gaps.push_back(some_of(late, total, "issue", "issues") + (late == 1 ? " has" : " have") +
                   " no review date, or one already passed.");
  if (gaps.empty()) {
    f.status = Status::met;
    f.reason = "Internal and external issues are recorded (" + std::to_string(internal) +
               " internal, " + std::to_string(external) +
               " external), each with a review date not yet passed; whether climate change is "
               "relevant is decided.";
    f.links = {{"Context issues", "/context/issues"}};
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = joined(gaps);
  if (late > 0) f.fix = f.links.front();
  return f;
}

Result<Finding> parties_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto parties_found, records::list_all(db, parties(), org));
  TRY_ASSIGN(const auto all, records::list_all(db, requirements(), org));
  Finding f;
  if (parties_found.empty()) {
    f.reason = "No interested party is recorded.";
    f.fix = {"Record an interested party", "/context/parties/new"};
    return f;
  }
  const std::string recorded =
      readiness::counted(int64_t(parties_found.size()), "interested party", "interested parties");
  if (all.empty()) {
    f.status = Status::partial;
    f.reason = recorded + (parties_found.size() == 1 ? " is" : " are") +
               " recorded, but none of their requirements.";
    f.fix = {"Record a requirement", "/context/requirements/new"};
    return f;
  }
  std::map<std::string, int64_t> decided;
  for (const auto& r : all) {
    if (r.is_set("decision"))
      ++decided[r.text("decision")];
    else
      f.links.push_back(link_to(requirements(), r));
  }
  const int64_t total = int64_t(all.size());
  if (!f.links.empty()) {
    f.status = Status::partial;
    const auto undecided = int64_t(f.links.size());
    f.reason = some_of(undecided, total, "requirement", "requirements") +
               (undecided == 1 ? " has" : " have") +
               " no decision on whether the AIMS addresses it.";
    f.fix = f.links.front();
    return f;
  }
  f.status = Status::met;
  f.reason = recorded + " and " + readiness::counted(total, "requirement", "requirements") +
             " are recorded, each with a decision: " + std::to_string(decided["addressed"]) +
             " addressed, " + std::to_string(decided["partly"]) + " partly, " +
             std::to_string(decided["not_yet"]) + " not yet, " +
             std::to_string(decided["not_applicable"]) + " not applicable.";
  f.links = {{"Interested parties", "/context/parties"},
             {"Requirements of interested parties", "/context/requirements"}};
  return f;
}

Result<Finding> communication_rule(store::Database& db, int64_t org) {
  TRY_ASSIGN(const auto items,
             records::list_all(db, plan_items(), org, {.filters = {{"active", "true"}}}));
  Finding f;
  if (items.empty()) {
    f.reason = "The communication plan has no active item.";
    f.fix = {"Plan a communication", "/support/communication-plan/new"};
    return f;
  }
  const std::string now = today();
  const std::string year_ago = documents::add_months(now, -12).value_or(now);
  for (const auto& r : items)
    if (r.is_set("next_due") && r.text("next_due") < now)
      f.links.push_back(link_to(plan_items(), r));
  TRY_ASSIGN(const auto made, records::list_all(db, communications(), org));
  int64_t recent = 0;
  for (const auto& c : made)
    recent += c.text("made_on") >= year_ago;
  const int64_t total = int64_t(items.size());
  const std::string plan =
      "The communication plan has " + readiness::counted(total, "active item", "active items");
  std::vector<std::string> gaps;
  if (recent == 0) gaps.push_back("No communication is recorded in the last 12 months.");
  if (!f.links.empty())
    gaps.push_back(
        some_of(int64_t(f.links.size()), total, "active plan item", "active plan items") +
        (f.links.size() == 1 ? " is" : " are") + " overdue.");
  if (gaps.empty()) {
    f.status = Status::met;
    f.reason = plan + ", none overdue; " +
               readiness::counted(recent, "communication was", "communications were") +
               " made in the last 12 months.";
    f.links = {{"Communication plan", "/support/communication-plan"},
               {"Communications", "/support/communications"}};
    return f;
  }
  f.status = Status::partial;
  f.reason = joined(gaps);
  f.fix = f.links.empty() ? readiness::Link{"Record a communication", "/support/communications/new"}
                          : f.links.front();
  return f;
}

}  // namespace

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    readiness::add_rule({kIso42001,
                         "4.1",
                         {"context issues: internal, external and their review dates"},
                         issues_rule});
    readiness::add_rule({kIso42001,
                         "4.2",
                         {"interested parties", "requirements of interested parties"},
                         parties_rule});
    readiness::add_rule(
        {kIso42001, "7.4", {"communication plan", "communications made"}, communication_rule});
  });
}

}  // namespace aims::context
