// Meridian's management review for `aims demo seed`: the executive sponsor's AIMS role marked as
// top management, the review held last month with the executive sponsor in the chair and the
// AIMS manager and internal audit present, its input pack frozen, its minutes approved by the
// AIMS manager, three decisions as actions (one done, two open) and the next review planned.
#include "auth/auth.h"
#include "base/time.h"
#include "cli/demo.h"
#include "records/records.h"
#include "review/review.h"
#include "roles/roles.h"

namespace aims::cli {
namespace {

using records::FieldValue;
using records::Record;
using namespace std::string_literals;

constexpr const char* kMinutes =
    R"(**Purpose.** The first full management review of Meridian's AI management system, before the Stage 1 audit.

**Discussion.**

- *Earlier actions.* None: this is the first review.
- *Context.* The EU AI Act's obligations for high-risk credit scoring apply from August 2026; the partner hospitals asked for the triage aid's clinical safety case.
- *Performance.* The credit model's fairness monitor breached its disparate impact threshold once this quarter; the incident is closed and the retraining check added. Objectives are on track except the share of systems with an approved impact assessment.
- *Risks.* Two open risks remain above the acceptance threshold; the executive sponsor asked for their treatment plans at the next committee meeting.
- *Readiness.* Clauses 9 and 10 are the weakest: the internal audit programme has one audit done.

**Decisions.** Recorded as actions below, each with an owner and a due date.)";

struct Seeder {
  store::Database& db;
  int64_t org;
  records::Caller caller;

  Result<int64_t> add(const records::Description& d, std::map<std::string, FieldValue> values) {
    Record r;
    r.values = std::move(values);
    TRY_ASSIGN(const Record created, records::create(db, d, org, r, caller));
    return created.id;
  }
};

Result<int64_t> user_id(store::Database& db, int64_t org, const char* email) {
  TRY_ASSIGN(const auth::User u, auth::find_user_by_email(db, org, email));
  return u.id;
}

// The executive sponsor's role: top management, whose presence the review's hold checks.
Status seed_sponsor_role(Seeder& s, int64_t henrik) {
  TRY_ASSIGN(const int64_t role,
             s.add(roles::aims_roles(),
                   {{"name", "Executive sponsor"s},
                    {"purpose",
                     "Speaks for the executive committee in the AIMS and answers to the "
                     "board for Meridian's use of AI."s},
                    {"responsibilities",
                     "- Chairs the management review and the AI governance committee.\n"
                     "- Provides the people and budget the AIMS needs.\n"
                     "- Accepts residual risks above the acceptance threshold, in writing."s},
                    {"top_management", true},
                    {"min_holders", int64_t{1}}}));
  TRY(s.add(roles::role_assignments(),
            {{"person_id", henrik},
             {"role_id", role},
             {"from_date", "2025-02-01"s},
             {"appointment_note", "Named by the executive committee (board minute 2025/07)."s}}));
  return {};
}

Status seed_actions(Seeder& s, int64_t review, int64_t priya, int64_t tomas, int64_t ada) {
  TRY_ASSIGN(const int64_t done,
             s.add(review::review_actions(),
                   {{"review_id", review},
                    {"title", "Fund a second model validator"s},
                    {"kind", "resources"s},
                    {"decision",
                     "Model validation is one person deep; approve a second validator for the "
                     "credit and triage models from next quarter's budget."s},
                    {"owner_id", ada},
                    {"due_on", days_from_today(-5)}}));
  TRY_ASSIGN(const Record action, records::get(s.db, review::review_actions(), s.org, done));
  TRY(records::transition(
      s.db, review::review_actions(), s.org, done,
      {.name = "complete",
       .values = {.values = {{"outcome",
                              "Budget approved; the role is advertised and an "
                              "interim contractor validates from next month."s}}},
       .expected_version = action.version},
      s.caller));
  TRY(s.add(review::review_actions(),
            {{"review_id", review},
             {"title", "Add a bias review to the credit model's retraining pipeline"s},
             {"kind", "improvement"s},
             {"decision",
              "Retraining must not reach production without the fairness checks of "
              "the validation workshop; make the pipeline run them and stop on a "
              "breach."s},
             {"owner_id", tomas},
             {"due_on", days_from_today(45)}}));
  TRY(s.add(review::review_actions(),
            {{"review_id", review},
             {"title", "Extend the AIMS scope to the content moderation service"s},
             {"kind", "change"s},
             {"decision",
              "Bring content moderation into scope before the surveillance audit, "
              "with its risks and an impact assessment."s},
             {"owner_id", priya},
             {"due_on", days_from_today(120)}}));
  return {};
}

}  // namespace

Status seed_demo_review(store::Database& db, int64_t org, const DemoPeople& people) {
  // The admin writes the review, so the AIMS manager (neither its author nor its chair) may
  // approve the minutes.
  Seeder s{db, org, {people.admin, people.admin.user_id, auth::Role::admin}};
  TRY_ASSIGN(const int64_t henrik, user_id(db, org, "cfo@meridian.example"));
  TRY_ASSIGN(const int64_t priya, user_id(db, org, "aims.manager@meridian.example"));
  TRY_ASSIGN(const int64_t tomas, user_id(db, org, "data.science@meridian.example"));
  TRY_ASSIGN(const int64_t grace, user_id(db, org, "auditor@meridian.example"));
  TRY(seed_sponsor_role(s, henrik));
  const std::string held_on = days_from_today(-30);
  TRY_ASSIGN(const int64_t review,
             s.add(review::management_reviews(), {{"title", "Management review, first half"s},
                                                  {"planned_on", held_on},
                                                  {"chair_id", henrik},
                                                  {"next_review_on", days_from_today(150)}}));
  for (const auto& [person, capacity] :
       {std::pair{henrik, "Executive sponsor (chair)"}, std::pair{priya, "AIMS manager"},
        std::pair{tomas, "Head of data science"}, std::pair{grace, "Internal audit"}})
    TRY(s.add(review::review_attendees(),
              {{"review_id", review}, {"person_id", person}, {"capacity", std::string(capacity)}}));
  TRY_ASSIGN(Record planned, records::get(db, review::management_reviews(), org, review));
  TRY(review::hold(db, org, review,
                   {.held_on = held_on,
                    .minutes = kMinutes,
                    .reason = "Held as planned",
                    .expected_version = planned.version},
                   s.caller));
  TRY(seed_actions(s, review, priya, tomas, people.admin.user_id.value_or(0)));
  const records::Caller manager{people.manager, people.manager.user_id, auth::Role::aims_manager};
  TRY_ASSIGN(const Record now_held, records::get(db, review::management_reviews(), org, review));
  TRY(records::transition(db, review::management_reviews(), org, review,
                          {.name = "approve_minutes",
                           .reason = "Minutes agree with my notes of the meeting",
                           .expected_version = now_held.version},
                          manager));
  TRY(s.add(review::management_reviews(), {{"title", "Management review, second half"s},
                                           {"planned_on", days_from_today(150)},
                                           {"chair_id", henrik}}));
  return {};
}

}  // namespace aims::cli
