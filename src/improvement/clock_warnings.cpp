// A day before a serious incident's Art. 73 report is due, the people who must send it hear of it
// once: webhooks receive incident.clock and the incident's owner (the AI system's owner when the
// incident has none) gets an email. aims serve runs this every few minutes.
#include "auth/auth.h"
#include "base/time.h"
#include "improvement/clock.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "notify/notify.h"

namespace aims::improvement {
namespace {

using records::Record;

bool needs_warning(const Record& incident, const ReportingClock& clock) {
  return !incident.is_set("clock_warned_at") &&
         (clock.state == ClockState::due_within_day || clock.state == ClockState::overdue);
}

std::optional<int64_t> recipient(const Record& incident, const std::optional<Record>& system) {
  if (auto owner = incident.number("owner_id")) return owner;
  if (system) return system->number("owner_id");
  return std::nullopt;
}

std::string warning_text(const Record& incident, const std::optional<Record>& system,
                         const ReportingClock& clock) {
  const std::string left = clock.state == ClockState::overdue
                               ? "It was due " + span_text(clock.seconds_left) + " ago."
                               : "It is due in " + span_text(clock.seconds_left) + ".";
  return "The report of the serious incident \"" + incident.text("title") + "\"" +
         (system ? " of " + system->text("name") : std::string()) +
         " to the market surveillance authority (EU AI Act Art. 73) is due by " +
         minute_text(clock.deadline) + " UTC. " + left +
         "\n\nRecord the report on the incident when it is sent; that stops the clock.";
}

Status warn(const records::WriteContext& ctx, const Record& incident, const ReportingClock& clock) {
  std::optional<Record> system;
  if (auto id = incident.number("system_id")) {
    TRY_ASSIGN(system, records::find(ctx, inventory::ai_systems(), *id));
  }
  TRY(notify::publish(ctx.tx, ctx.org, notify::event::incident_clock,
                      {{"incident_id", incident.id},
                       {"title", incident.text("title")},
                       {"ai_system_id", incident.number("system_id").value_or(0)},
                       {"deadline", clock.deadline},
                       {"seconds_left", clock.seconds_left},
                       {"state", std::string(state_key(clock.state))}}));
  if (auto person = recipient(incident, system)) {
    TRY(notify::email_person(ctx.tx, ctx.org, *person,
                             "Art. 73 report due: " + incident.text("title"),
                             warning_text(incident, system, clock),
                             "/improvement/incidents/" + std::to_string(incident.id)));
  }
  Record mark;
  mark.values["clock_warned_at"] = ctx.now;
  TRY(records::update_in(ctx, incidents(), incident.id, mark, std::nullopt));
  return {};
}

// The incidents whose clock warrants a warning now and has not had one.
Result<std::vector<std::pair<Record, ReportingClock>>> due_for_warning(store::Tx& tx, int64_t org,
                                                                       const std::string& now) {
  TRY_ASSIGN(auto all, records::list_all_in(tx, incidents(), org));
  std::vector<std::pair<Record, ReportingClock>> due;
  for (Record& incident : all) {
    // The due day is set only while a serious incident of a high-risk system is unreported.
    if (!incident.is_set("report_due_by")) continue;
    auto clock = reporting_clock(incident.text("serious_kind"), incident.text("became_aware_at"),
                                 std::nullopt, now);
    if (clock && needs_warning(incident, *clock)) due.emplace_back(std::move(incident), *clock);
  }
  return due;
}

// Looks in a read transaction first: most runs find nothing, and a write transaction every few
// minutes per organisation would queue behind every import and hold up SQLite's other writers.
Result<int> warn_in(store::Database& db, int64_t org, const std::string& now) {
  TRY_ASSIGN(const auto seen,
             db.read([&](store::Tx& tx) { return due_for_warning(tx, org, now); }));
  if (seen.empty()) return 0;
  return db.write([&](store::Tx& tx) -> Result<int> {
    static const trail::Actor clock_actor{"system", std::nullopt, "EU AI Act reporting clock"};
    const records::Caller caller{clock_actor, std::nullopt, std::nullopt};
    const records::WriteContext ctx{tx, org, caller, now};
    // Checked again inside the write: another server may have warned in between.
    TRY_ASSIGN(const auto due, due_for_warning(tx, org, now));
    for (const auto& [incident, clock] : due)
      TRY(warn(ctx, incident, clock));
    return static_cast<int>(due.size());
  });
}

}  // namespace

Result<int> warn_reporting_clocks(store::Database& db, int64_t org, std::string_view now) {
  return warn_in(db, org, std::string(now));
}

Result<int> warn_reporting_clocks(store::Database& db, std::string_view now) {
  TRY_ASSIGN(const auto orgs, auth::list_organisations(db));
  int warned = 0;
  for (const auto& org : orgs) {
    TRY_ASSIGN(const int n, warn_in(db, org.id, std::string(now)));
    warned += n;
  }
  return warned;
}

}  // namespace aims::improvement
