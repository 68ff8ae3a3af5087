// A programme's coverage: which audits cover each clause requirement and applicable Annex A
// control, the gaps first.
#include <algorithm>
#include <set>

#include "controls/controls.h"
#include "internal_audit/internal_audit.h"

namespace aims::internal_audit {

std::vector<CoverageLine> coverage(const std::vector<Requirement>& required,
                                   const std::vector<AuditScope>& audits) {
  std::vector<CoverageLine> lines;
  for (const auto& r : required) {
    CoverageLine line{r, {}};
    for (const auto& a : audits)
      if (std::find(a.criteria.begin(), a.criteria.end(), r.id) != a.criteria.end())
        line.audits.push_back({a.id, a.name});
    lines.push_back(std::move(line));
  }
  std::stable_partition(lines.begin(), lines.end(),
                        [](const CoverageLine& l) { return !l.covered(); });
  return lines;
}

std::vector<Requirement> required_of(const std::vector<std::string>& applicable_controls) {
  std::vector<Requirement> out;
  const controls::Framework* iso = controls::built_in_framework(controls::kIso42001);
  if (!iso) return out;
  for (const auto& i : iso->items)
    if (i.kind == "requirement") out.push_back({i.id, i.title});
  const std::set<std::string> applicable(applicable_controls.begin(), applicable_controls.end());
  for (const controls::Item* c : controls::annex_a_controls())
    if (applicable.count(c->id)) out.push_back({c->id, c->title});
  return out;
}

namespace {

// The Annex A controls the organisation's SoA marks applicable; none without an SoA register.
Result<std::vector<std::string>> applicable_controls(store::Database& db, int64_t org) {
  std::vector<std::string> out;
  const records::Description* soa = records::find("soa_entry");
  if (!soa) return out;
  records::Query q;
  q.filters = {{"applicability", "applicable"}};
  TRY_ASSIGN(const auto entries, records::list_all(db, *soa, org, q));
  for (const auto& e : entries)
    if (e.text("framework") == controls::kIso42001) out.push_back(e.text("control"));
  return out;
}

}  // namespace

Result<ProgrammeCoverage> programme_coverage(store::Database& db, int64_t org, int64_t programme) {
  TRY(records::get(db, programmes(), org, programme));
  records::Query q;
  q.filters = {{"programme_id", std::to_string(programme)}};
  TRY_ASSIGN(const auto all, records::list_all(db, audits(), org, q));
  ProgrammeCoverage out;
  for (const auto& a : all)
    if (a.state != "cancelled") out.audits.push_back({a.id, a.text("title"), a.list("criteria")});
  TRY_ASSIGN(const auto applicable, applicable_controls(db, org));
  out.lines = coverage(required_of(applicable), out.audits);
  out.uncovered = std::count_if(out.lines.begin(), out.lines.end(),
                                [](const CoverageLine& l) { return !l.covered(); });
  return out;
}

}  // namespace aims::internal_audit
