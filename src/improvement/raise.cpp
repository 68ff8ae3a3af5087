// A nonconformity raised from an incident: one per incident, linked to it, its AI system and the
// monitor whose breach opened it, so the incident's page and the nonconformity's each show the
// other.
#include "base/text.h"
#include "base/time.h"
#include "improvement/improvement.h"
#include "records/rules.h"

namespace aims::improvement {
namespace {

using records::Record;

Result<std::optional<Record>> raised_in(store::Tx& tx, int64_t org, int64_t incident_id) {
  TRY_ASSIGN(auto page, records::list_in(tx, nonconformities(), org,
                                         {.filters = {{"incident_id", std::to_string(incident_id)}},
                                          .limit = 1}));
  if (page.items.empty()) return std::optional<Record>{};
  return std::optional<Record>{std::move(page.items.front())};
}

// A high or critical incident shows a failure the AIMS must answer for in full: major.
std::string grade_for(const Record& incident) {
  const std::string severity = incident.text("severity");
  return severity == "high" || severity == "critical" ? "major" : "minor";
}

Record from_incident(const Record& incident, const RaiseInput& input) {
  Record nc;
  const std::string title = input.title.empty() ? incident.text("title") : input.title;
  nc.values = {{"title", utf8_prefix(title, records::rules::kTextLimit)},
               {"grade", input.grade.empty() ? grade_for(incident) : input.grade},
               {"source", std::string("incident")},
               {"incident_id", incident.id}};
  const std::string description =
      input.description.empty() ? incident.text("description") : input.description;
  if (!description.empty()) nc.values["description"] = description;
  if (auto system = incident.number("system_id")) nc.values["system_ids"] = records::Ids{*system};
  if (auto monitor = incident.number("monitor_id"); monitor && *monitor > 0)
    nc.values["monitor_id"] = *monitor;
  return nc;
}

}  // namespace

Result<std::optional<Record>> raised_from_incident(store::Database& db, int64_t org,
                                                   int64_t incident_id) {
  return db.read([&](store::Tx& tx) { return raised_in(tx, org, incident_id); });
}

Result<Record> raise_from_incident(store::Database& db, int64_t org, int64_t incident_id,
                                   const RaiseInput& input, const records::Caller& caller) {
  return db.write([&](store::Tx& tx) -> Result<Record> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    TRY_ASSIGN(const auto incident, records::find(ctx, incidents(), incident_id));
    if (!incident) return Error::not_found("no such incident");
    TRY_ASSIGN(const auto earlier, raised_in(tx, org, incident_id));
    if (earlier)
      return Error{
          ErrorCode::already_exists,
          "nonconformity \"" + earlier->text("title") + "\" was already raised from this incident",
          {}};
    return records::create_in(ctx, nonconformities(), from_incident(*incident, input));
  });
}

}  // namespace aims::improvement
