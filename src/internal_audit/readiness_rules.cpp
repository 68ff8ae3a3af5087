// What the audit records prove for readiness: 9.2.1 (a programme for the present period covering
// every clause requirement and applicable control, approved) and 9.2.2 (its audits carried out
// and reported by their planned end).
#include <mutex>

#include "base/time.h"
#include "internal_audit/internal_audit.h"

namespace aims::internal_audit {
namespace {

using readiness::Finding;
using readiness::Status;

constexpr const char* kIso42001 = "iso-iec-42001-2023";
// How many uncovered requirements a reason names before "and N more".
constexpr size_t kNamedGaps = 12;

readiness::Link link_to(const records::Description& d, const records::Record& r) {
  return {r.text("title"), std::string(d.page_path) + "/" + std::to_string(r.id)};
}

std::string gap_list(const std::vector<CoverageLine>& lines, int64_t uncovered) {
  std::string out;
  for (size_t n = 0; n < lines.size() && n < kNamedGaps && !lines[n].covered(); ++n)
    out += (n ? ", " : "") + lines[n].requirement.id;
  if (uncovered > static_cast<int64_t>(kNamedGaps))
    out += " and " + std::to_string(uncovered - static_cast<int64_t>(kNamedGaps)) + " more";
  return out;
}

bool reported(const records::Record& audit) {
  return audit.state == "reported" || audit.state == "closed";
}

bool late(const records::Record& audit, const std::string& today) {
  return (audit.state == "planned" || audit.state == "in_progress") &&
         audit.text("planned_end") < today;
}

}  // namespace

Result<Finding> programme_finding(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto all, records::list_all(db, programmes(), org));
  const records::Record* current = nullptr;
  for (const auto& p : all) {
    const bool now = p.text("period_start") <= today && today <= p.text("period_end");
    if (now && (!current || p.text("period_start") > current->text("period_start"))) current = &p;
  }
  Finding f;
  f.fix = {"Audit programme", programmes().page_path};
  if (!current) {
    f.reason = "No audit programme's period includes today (" + today + ").";
    return f;
  }
  TRY_ASSIGN(const ProgrammeCoverage cov, programme_coverage(db, org, current->id));
  f.links.push_back(link_to(programmes(), *current));
  const std::string name = "The audit programme \"" + current->text("title") + "\" (" +
                           current->text("period_start") + " to " + current->text("period_end") +
                           ")";
  const bool approved = current->state == "approved";
  if (cov.uncovered == 0 && approved) {
    f.status = Status::met;
    f.reason = name + " is approved, and its " +
               readiness::counted(static_cast<int64_t>(cov.audits.size()), "audit covers",
                                  "audits cover") +
               " all " + std::to_string(cov.lines.size()) +
               " clause requirements and applicable Annex A controls.";
    f.fix = {};
    return f;
  }
  f.status = Status::partial;
  f.reason = name + (approved ? " is approved" : " is not approved yet");
  if (cov.uncovered > 0)
    f.reason += "; " + std::to_string(cov.uncovered) + " of " + std::to_string(cov.lines.size()) +
                " clause requirements and applicable controls are not covered by any of its "
                "audits: " +
                gap_list(cov.lines, cov.uncovered);
  f.reason += ".";
  f.fix = f.links.front();
  return f;
}

Result<Finding> audits_finding(store::Database& db, int64_t org, const std::string& today) {
  TRY_ASSIGN(const auto all, records::list_all(db, audits(), org));
  Finding f;
  f.fix = {"Internal audits", audits().page_path};
  int64_t live = 0, done = 0;
  std::string overdue;
  for (const auto& a : all) {
    if (a.state == "cancelled") continue;
    ++live;
    done += reported(a);
    if (!late(a, today)) continue;
    overdue += (overdue.empty() ? "" : "; ") + a.text("title") + " (planned to end " +
               a.text("planned_end") + ")";
    f.links.push_back(link_to(audits(), a));
  }
  if (live == 0) {
    f.reason = "No internal audit is planned.";
    return f;
  }
  if (!f.links.empty()) {
    f.status = done > 0 ? Status::partial : Status::not_met;
    f.reason = readiness::counted(static_cast<int64_t>(f.links.size()), "audit is", "audits are") +
               " past the planned end without a report: " + overdue + ".";
    f.fix = f.links.front();
    return f;
  }
  if (done == 0) {
    f.status = Status::partial;
    f.reason = readiness::counted(live, "audit is", "audits are") +
               " planned and none is late, but none is reported yet.";
    return f;
  }
  f.status = Status::met;
  f.reason = readiness::counted(done, "audit is", "audits are") + " reported and " +
             std::to_string(live - done) + " more planned; none is past its planned end without " +
             "a report.";
  f.fix = {};
  return f;
}

void define_readiness_rules() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto today = [] { return now_timestamp().substr(0, 10); };
    readiness::add_rule({kIso42001,
                         "9.2.1",
                         {"audit programmes: period, approval, and the criteria of their audits",
                          "Statement of Applicability: the applicable controls"},
                         [today](store::Database& db, int64_t org) {
                           return programme_finding(db, org, today());
                         }});
    readiness::add_rule(
        {kIso42001,
         "9.2.2",
         {"internal audits: planned end and whether they are reported"},
         [today](store::Database& db, int64_t org) { return audits_finding(db, org, today()); }});
  });
}

}  // namespace aims::internal_audit
