// Adopting a new version of the risk criteria: checked, stored whole with its audit event, and
// every risk that is not closed re-scored with it in the same transaction.
#include "base/json_text.h"
#include "base/time.h"
#include "risk/criteria_json.h"
#include "risk/risk.h"
#include "trail/trail.h"

namespace aims::risk {
namespace {

// A scale may lose a step only when no open risk scores it.
Status scales_still_fit(const std::vector<records::Record>& open, const Criteria& c) {
  records::Problems p;
  int64_t beyond_likelihood = 0, beyond_impact = 0;
  for (const auto& r : open) {
    for (const char* side : {"inherent", "residual"}) {
      const auto l = r.number(std::string(side) + "_likelihood");
      const auto i = r.number(std::string(side) + "_impact");
      if (l && size_t(*l) > c.likelihood.size()) ++beyond_likelihood;
      if (i && size_t(*i) > c.impact.size()) ++beyond_impact;
    }
  }
  if (beyond_likelihood)
    p.add("likelihood",
          std::to_string(beyond_likelihood) +
              " scores of open risks are beyond the shorter scale: rescore them first");
  if (beyond_impact)
    p.add("impact", std::to_string(beyond_impact) +
                        " scores of open risks are beyond the shorter scale: rescore them first");
  return p.status();
}

void note_move(std::vector<LevelMove>& moved, const records::Record& before,
               const records::Record& after, const char* side) {
  const std::string key = std::string(side) + "_level";
  if (before.text(key) == after.text(key)) return;
  moved.push_back({after.id, after.text("title"), side, before.text(key), after.text(key)});
}

}  // namespace

Result<Adoption> adopt_criteria(store::Database& db, int64_t org, Criteria proposed,
                                const records::Caller& caller) {
  TRY(check(proposed));
  return db.write([&](store::Tx& tx) -> Result<Adoption> {
    TRY_ASSIGN(const Criteria current, current_criteria(tx, org));
    if (proposed.version != current.version)
      return Error{ErrorCode::stale_version,
                   "the criteria were changed by someone else since version " +
                       std::to_string(proposed.version) + "; reload them",
                   {}};
    TRY_ASSIGN(const auto all, records::list_all_in(tx, risks(), org));
    std::vector<records::Record> open;
    for (const auto& r : all)
      if (r.state != "closed" && !r.archived_at) open.push_back(r);
    TRY(scales_still_fit(open, proposed));
    Criteria adopted = proposed;
    adopted.version = current.version + 1;
    adopted.changed_by = caller.actor.label;
    adopted.changed_at = now_timestamp();
    const std::string body = criteria_json(adopted).dump();
    TRY_ASSIGN(const int64_t row,
               tx.insert("INSERT INTO risk_criteria (org_id, version, body, reason, changed_by, "
                         "changed_by_label, "
                         "changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                         {org, adopted.version, body, adopted.reason, caller.user_id,
                          adopted.changed_by, adopted.changed_at}));
    TRY(trail::record(tx, org, caller.actor,
                      {"risk_criteria",
                       row,
                       "adopt",
                       {{"version", json_text::number(current.version)}},
                       {{"version", json_text::number(adopted.version)},
                        {"criteria", body},
                        {"reason", json_text::quote(adopted.reason)}}}));
    const records::WriteContext ctx{tx, org, caller, adopted.changed_at};
    TRY_ASSIGN(const Criteria stored, current_criteria(tx, org));  // with the person's name
    Adoption out{stored, {}};
    for (const auto& before : open) {
      records::Record changes;
      changes.values["criteria_version"] = adopted.version;
      // An acceptance given under the old criteria no longer covers a level the new ones put
      // above the threshold: its owner must look at it again.
      const auto l = before.number("residual_likelihood"), i = before.number("residual_impact");
      const auto level = l && i ? level_of(adopted, *l, *i) : std::nullopt;
      if (before.state == "accepted" && level && above_threshold(adopted, *level) &&
          !above_threshold(current, before.text("residual_level")) &&
          !before.is_set("review_raised_on"))
        changes.values["review_raised_on"] = adopted.changed_at.substr(0, 10);
      TRY_ASSIGN(const auto after, records::update_kept_in(ctx, risks(), before.id, changes));
      note_move(out.moved, before, after, "inherent");
      note_move(out.moved, before, after, "residual");
    }
    return out;
  });
}

}  // namespace aims::risk
